"""Forums and their days: create, edit, duplicate, delete. One call, one commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forumapp.core.checks import (
    Dependent,
    check_slug,
    check_zone,
    codes,
    localized,
    require_text,
)
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.localized import DEFAULT_FALLBACK, pick_language
from forumapp.core.timezones import get_zone
from forumapp.core.unit_of_work import saved
from forumapp.programme.models import Forum, ForumDay, ForumOrganiser, Session, SessionRole, Venue
from forumapp.programme.release_model import Release
from forumapp.visits.agreements import follow_ups_and_agreements


@dataclass
class ForumData:
    slug: str
    title: dict[str, str]
    timezone: str
    start_date: date
    end_date: date
    motto: dict[str, str] | None = None
    description: dict[str, str] | None = None
    venue_id: int | None = None
    expected_attendance: int | None = None
    language_fallback: str | list[str] | None = None


def get_forum(forum_id: int) -> Forum:
    forum = db.session.scalar(
        db.select(Forum)
        .where(Forum.id == forum_id)
        .options(
            selectinload(Forum.venue).selectinload(Venue.rooms),
            selectinload(Forum.days),
            selectinload(Forum.sessions).selectinload(Session.room),
            selectinload(Forum.sessions)
            .selectinload(Session.roles)
            .selectinload(SessionRole.person),
        )
    )
    if forum is None:
        raise NotFound(_("No such forum."))
    return forum


def list_forums() -> list[Forum]:
    return list(
        db.session.scalars(
            db.select(Forum).options(selectinload(Forum.venue)).order_by(Forum.start_date.desc())
        )
    )


def _slug_taken(slug: str, except_id: int | None = None) -> bool:
    query = db.select(Forum.id).where(Forum.slug == slug)
    if except_id is not None:
        query = query.where(Forum.id != except_id)
    return db.session.scalar(query) is not None


def _apply(forum: Forum, data: ForumData) -> None:
    slug = check_slug(data.slug)
    if _slug_taken(slug, forum.id):
        raise ServiceError(_("Another forum already uses this address."), field="slug")
    title = require_text(data.title, forum.title, "title")
    zone = check_zone(data.timezone)
    if data.start_date is None:
        raise ServiceError(_("Give the first day."), field="start_date")
    if data.end_date is None or data.end_date < data.start_date:
        raise ServiceError(_("The forum cannot end before it starts."), field="end_date")
    if data.expected_attendance is not None and data.expected_attendance < 0:
        raise ServiceError(_("Cannot be negative."), field="expected_attendance")
    if data.venue_id is not None and db.session.get(Venue, data.venue_id) is None:
        raise ServiceError(_("No such venue."), field="venue_id")
    forum.slug, forum.title, forum.timezone = slug, title, zone
    forum.start_date, forum.end_date = data.start_date, data.end_date
    forum.motto = localized(data.motto, forum.motto)
    forum.description = localized(data.description, forum.description)
    forum.venue_id = data.venue_id
    forum.expected_attendance = data.expected_attendance
    fallback = codes(data.language_fallback)
    forum.language_fallback = fallback or list(DEFAULT_FALLBACK)


def create_forum(data: ForumData) -> Forum:
    forum = Forum()
    _apply(forum, data)
    db.session.add(forum)
    saved()
    return forum


def update_forum(forum_id: int, data: ForumData) -> Forum:
    forum = get_forum(forum_id)
    _apply(forum, data)
    saved()
    return forum


def _shift_local(moment, zone_name: str, days: int):
    """The same wall-clock time ``days`` later in the forum's zone (DST-safe)."""
    zone = get_zone(zone_name)
    local = moment.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
    return local.replace(tzinfo=zone)


def duplicate_forum(forum_id: int, slug: str, start_date: date | None = None) -> Forum:
    """A draft copy with days, organisers, sessions and speakers, moved to ``start_date``.

    Releases are not copied: the copy starts as an unpublished draft.
    """
    source = get_forum(forum_id)
    slug = check_slug(slug)
    if _slug_taken(slug):
        raise ServiceError(_("Another forum already uses this address."), field="slug")
    offset = (start_date - source.start_date).days if start_date else 0
    copy = Forum(
        slug=slug,
        title=dict(source.title),
        motto=dict(source.motto),
        description=dict(source.description),
        timezone=source.timezone,
        start_date=source.start_date + timedelta(days=offset),
        end_date=source.end_date + timedelta(days=offset),
        venue_id=source.venue_id,
        expected_attendance=source.expected_attendance,
        language_fallback=list(source.language_fallback),
    )
    copy.days = [
        ForumDay(
            day=d.day + timedelta(days=offset),
            label=dict(d.label),
            opens_at=d.opens_at,
            closes_at=d.closes_at,
        )
        for d in source.days
    ]
    copy.organisers = [
        ForumOrganiser(organisation_id=o.organisation_id, role=o.role, position=o.position)
        for o in source.organisers
    ]
    for s in source.sessions:
        copy.sessions.append(
            Session(
                kind=s.kind,
                title=dict(s.title),
                description=dict(s.description),
                starts_at=_shift_local(s.starts_at, source.timezone, offset),
                ends_at=_shift_local(s.ends_at, source.timezone, offset),
                room_id=s.room_id,
                track=s.track,
                language=s.language,
                interpretation=list(s.interpretation),
                expected_attendance=s.expected_attendance,
                time_provisional=s.time_provisional,
                roles=[
                    SessionRole(
                        person_id=r.person_id,
                        role=r.role,
                        position=r.position,
                        topic=dict(r.topic),
                        notes=r.notes,
                    )
                    for r in s.roles
                ],
            )
        )
    db.session.add(copy)
    saved()
    return copy


def forum_dependents(forum_id: int) -> list[Dependent]:
    forum = get_forum(forum_id)
    found = []
    if forum.sessions:
        found.append(
            Dependent(
                _("Sessions"),
                [pick_language(s.title) for s in forum.sessions],
                _("deleted with their speakers' roles"),
            )
        )
    if forum.days:
        found.append(Dependent(_("Days"), [d.day.isoformat() for d in forum.days], _("deleted")))
    releases = db.session.scalars(db.select(Release).where(Release.forum_id == forum_id)).all()
    if releases:
        found.append(
            Dependent(
                _("Published releases"),
                [r.name for r in releases],
                _("deleted: attendees lose the public programme"),
            )
        )
    found += follow_ups_and_agreements("forum", forum_id, _("kept, no longer linked to this forum"))
    return found


def delete_forum(forum_id: int) -> None:
    forum = get_forum(forum_id)
    db.session.delete(forum)
    saved()


# -- days ----------------------------------------------------------------------


@dataclass
class DayData:
    day: date
    opens_at: time
    closes_at: time
    label: dict[str, str] | None = None


def _apply_day(forum: Forum, day: ForumDay, data: DayData) -> None:
    if data.day is None or not forum.start_date <= data.day <= forum.end_date:
        raise ServiceError(
            _(
                "Pick a date within the forum's dates (%(start)s to %(end)s).",
                start=forum.start_date.isoformat(),
                end=forum.end_date.isoformat(),
            ),
            field="day",
        )
    if any(other.day == data.day and other is not day for other in forum.days):
        raise ServiceError(_("This forum already has this day."), field="day")
    if data.opens_at is None:
        raise ServiceError(_("Give the opening time."), field="opens_at")
    if data.closes_at is None or data.closes_at <= data.opens_at:
        raise ServiceError(_("Closing must be after opening."), field="closes_at")
    day.day, day.opens_at, day.closes_at = data.day, data.opens_at, data.closes_at
    day.label = localized(data.label, day.label)


def add_day(forum_id: int, data: DayData) -> ForumDay:
    forum = get_forum(forum_id)
    day = ForumDay()
    _apply_day(forum, day, data)
    forum.days.append(day)
    saved()
    return day


def get_day(day_id: int) -> ForumDay:
    day = db.session.get(ForumDay, day_id)
    if day is None:
        raise NotFound(_("No such day."))
    return day


def update_day(day_id: int, data: DayData) -> ForumDay:
    day = get_day(day_id)
    _apply_day(day.forum, day, data)
    saved()
    return day


def delete_day(day_id: int) -> int:
    """Delete a day's hours (its sessions stay); returns the forum id."""
    day = get_day(day_id)
    forum_id = day.forum_id
    db.session.delete(day)
    saved()
    return forum_id


def forum_form_data(forum: Forum) -> dict[str, Any]:
    return {
        "slug": forum.slug,
        "title": dict(forum.title),
        "motto": dict(forum.motto),
        "description": dict(forum.description),
        "timezone": forum.timezone,
        "start_date": forum.start_date,
        "end_date": forum.end_date,
        "venue_id": forum.venue_id,
        "expected_attendance": forum.expected_attendance,
        "language_fallback": ", ".join(forum.language_fallback),
    }
