"""Builders for B2B tests (no tests here): a session with slots and tables, and companies
with an account, a profile and a participant row."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from forumapp.extensions import db
from forumapp.models import B2BParticipant, MatchmakingMode, User
from forumapp.services import b2b_profiles, b2b_sessions
from forumapp.services.demo_support import at
from tests import factories


@pytest.fixture(autouse=True)
def _outbox_in_tmp(app, tmp_path):
    """Keep test mail out of the real instance/outbox."""
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    yield


@pytest.fixture
def in_request(app):
    """Services translate their messages, and the locale comes from the request."""
    with app.test_request_context("/"):
        yield


@dataclass
class Company:
    user: User
    participant: B2BParticipant

    @property
    def id(self) -> int:
        return self.participant.id


def matchmaking(
    mode=MatchmakingMode.SELF_BOOKING,
    tables=3,
    start="2026-10-14 17:00",
    end="2026-10-14 19:00",
    cap=None,
):
    """Five 20-minute slots (17:00, 17:25, 17:50, 18:15, 18:40) in Almaty time."""
    forum = factories.forum()
    created = b2b_sessions.create_matchmaking(
        b2b_sessions.MatchmakingData(
            forum_id=forum.id,
            title={"en": "B2B consultations"},
            windows=[(at(forum.timezone, start), at(forum.timezone, end))],
            slot_minutes=20,
            break_minutes=5,
            table_count=tables,
            mode=mode,
            meeting_cap=cap,
        )
    )
    db.session.commit()  # as the organiser's request would
    return created


def company(
    matchmaking_obj,
    email,
    name,
    country="KR",
    languages=("ko",),
    sectors=("agri_food",),
    offers="",
    needs="",
) -> Company:
    user = factories.company_user(email, name)
    b2b_profiles.save_profile(
        user,
        b2b_profiles.ProfileData(
            country=country,
            languages=list(languages),
            sectors=list(sectors),
            offers=offers,
            needs=needs,
        ),
    )
    participant = b2b_sessions.join(user, matchmaking_obj.id)
    db.session.commit()  # as the company's requests would
    db.session.refresh(user)
    return Company(user, participant)


def outbox_messages(app) -> list[str]:
    """The mails delivered so far, after delivering what waits in the outbox."""
    from pathlib import Path

    from forumapp.core import outbox

    outbox.deliver_due()
    folder = Path(app.config["MAIL_OUTBOX"])
    return sorted(p.read_text() for p in folder.glob("*.eml")) if folder.exists() else []
