"""Demo B2B matchmaking for the demo forum's B2B consultations (5 Dec 2023, 17:00–19:00).

The press release says about 30 Jeonbuk companies met 8 Kazakh companies in chilled and
frozen processed food, fresh food, construction and heating materials, with Korean–Russian
interpreters. The companies below are ILLUSTRATIVE (invented names), a small sample of
that mix; so are the two demo company accounts and the requests between them.

Idempotent: nothing happens when the B2B session already has matchmaking.
Call ``load()`` after the demo forum exists (services/demo.py).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

from forumapp.accounts import operations as accounts
from forumapp.accounts.models import UserRole
from forumapp.b2b.matchmaking import slot_times
from forumapp.b2b.models import (
    B2BInterpreter,
    B2BParticipant,
    B2BSlot,
    B2BTable,
    BusinessProfile,
    MatchmakingMode,
    MatchmakingSession,
    MeetingRequest,
    RequestPreference,
    RequestStatus,
)
from forumapp.core.extensions import db
from forumapp.core.models import utcnow
from forumapp.core.unit_of_work import saved
from forumapp.demo.forum import SLUG as FORUM_SLUG
from forumapp.people.models import Organisation, OrganisationKind
from forumapp.programme.models import Forum, Session, SessionKind

DEMO_COMPANY_EMAILS = ("company.kr@example.org", "company.kz@example.org")

# (key, country, ko, en, ru, languages, sectors, offers, needs)
COMPANIES = [
    (
        "kr-kimchi",
        "KR",
        "전주발효식품",
        "Jeonju Fermented Foods",
        "Чонджу Ферментед Фудс",
        ["ko", "en"],
        ["agri_food", "frozen_processed_food"],
        "Kimchi, gochujang and frozen dumplings; halal-certified line",
        "Importer and distributor in Kazakhstan",
    ),
    (
        "kr-berries",
        "KR",
        "고창베리농장",
        "Gochang Berry Farm",
        "Кочхан Берри Фарм",
        ["ko"],
        ["fresh_food", "agri_food"],
        "Fresh and frozen black raspberries (bokbunja), berry juice",
        "Cold-chain partner for Central Asia",
    ),
    (
        "kr-smartfarm",
        "KR",
        "새만금스마트팜",
        "Saemangeum Smart Farm",
        "Сэмангым Смарт Фарм",
        ["ko", "en"],
        ["agri_food", "ict"],
        "Container smart farms and greenhouse control software",
        "Agricultural holdings planning greenhouses",
    ),
    (
        "kr-heating",
        "KR",
        "익산난방소재",
        "Iksan Heating Materials",
        "Иксан Хитинг Материалз",
        ["ko", "ru"],
        ["heating_materials", "construction"],
        "Underfloor heating film and insulation panels",
        "Builders of housing in cold climates",
    ),
    (
        "kr-excavator",
        "KR",
        "군산중장비",
        "Gunsan Heavy Equipment",
        "Кунсан Хэви Эквипмент",
        ["ko"],
        ["heavy_equipment", "construction"],
        "Used and refurbished excavators, spare parts",
        "Dealers and construction firms",
    ),
    (
        "kz-meat",
        "KZ",
        "알마티미트",
        "Almaty Meat Processing",
        "Алматы Мит Процессинг",
        ["ru", "kk"],
        ["frozen_processed_food", "agri_food"],
        "Halal beef and horse meat, chilled and frozen",
        "Korean sauces and packaging technology",
    ),
    (
        "kz-build",
        "KZ",
        "아스타나건설",
        "Astana Stroy Group",
        "Астана Строй Групп",
        ["ru", "kk", "en"],
        ["construction"],
        "General contractor, 2,000 flats a year",
        "Heating and insulation materials, excavators",
    ),
    (
        "kz-fresh",
        "KZ",
        "카자흐프레시",
        "Kazakh Fresh Trade",
        "Казах Фреш Трейд",
        ["ru"],
        ["fresh_food", "logistics"],
        "Fresh fruit import and refrigerated logistics",
        "Korean berries and fermented foods",
    ),
    (
        "kz-agro",
        "KZ",
        "투르키스탄아그로",
        "Turkistan Agro Holding",
        "Туркестан Агро Холдинг",
        ["kk", "ru"],
        ["agri_food"],
        "20,000 ha of farmland, vegetables and cotton",
        "Smart-farm technology and greenhouses",
    ),
]
ACCOUNTS = {"company.kr@example.org": "kr-kimchi", "company.kz@example.org": "kz-meat"}
# (asker, asked, preference, status)
REQUESTS = [
    ("kz-meat", "kr-kimchi", RequestPreference.MUST_MEET, RequestStatus.ACCEPTED),
    ("kz-build", "kr-heating", RequestPreference.MUST_MEET, RequestStatus.ACCEPTED),
    ("kz-build", "kr-excavator", RequestPreference.MEET, RequestStatus.ACCEPTED),
    ("kz-fresh", "kr-berries", RequestPreference.MEET, RequestStatus.ACCEPTED),
    ("kz-agro", "kr-smartfarm", RequestPreference.MUST_MEET, RequestStatus.ACCEPTED),
    ("kr-kimchi", "kz-fresh", RequestPreference.MEET, RequestStatus.REQUESTED),
]


@dataclass
class DemoB2BReport:
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    company_password: str | None = None  # set only when the accounts were created now


def _b2b_session() -> Session | None:
    return db.session.scalar(
        db.select(Session)
        .join(Forum, Forum.id == Session.forum_id)
        .where(Forum.slug == FORUM_SLUG, Session.kind == SessionKind.B2B)
        .order_by(Session.starts_at)
    )


def load(company_password: str | None = None) -> DemoB2BReport:
    report = DemoB2BReport()
    session = _b2b_session()
    if session is None:
        report.skipped.append("b2b: the demo forum is not loaded")
        return report
    exists = db.session.scalar(
        db.select(MatchmakingSession.id).where(MatchmakingSession.session_id == session.id)
    )
    if exists:
        report.skipped.append(f"b2b matchmaking for {FORUM_SLUG}")
        return report

    matchmaking = MatchmakingSession(
        forum_id=session.forum_id,
        session_id=session.id,
        title=dict(session.title),
        windows=[{"start": session.starts_at.isoformat(), "end": session.ends_at.isoformat()}],
        slot_minutes=20,
        break_minutes=5,
        mode=MatchmakingMode.REQUEST_THEN_SCHEDULE,
        meeting_cap=4,
        slots=[
            B2BSlot(starts_at=s, ends_at=e)
            for s, e in slot_times([(session.starts_at, session.ends_at)], 20, 5)
        ],
        tables=[B2BTable(name=str(n), position=n) for n in range(1, 11)],
    )
    db.session.add(matchmaking)
    for n, name in enumerate(("박통역", "김통역"), start=1):
        db.session.add(
            B2BInterpreter(
                matchmaking=matchmaking, name=f"{name} (ko–ru {n})", languages=["ko", "ru"]
            )
        )

    participants: dict[str, B2BParticipant] = {}
    organisations: dict[str, Organisation] = {}
    for key, country, ko, en, ru, languages, sectors, offers, needs in COMPANIES:
        organisation = Organisation(
            kind=OrganisationKind.COMPANY,
            country=country,
            name={"ko": ko, "en": en, "ru": ru},
            sectors=list(sectors),
            notes="Illustrative demo company (invented).",
        )
        profile = BusinessProfile(
            organisation=organisation,
            country=country,
            languages=list(languages),
            sectors=list(sectors),
            offers=offers,
            needs=needs,
        )
        participants[key] = B2BParticipant(matchmaking=matchmaking, profile=profile)
        organisations[key] = organisation
        db.session.add(participants[key])
    # Visiting companies keep a table each, as at the real event.
    for position, key in enumerate(k for k, country, *_ in COMPANIES if country == "KZ"):
        matchmaking.tables[position].fixed_participant = participants[key]
    db.session.flush()  # ids for the requests
    for asker, asked, preference, status in REQUESTS:
        db.session.add(
            MeetingRequest(
                matchmaking_id=matchmaking.id,
                from_participant_id=participants[asker].id,
                to_participant_id=participants[asked].id,
                preference=preference,
                status=status,
                answered_at=utcnow() if status != RequestStatus.REQUESTED else None,
            )
        )
    saved()
    report.loaded.append(f"b2b matchmaking for {FORUM_SLUG} ({len(COMPANIES)} companies)")

    password = (
        company_password or os.environ.get("FORUMAPP_DEMO_PASSWORD") or secrets.token_urlsafe(12)
    )
    created = False
    for email, key in ACCOUNTS.items():
        if accounts.email_taken(email):
            report.skipped.append(f"user {email}")
            continue
        accounts.create_user(
            email,
            password,
            UserRole.COMPANY,
            organisation_id=organisations[key].id,
            display_name=organisations[key].name["en"],
        )
        report.loaded.append(f"user {email}")
        created = True
    if created:
        report.company_password = password
    return report
