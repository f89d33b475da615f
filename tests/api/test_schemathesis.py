"""Schemathesis against /api/v1/openapi.json, on the WSGI app directly (no network).

Every operation gets generated requests (explicit examples, the coverage phase's edge
cases, then ``MAX_EXAMPLES`` fuzzed ones, valid and invalid), sent with the token of the
role it needs. Checks: no 5xx, and status code, content type, headers and body as the
document says. Path ids and booking bodies are often swapped for real ones, so the
fuzzing reaches real rows of the demo data and not only 404s. Derandomized: the same
cases on every run.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from datetime import time as dt_time

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from forumapp.accounts import tokens as api_tokens
from forumapp.accounts.models import User
from forumapp.api.views import spec as api_spec
from forumapp.b2b import booking as b2b_booking
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b.models import (
    B2BParticipant,
    BusinessProfile,
    MatchmakingMode,
    MatchmakingSession,
    MeetingRequest,
)
from forumapp.core.extensions import db
from forumapp.demo.b2b import FORUM_SLUG
from forumapp.demo.load import DEMO_ORGANISER_EMAIL, load_demo
from forumapp.demo.support import at
from forumapp.people.models import Person
from forumapp.programme import sessions
from forumapp.programme.models import Forum, SessionKind
from tests.support import empty_all_tables, make_test_app

MAX_EXAMPLES = 30  # fuzzed cases per operation; the other phases add their own
MIN_TOTAL_CASES = 1000
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
CASES: Counter[str] = Counter()
STATUSES: Counter[int] = Counter()
TIMES: dict[str, float] = {}


@dataclass
class FuzzWorld:
    app: object
    organiser: str
    company: str
    pools: dict[str, list] = field(default_factory=dict)


def _spare_rows() -> tuple[list[int], list[int]]:
    """Rows the DELETE operations may remove. Made first, so they hold ids 1 and 2: the
    coverage phase sends those boundary ids as they are (the mapping hooks act on the
    fuzzing phase only), and deleting the demo forum would leave every later operation
    a 404."""
    forums = []
    for n in range(3):
        spare = Forum(
            slug=f"spare-{n}",
            title={"en": f"Spare {n}"},
            timezone="Asia/Seoul",
            start_date=date(2026, 10, 14),
            end_date=date(2026, 10, 15),
        )
        db.session.add(spare)
        db.session.commit()
        forums.append(spare.id)
    spare_sessions = [
        sessions.create_session(
            forums[-1],  # the third spare forum: its sessions outlive the forum deletes
            sessions.SessionData(
                kind=SessionKind.NETWORKING,
                title={"en": f"Spare session {n}"},
                day=date(2026, 10, 14),
                starts=dt_time(8 + n, 0),
                ends=dt_time(8 + n, 30),
            ),
        ).id
        for n in range(3)
    ]
    return forums[:2], spare_sessions


def _build_world(app, monkeypatch) -> FuzzWorld:
    with app.test_request_context("/"):
        spare_forums, spare_sessions = _spare_rows()
        load_demo(organiser_password="kazakh-wind-2023")
        forum = db.session.scalar(db.select(Forum).where(Forum.slug == FORUM_SLUG))
        company = db.session.scalar(db.select(User).where(User.email == "company.kr@example.org"))
        organiser = db.session.scalar(db.select(User).where(User.email == DEMO_ORGANISER_EMAIL))
        # A self-booking session beside the demo's request-mode one, with every demo
        # company in it and two meetings already booked by company A.
        self_booking = b2b_sessions.create_matchmaking(
            b2b_sessions.MatchmakingData(
                forum_id=forum.id,
                title={"en": "Self-booked consultations"},
                windows=[
                    (at(forum.timezone, "2023-12-06 14:00"), at(forum.timezone, "2023-12-06 17:00"))
                ],
                table_count=4,
                mode=MatchmakingMode.SELF_BOOKING,
            )
        )
        for profile in db.session.scalars(db.select(BusinessProfile)):
            b2b_sessions.add_participant(self_booking.id, profile.id)
        me = b2b_sessions.participant_of(company, self_booking.id)
        others = db.session.scalars(
            db.select(B2BParticipant).where(
                B2BParticipant.matchmaking_id == self_booking.id, B2BParticipant.id != me.id
            )
        ).all()
        meetings = [
            b2b_booking.book(company, self_booking.id, other.id, slot.id).id
            for other, slot in zip(others[:2], self_booking.slots[:2], strict=True)
        ]
        mm_ids = list(db.session.scalars(db.select(MatchmakingSession.id)))
        pools = {
            "slug": [FORUM_SLUG],
            "session_key": [s.guid for s in forum.sessions],
            "speaker_key": list(
                db.session.scalars(db.select(Person.guid).order_by(Person.id).limit(10))
            ),
            "forum_id": [forum.id],
            "spare_forum_id": spare_forums,
            "session_id": [s.id for s in forum.sessions][:10],
            "spare_session_id": spare_sessions,
            "matchmaking_id": [self_booking.id, *mm_ids],
            "request_id": list(db.session.scalars(db.select(MeetingRequest.id))),
            "meeting_id": meetings,
            "participant_id": [o.id for o in others],
            "slot_id": [s.id for s in self_booking.slots],
        }
        return FuzzWorld(
            app=app,
            organiser=api_tokens.create_token(organiser, "fuzz").secret,
            company=api_tokens.create_token(company, "fuzz").secret,
            pools=pools,
        )


@pytest.fixture(scope="module")
def fuzz_world(database_url, tmp_path_factory):
    app = make_test_app(database_url, MAIL_OUTBOX=str(tmp_path_factory.mktemp("outbox")))
    monkeypatch = pytest.MonkeyPatch()
    with app.app_context():
        world = _build_world(app, monkeypatch)
        POOLS.clear()
        POOLS.update(world.pools)
        TIMES["started"] = time.perf_counter()  # after the data set is built
        yield world
        db.session.remove()
        empty_all_tables()
        db.engine.dispose()
    monkeypatch.undo()


def _pick(pool: list, generated, *, destructive: bool = False) -> object:
    """Mostly a real value (chosen by the generated one, so still derandomized),
    sometimes the generated value itself (unknown ids must answer 404, not fail).
    A DELETE gets only spare rows or ids that exist nowhere: a generated 1 would
    otherwise delete the demo forum and leave every later operation a 404."""
    seed = generated if isinstance(generated, int) else len(str(generated))
    if pool and seed % 4 != 0:
        return pool[seed % len(pool)]
    if destructive and isinstance(generated, int) and generated > 0:
        return 2**31 - 1 - generated % 1000
    return generated


def _pool_for(name: str, method: str, path: str) -> str:
    if name == "key":
        return "speaker_key" if "/speakers/" in path else "session_key"
    if method == "DELETE" and name in ("forum_id", "session_id"):
        return f"spare_{name}"
    return name


def _load_schema():
    """The document as the app serves it (a test in test_openapi.py checks they are the
    same), loaded without an app: schemathesis' fixture-based loader does not run on
    pytest 9, so the schema is built at import and the app is passed to each call."""

    config = SchemathesisConfig.from_dict(
        {"generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True}}
    )
    loaded = schemathesis.openapi.from_dict(
        api_spec.document("http://localhost/api/v1"), config=config
    )

    @loaded.hook("map_path_parameters")
    def real_ids(context, path_parameters):
        if not path_parameters:
            return path_parameters
        op = context.operation
        method = op.method.upper()
        return {
            name: _pick(
                POOLS.get(_pool_for(name, method, op.path), []),
                value,
                destructive=method == "DELETE",
            )
            for name, value in path_parameters.items()
        }

    @loaded.hook("map_body")
    def real_counterparts(context, body):
        if isinstance(body, dict):
            for name, pool in (
                ("participant_id", "participant_id"),
                ("to_participant_id", "participant_id"),
                ("slot_id", "slot_id"),
            ):
                if isinstance(body.get(name), int):
                    body[name] = _pick(POOLS.get(pool, []), body[name])
        return body

    return loaded


# Real ids of the fuzz world, filled by its fixture before the first generated case.
POOLS: dict[str, list] = {}
schema = _load_schema()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_its_openapi_document_says(case, fuzz_world):
    path = case.operation.path
    if path.startswith("/manage"):
        headers = {"Authorization": f"Bearer {fuzz_world.organiser}"}
    elif path.startswith("/b2b"):
        headers = {"Authorization": f"Bearer {fuzz_world.company}"}
    else:
        headers = None
    response = case.call_and_validate(headers=headers, checks=CHECKS, app=fuzz_world.app)
    CASES[f"{case.operation.method.upper()} {path}"] += 1
    STATUSES[response.status_code] += 1


def test_enough_cases_ran():
    """Runs after the generated tests (file order): the figures the README quotes."""
    if not CASES:
        pytest.skip("the generated tests did not run in this session")
    total = sum(CASES.values())
    elapsed = time.perf_counter() - TIMES["started"]
    print(
        f"\nschemathesis: {total} cases over {len(CASES)} operations in {elapsed:.1f} s; "
        f"statuses {dict(sorted(STATUSES.items()))}"
    )
    assert total >= MIN_TOTAL_CASES
    assert not [status for status in STATUSES if status >= 500]
