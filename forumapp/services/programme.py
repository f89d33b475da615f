"""Reading a forum's programme: what attendees see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import selectinload

from forumapp.domain.timezones import get_zone
from forumapp.extensions import db
from forumapp.models import Forum, ForumOrganiser, ForumStatus, Session, SessionRole


@dataclass
class ProgrammeDay:
    day: date
    sessions: list[Session]


@dataclass
class LoadedProgramme:
    forum: Forum
    days: list[ProgrammeDay]


def published_forums() -> list[Forum]:
    return list(
        db.session.scalars(
            db.select(Forum)
            .where(Forum.status == ForumStatus.PUBLISHED)
            .options(selectinload(Forum.venue))
            .order_by(Forum.start_date.desc())
        )
    )


def published_programme(slug: str) -> LoadedProgramme | None:
    """The forum and its sessions grouped by local day, in a fixed number of queries."""
    forum = db.session.scalar(
        db.select(Forum)
        .where(Forum.slug == slug, Forum.status == ForumStatus.PUBLISHED)
        .options(
            selectinload(Forum.venue),
            selectinload(Forum.organisers).selectinload(ForumOrganiser.organisation),
            selectinload(Forum.sessions).selectinload(Session.room),
            selectinload(Forum.sessions)
            .selectinload(Session.roles)
            .selectinload(SessionRole.person),
        )
    )
    if forum is None:
        return None
    zone = get_zone(forum.timezone)
    by_day: dict[date, list[Session]] = defaultdict(list)
    for session in forum.sessions:
        by_day[session.starts_at.astimezone(zone).date()].append(session)
    days = [
        ProgrammeDay(day, sorted(items, key=lambda s: s.starts_at))
        for day, items in sorted(by_day.items())
    ]
    return LoadedProgramme(forum=forum, days=days)
