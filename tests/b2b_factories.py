"""Builders for B2B tests (no tests here): a session with slots and tables, companies
with an account, a profile and a participant row, and a published little world."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forumapp.accounts.models import User
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import profiles as b2b_profiles
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.models import B2BParticipant, MatchmakingMode
from forumapp.core import outbox
from forumapp.core.extensions import db
from forumapp.demo.support import at
from tests import factories


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

    outbox.deliver_due()
    folder = Path(app.config["MAIL_OUTBOX"])
    return sorted(p.read_text() for p in folder.glob("*.eml")) if folder.exists() else []


KOREAN = "전북식품 주식회사"
KAZAKH = "Қазақ Астық ЖШС"
INTERPRETER = "Айгерім Сейітқали"


@dataclass
class World:
    mm: object
    kr: object
    kz: object
    other: object


def published_world(app) -> World:
    """A Korean and a Kazakh company meet through an interpreter; a third meets the Kazakh."""
    with app.test_request_context("/"):
        mm = matchmaking(mode=MatchmakingMode.REQUEST_THEN_SCHEDULE)
        kr = company(mm, "kr@x.example", KOREAN, "KR", ["ko"], ["agri_food"])
        kz = company(mm, "kz@x.example", KAZAKH, "KZ", ["ru", "kk"], ["construction"])
        other = company(mm, "other@x.example", "Gamma Trading", "KR", ["ru"], ["ict"])
        b2b_sessions.add_interpreter(mm.id, INTERPRETER, ["ko", "ru"])
        for sender, receiver in ((kr, kz), (other, kz)):
            request = b2b_requests.request_meeting(sender.user, mm.id, receiver.id)
            b2b_requests.accept(receiver.user, request.id)
        b2b_schedule.run_scheduler(mm.id, time_limit=5)
        b2b_schedule.publish(mm.id)
    return World(mm, kr, kz, other)
