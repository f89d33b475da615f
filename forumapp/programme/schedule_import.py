"""Importing a parsed schedule.json/xml into a forum: one call, one transaction.

Rows are matched by guid (sessions, people, rooms), so importing the same file again,
or a newer version of it, updates in place and never duplicates. The forum is the one
whose slug is the file's acronym, else the one that already owns the file's sessions
(our own exports turn hyphens into underscores in the acronym).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import time

from sqlalchemy.orm import selectinload

from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from forumapp.core.localized import CONTENT_LANGUAGES
from forumapp.core.timezones import get_zone
from forumapp.core.unit_of_work import saved
from forumapp.people.models import Person
from forumapp.programme.models import (
    Forum,
    ForumDay,
    ForumStatus,
    Room,
    Session,
    SessionKind,
    SessionRole,
    SessionRoleKind,
    Venue,
)
from forumapp.programme.releases import publish
from forumapp.programme.rules.schedule_import import (
    ImportedEvent,
    ImportedPerson,
    ImportedSchedule,
    derived_guid,
)

UNKNOWN_COUNTRY = "ZZ"  # ISO 3166 user-assigned "unknown"; schedule files name no country

_KIND_BY_TYPE = {
    "talk": SessionKind.PRESENTATION,
    "lecture": SessionKind.PRESENTATION,
    "lightning talk": SessionKind.PRESENTATION,
    "workshop": SessionKind.PRESENTATION,
    "hands-on": SessionKind.PRESENTATION,
    "discussion": SessionKind.PANEL,
    "podium": SessionKind.PANEL,
    "meeting": SessionKind.B2B,
    "social": SessionKind.NETWORKING,
    "lunch": SessionKind.BREAK,
    "coffee": SessionKind.BREAK,
    "opening": SessionKind.OPENING_CEREMONY,
    "performance": SessionKind.CULTURAL,
    "concert": SessionKind.CULTURAL,
}


@dataclass(frozen=True)
class ImportResult:
    slug: str
    created: int
    updated: int
    removed: int
    release_number: int | None


def session_kind(file_type: str) -> SessionKind:
    try:
        return SessionKind(file_type)
    except ValueError:
        return _KIND_BY_TYPE.get(file_type, SessionKind.PRESENTATION)


def _content_language(schedule: ImportedSchedule) -> str:
    """The language most events are in, if it is one we keep; English otherwise."""
    counts = Counter(e.language for e in schedule.events if e.language in CONTENT_LANGUAGES)
    return counts.most_common(1)[0][0] if counts else "en"


def _set(obj: object, attr: str, value: object) -> bool:
    """Assign only real changes, so updated_at and SEQUENCE move only when something did."""
    if getattr(obj, attr) == value:
        return False
    setattr(obj, attr, value)
    return True


def _with_text(current: dict[str, str] | None, lang: str, text: str) -> dict[str, str]:
    merged = dict(current or {})
    if text:
        merged[lang] = text
    else:
        merged.pop(lang, None)
    return merged


def _name_fields(name: str) -> dict[str, str | None]:
    if re.search(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]", name):
        return {"name_hangul": name[:120], "name_latin": None, "name_native": None}
    if all(ord(ch) < 0x250 for ch in name):
        return {"name_hangul": None, "name_latin": name[:160], "name_native": None}
    return {"name_hangul": None, "name_latin": None, "name_native": name[:160]}


def _find_forum(schedule: ImportedSchedule) -> Forum | None:
    by_slug = db.session.scalar(db.select(Forum).where(Forum.slug == schedule.acronym))
    guids = [e.guid for e in schedule.events]
    owners = set(
        db.session.scalars(db.select(Session.forum_id).where(Session.guid.in_(guids)).distinct())
    )
    if by_slug is not None:
        foreign = owners - {by_slug.id}
        if foreign:
            other = db.session.get(Forum, min(foreign))
            raise ServiceError(
                f"events of this file belong to forum {other.slug!r}, not {by_slug.slug!r}"
            )
        return by_slug
    if len(owners) > 1:
        raise ServiceError("the file's events belong to several forums; import it by hand")
    return db.session.get(Forum, owners.pop()) if owners else None


def _load(forum_id: int) -> Forum:
    return db.session.scalar(
        db.select(Forum)
        .where(Forum.id == forum_id)
        .options(
            selectinload(Forum.venue).selectinload(Venue.rooms),
            selectinload(Forum.days),
            selectinload(Forum.sessions).selectinload(Session.roles),
        )
    )


def _apply_forum(forum: Forum, schedule: ImportedSchedule, lang: str) -> None:
    _set(forum, "title", _with_text(forum.title, lang, schedule.title[:300]))
    _set(forum, "timezone", schedule.timezone)
    _set(forum, "start_date", schedule.start_date)
    _set(forum, "end_date", schedule.end_date)
    if forum.venue is None:
        forum.venue = Venue(
            name={lang: schedule.title[:200]}, country=UNKNOWN_COUNTRY, timezone=schedule.timezone
        )


def _apply_rooms(forum: Forum, schedule: ImportedSchedule, lang: str) -> dict[str, Room]:
    venue = forum.venue
    by_guid = {r.guid: r for r in venue.rooms}
    by_name = {name: r for r in venue.rooms for name in r.name.values()}
    file_guids = [r.guid for r in schedule.rooms if r.guid not in by_guid]
    taken_elsewhere = set(db.session.scalars(db.select(Room.guid).where(Room.guid.in_(file_guids))))
    rooms: dict[str, Room] = {}
    for imported in schedule.rooms:
        room = by_guid.get(imported.guid) or by_name.get(imported.name)
        if room is None:
            guid = imported.guid
            if guid in taken_elsewhere:  # the same guid in another venue: keep both apart
                guid = derived_guid(schedule.acronym, "room", guid)
            room = Room(guid=guid, name={lang: imported.name}, position=imported.position)
            venue.rooms.append(room)
        else:
            _set(room, "name", _with_text(room.name, lang, imported.name))
            _set(room, "position", imported.position)
        if imported.capacity is not None:
            _set(room, "capacity", imported.capacity)
        rooms[imported.guid] = room
    return rooms


def _apply_days(forum: Forum, schedule: ImportedSchedule) -> None:
    zone = get_zone(schedule.timezone)
    existing = {d.day: d for d in forum.days}
    for day in schedule.days:
        if day in existing or not schedule.start_date <= day <= schedule.end_date:
            continue
        local = [
            (e.starts_at.astimezone(zone), e.ends_at.astimezone(zone))
            for e in schedule.events
            if e.starts_at.astimezone(zone).date() == day
        ]
        opens = min([time(8, 0), *(s.time() for s, _ in local)])
        closes = max(
            [time(22, 0), *(e.time() if e.date() == day else time(23, 59) for _, e in local)]
        )
        forum.days.append(ForumDay(day=day, opens_at=opens, closes_at=closes))


def _apply_people(schedule: ImportedSchedule, lang: str) -> dict[str, Person]:
    guids = [p.guid for p in schedule.persons]
    people = {
        p.guid: p for p in db.session.scalars(db.select(Person).where(Person.guid.in_(guids)))
    }
    for imported in schedule.persons:
        person = people.get(imported.guid)
        if person is None:
            person = Person(guid=imported.guid, **_name_fields(imported.name))
            db.session.add(person)
            people[imported.guid] = person
        elif imported.name not in (person.name_hangul, person.name_latin, person.name_native):
            for attr, value in _name_fields(imported.name).items():
                if value:
                    setattr(person, attr, value)
        _set_bio(person, imported, lang)
    return people


def _set_bio(person: Person, imported: ImportedPerson, lang: str) -> None:
    if imported.biography:
        _set(person, "bio", _with_text(person.bio, lang, imported.biography))


def _description(event: ImportedEvent) -> str:
    parts = [event.abstract]
    if event.description and event.description != event.abstract:
        parts.append(event.description)
    return "\n\n".join(p for p in parts if p)


def _apply_session(session: Session, event: ImportedEvent, room: Room | None, lang: str) -> bool:
    moved = any(
        (
            _set(session, "starts_at", event.starts_at),
            _set(session, "ends_at", event.ends_at),
            _set(session, "room", room),
            _set(session, "title", _with_text(session.title, lang, event.title[:500])),
        )
    )
    changed = any(
        (
            _set(session, "kind", session_kind(event.kind)),
            _set(
                session, "description", _with_text(session.description, lang, _description(event))
            ),
            _set(session, "track", event.track),
            _set(session, "language", event.language),
        )
    )
    return moved or changed


def _apply_roles(session: Session, event: ImportedEvent, people: dict[str, Person]) -> bool:
    wanted = [people[g] for g in event.person_guids]
    changed = False
    for role in list(session.roles):
        if role.person not in wanted:
            session.roles.remove(role)
            changed = True
    present = {role.person: role for role in session.roles}
    for position, person in enumerate(wanted):
        role = present.get(person)
        if role is None:
            session.roles.append(
                SessionRole(person=person, role=SessionRoleKind.SPEAKER, position=position)
            )
            changed = True
        else:
            changed |= _set(role, "position", position)
    return changed


def import_schedule(schedule: ImportedSchedule, publish: bool = True) -> ImportResult:
    """Create or update the forum the file describes; publish it as a release if asked."""
    lang = _content_language(schedule)
    found = _find_forum(schedule)
    if found is None:
        forum = Forum(slug=schedule.acronym, title={}, status=ForumStatus.DRAFT)
        db.session.add(forum)
    else:
        forum = _load(found.id)
    _apply_forum(forum, schedule, lang)
    rooms = _apply_rooms(forum, schedule, lang)
    _apply_days(forum, schedule)
    people = _apply_people(schedule, lang)
    existing = {s.guid: s for s in forum.sessions}
    created = updated = 0
    for event in schedule.events:
        session = existing.get(event.guid)
        if session is None:
            session = Session(guid=event.guid, title={}, description={}, sequence=0)
            forum.sessions.append(session)
            _apply_session(session, event, rooms.get(event.room_guid or ""), lang)
            _apply_roles(session, event, people)
            created += 1
            continue
        before = (session.starts_at, session.ends_at, session.room, dict(session.title))
        changed = _apply_session(session, event, rooms.get(event.room_guid or ""), lang)
        changed |= _apply_roles(session, event, people)
        if changed:
            updated += 1
            # RFC 5545: SEQUENCE goes up when the time, the place or the title changes.
            if before != (session.starts_at, session.ends_at, session.room, dict(session.title)):
                session.sequence = (session.sequence or 0) + 1
    file_guids = {e.guid for e in schedule.events}
    removed = [s for s in forum.sessions if s.guid not in file_guids]
    for session in removed:
        forum.sessions.remove(session)
    db.session.flush()
    release_number = _publish(forum, schedule.version) if publish else None
    saved()
    return ImportResult(forum.slug, created, updated, len(removed), release_number)


def _publish(forum: Forum, version: str) -> int | None:
    """Freeze the imported programme as a release unless it equals the last one."""

    try:
        return publish(forum.id, f"{version[:100]} (imported)").number
    except ServiceError:
        # "Nothing changed since the last release": re-importing the same file is fine.
        return None
