"""Sessions, their speakers and roles, and the programme editor's bulk moves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forumapp.core.checks import Dependent, codes, localized, reorder, require_text, to_utc
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.localized import pick_language
from forumapp.core.timezones import get_zone
from forumapp.core.unit_of_work import saved
from forumapp.people.models import Person
from forumapp.programme.models import (
    Forum,
    Room,
    Session,
    SessionKind,
    SessionRole,
    SessionRoleKind,
)


@dataclass
class SessionData:
    kind: SessionKind | str
    title: dict[str, str]
    day: date
    starts: time
    ends: time
    description: dict[str, str] | None = None
    room_id: int | None = None
    track: str | None = None
    language: str | None = None
    interpretation: str | list[str] | None = None
    expected_attendance: int | None = None
    time_provisional: bool = False


@dataclass
class SpeakerData:
    """One speaker row of the new-session form; a row without a person is left blank."""

    person_id: int | None
    role: SessionRoleKind | str | None = SessionRoleKind.SPEAKER


def get_session(session_id: int) -> Session:
    session = db.session.scalar(
        db.select(Session)
        .where(Session.id == session_id)
        .options(
            selectinload(Session.roles).selectinload(SessionRole.person),
            selectinload(Session.forum),
            selectinload(Session.room),
        )
    )
    if session is None:
        raise NotFound(_("No such session."))
    return session


def _get_forum(forum_id: int) -> Forum:
    forum = db.session.get(Forum, forum_id)
    if forum is None:
        raise NotFound(_("No such forum."))
    return forum


def _apply(forum: Forum, session: Session, data: SessionData) -> None:
    try:
        kind = SessionKind(data.kind)
    except ValueError as exc:
        raise ServiceError(_("Pick a kind of session."), field="kind") from exc
    title = require_text(data.title, session.title, "title")
    if data.day is None:
        raise ServiceError(_("Give the day."), field="day")
    if not forum.start_date <= data.day <= forum.end_date:
        raise ServiceError(
            _(
                "The session must be within the forum's dates (%(start)s to %(end)s).",
                start=forum.start_date.isoformat(),
                end=forum.end_date.isoformat(),
            ),
            field="day",
        )
    if data.starts is None:
        raise ServiceError(_("Give the start time."), field="starts")
    if data.ends is None or data.ends <= data.starts:
        raise ServiceError(_("The session must end after it starts."), field="ends")
    if data.room_id is not None and db.session.get(Room, data.room_id) is None:
        raise ServiceError(_("No such room."), field="room_id")
    if data.expected_attendance is not None and data.expected_attendance < 0:
        raise ServiceError(_("Cannot be negative."), field="expected_attendance")
    starts_at = to_utc(forum.timezone, data.day, data.starts)
    ends_at = to_utc(forum.timezone, data.day, data.ends)
    if session.id is not None and (
        (session.starts_at, session.ends_at, session.room_id) != (starts_at, ends_at, data.room_id)
    ):
        session.sequence += 1  # calendars re-read an event whose SEQUENCE grew
    session.kind, session.title = kind, title
    session.starts_at, session.ends_at, session.room_id = starts_at, ends_at, data.room_id
    session.description = localized(data.description, session.description)
    session.track = (data.track or "").strip() or None
    session.language = (data.language or "").strip().lower() or None
    session.interpretation = codes(data.interpretation)
    session.expected_attendance = data.expected_attendance
    session.time_provisional = bool(data.time_provisional)


def _speaker_roles(speakers: Sequence[SpeakerData]) -> list[SessionRole]:
    """The roles for the filled-in rows, in order; a wrong row is refused beside it
    (``speakers-<row>-person_id`` / ``-role``, the form's own field names)."""
    wanted = [row.person_id for row in speakers if row.person_id is not None]
    found = (
        set(db.session.scalars(db.select(Person.id).where(Person.id.in_(wanted))))
        if wanted
        else set()
    )
    roles: list[SessionRole] = []
    for index, row in enumerate(speakers):
        if row.person_id is None:
            continue
        if row.person_id not in found:
            raise ServiceError(_("Pick a person."), field=f"speakers-{index}-person_id")
        try:
            kind = SessionRoleKind(row.role)
        except ValueError as exc:
            raise ServiceError(_("Pick a role."), field=f"speakers-{index}-role") from exc
        if any(r.person_id == row.person_id and r.role == kind for r in roles):
            raise ServiceError(
                _("This person already has this role here."),
                field=f"speakers-{index}-person_id",
            )
        roles.append(
            SessionRole(person_id=row.person_id, role=kind, position=len(roles) + 1, topic={})
        )
    return roles


def create_session(
    forum_id: int, data: SessionData, speakers: Sequence[SpeakerData] = ()
) -> Session:
    """A new session with its speakers in the order given, in one commit."""
    forum = _get_forum(forum_id)
    # The half-built session must not be flushed by the lookups below.
    with db.session.no_autoflush:
        session = Session(forum=forum, sequence=0)
        _apply(forum, session, data)
        session.roles = _speaker_roles(speakers)
    db.session.add(session)
    saved()
    return session


def update_session(session_id: int, data: SessionData) -> Session:
    session = get_session(session_id)
    _apply(session.forum, session, data)
    saved()
    return session


def session_dependents(session_id: int) -> list[Dependent]:
    session = get_session(session_id)
    if not session.roles:
        return []
    return [
        Dependent(
            _("Speakers and roles"),
            [f"{r.person.display_name('en')} ({r.role.value})" for r in session.roles],
            _("removed from the programme (the people are kept)"),
        )
    ]


def delete_session(session_id: int) -> int:
    session = get_session(session_id)
    forum_id = session.forum_id
    db.session.delete(session)
    saved()
    return forum_id


def session_form_data(session: Session) -> dict[str, Any]:
    zone = get_zone(session.forum.timezone)
    local_start = session.starts_at.astimezone(zone)
    local_end = session.ends_at.astimezone(zone)
    return {
        "kind": session.kind.value,
        "title": dict(session.title),
        "description": dict(session.description),
        "day": local_start.date(),
        "starts": local_start.time().replace(second=0, microsecond=0),
        "ends": local_end.time().replace(second=0, microsecond=0),
        "room_id": session.room_id,
        "track": session.track,
        "language": session.language,
        "interpretation": ", ".join(session.interpretation),
        "expected_attendance": session.expected_attendance,
        "time_provisional": session.time_provisional,
    }


# -- speakers and roles ----------------------------------------------------------


def add_role(
    session_id: int,
    person_id: int | None,
    role: SessionRoleKind | str,
    topic: dict[str, str] | None = None,
) -> SessionRole:
    session = get_session(session_id)
    if person_id is None or db.session.get(Person, person_id) is None:
        raise ServiceError(_("Pick a person."), field="person_id")
    try:
        kind = SessionRoleKind(role)
    except ValueError as exc:
        raise ServiceError(_("Pick a role."), field="role") from exc
    if any(r.person_id == person_id and r.role == kind for r in session.roles):
        raise ServiceError(_("This person already has this role here."), field="person_id")
    new_role = SessionRole(
        person_id=person_id,
        role=kind,
        position=max((r.position for r in session.roles), default=0) + 1,
        topic=localized(topic, None),
    )
    session.roles.append(new_role)
    session.sequence += 1
    saved()
    return new_role


def _get_role(role_id: int) -> SessionRole:
    role = db.session.get(SessionRole, role_id)
    if role is None:
        raise NotFound(_("No such role."))
    return role


def remove_role(role_id: int) -> int:
    role = _get_role(role_id)
    session = role.session
    session.roles.remove(role)
    session.sequence += 1
    saved()
    return session.id


def move_role(role_id: int, direction: int) -> int:
    """Move a speaker up (-1) or down (+1) in the session's order."""
    role = _get_role(role_id)
    session = role.session
    reorder(sorted(session.roles, key=lambda r: (r.position, r.id)), role, direction, "position")
    session.sequence += 1
    saved()
    return session.id


# -- programme editor --------------------------------------------------------------


def shift_sessions(forum_id: int, session_ids: list[int], minutes: int) -> int:
    """Move a block of sessions by ``minutes`` (negative: earlier). Returns how many moved."""
    if not session_ids:
        raise ServiceError(_("Tick the sessions to move."), field="session_ids")
    if minutes == 0 or abs(minutes) > 24 * 60:
        raise ServiceError(
            _("Give a number of minutes between -1440 and 1440, not 0."), field="minutes"
        )
    forum = _get_forum(forum_id)
    sessions = db.session.scalars(
        db.select(Session).where(Session.forum_id == forum.id, Session.id.in_(session_ids))
    ).all()
    if len(sessions) != len(set(session_ids)):
        raise ServiceError(_("Some of these sessions are not in this forum."), field="session_ids")
    delta = timedelta(minutes=minutes)
    zone = get_zone(forum.timezone)
    for session in sessions:
        new_start = session.starts_at + delta
        local_day = new_start.astimezone(zone).date()
        if not forum.start_date <= local_day <= forum.end_date:
            raise ServiceError(
                _(
                    "“%(title)s” would leave the forum's dates.",
                    title=pick_language(session.title),
                ),
                field="minutes",
            )
        session.starts_at, session.ends_at = new_start, session.ends_at + delta
        session.sequence += 1
    saved()
    return len(sessions)


def move_session_to_room(session_id: int, room_id: int | None) -> Session:
    session = get_session(session_id)
    if room_id is not None and db.session.get(Room, room_id) is None:
        raise ServiceError(_("No such room."), field="room_id")
    if session.room_id != room_id:
        session.room_id = room_id
        session.sequence += 1
    saved()
    return session
