"""Self-booking under a real server: gunicorn with 4 workers, and from another process
many companies book the same popular company in the same slot at the same instant.
Exactly one gets the meeting (302 to its agenda), every other one a 409, nobody a 5xx,
and the database holds one meeting.

PostgreSQL: 100 simultaneous bookings, on a scratch database created next to the
suite's DATABASE_URL (skipped when the suite runs on SQLite). SQLite (WAL, busy
timeout): 10 simultaneous writers on a database file in a temporary folder.

The server runs with CSRF and the login rate limit switched off through its
environment (FORUMAPP_WTF_CSRF_ENABLED / FORUMAPP_RATELIMIT_ENABLED) so the
client can log 100 companies in and post bare forms; loopback only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from forumapp.b2b.models import B2BMeeting, MatchmakingMode, MeetingSeat
from forumapp.core.extensions import db
from tests import factories
from tests.b2b_factories import company, matchmaking
from tests.concurrency.server import gunicorn
from tests.support import make_test_app, on_postgres, scratch_postgres_database

CLIENT = Path(__file__).with_name("fire_bookings.py")
pytestmark = pytest.mark.slow

SERVER_ENV = {"FORUMAPP_WTF_CSRF_ENABLED": "false", "FORUMAPP_RATELIMIT_ENABLED": "false"}


def seed(database_url: str, askers: int, outbox: Path) -> dict:
    """A migrated database with one self-booking session, a popular company and
    ``askers`` companies that all want it in the first slot."""
    app = make_test_app(database_url, MAIL_OUTBOX=str(outbox))
    with app.app_context():
        upgrade()
        with app.test_request_context("/"):
            mm = matchmaking(mode=MatchmakingMode.SELF_BOOKING, tables=10)
            popular = company(mm, "popular@x.example", "Popular")
            emails = [f"asker{i}@x.example" for i in range(askers)]
            for n, email in enumerate(emails):
                company(mm, email, f"Asker {n}")
            job = {
                "path": f"/b2b/{mm.id}/book/{popular.id}",
                "form": {"slot": str(mm.slots[0].id)},
                "emails": emails,
                "password": factories.PASSWORD,
                "slot_id": mm.slots[0].id,
                "popular_key": f"participant:{popular.id}",
            }
        db.session.remove()
        db.engine.dispose()
    return job


def meetings_in_database(database_url: str, job: dict) -> tuple[int, list[str]]:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            meetings = conn.execute(sa.select(sa.func.count()).select_from(B2BMeeting)).scalar()
            seats = conn.execute(
                sa.select(MeetingSeat.seat_key).where(MeetingSeat.slot_id == job["slot_id"])
            ).scalars()
            return meetings, list(seats)
    finally:
        engine.dispose()


def race(database_url: str, tmp_path: Path, askers: int, monkeypatch) -> None:
    # make_test_app hashes with a cheap method, so 100 sign-ups and logins do not
    # dominate the run (scrypt is memory-hard on purpose); the server checks any scheme.
    job = seed(database_url, askers, tmp_path / "outbox")
    with gunicorn(database_url, tmp_path, workers=4, env=SERVER_ENV) as base_url:
        done = subprocess.run(
            [sys.executable, str(CLIENT)],
            input=json.dumps({**job, "base_url": base_url}),
            capture_output=True,
            text=True,
            timeout=150,
            check=False,
        )
    log = (tmp_path / "gunicorn.log").read_text(errors="replace")[-3000:]
    assert done.returncode == 0, f"{done.stderr}\n--- server log ---\n{log}"
    statuses = json.loads(done.stdout)["statuses"]
    summary = {str(s): statuses.count(s) for s in set(map(str, statuses))}
    assert statuses.count(302) == 1, f"{summary}\n--- server log ---\n{log}"
    assert statuses.count(409) == askers - 1, summary
    assert not [s for s in statuses if not isinstance(s, int) or s >= 500], summary
    meetings, seats = meetings_in_database(database_url, job)
    assert meetings == 1
    assert seats.count(job["popular_key"]) == 1


@pytest.fixture
def postgres_scratch_url():
    if not on_postgres():
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    with scratch_postgres_database("forumapp_gunicorn") as url:
        yield url


@pytest.mark.timeout(240)
def test_100_simultaneous_bookings_on_postgresql(postgres_scratch_url, tmp_path, monkeypatch):
    race(postgres_scratch_url, tmp_path, askers=100, monkeypatch=monkeypatch)


@pytest.mark.timeout(120)
def test_10_simultaneous_bookings_on_sqlite(tmp_path, monkeypatch):
    race(f"sqlite:///{tmp_path / 'race.sqlite3'}", tmp_path, askers=10, monkeypatch=monkeypatch)
