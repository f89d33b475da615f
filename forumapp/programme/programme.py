"""Reading a forum's programme: the organiser's live draft, or the last published release."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from forumapp.core.extensions import db
from forumapp.people.models import Person
from forumapp.programme.models import (
    Forum,
    ForumOrganiser,
    ForumStatus,
    Room,
    Session,
    SessionRole,
    Venue,
)
from forumapp.programme.release_model import Release
from forumapp.programme.rules.programme import (
    DayInfo,
    OrganiserInfo,
    PersonInfo,
    Programme,
    ProgrammeSession,
    ReleaseInfo,
    RoomInfo,
    SpeakerRole,
    VenueInfo,
)


def published_forums() -> list[Forum]:
    return list(
        db.session.scalars(
            db.select(Forum)
            .where(Forum.status == ForumStatus.PUBLISHED)
            .options(selectinload(Forum.venue))
            .order_by(Forum.start_date.desc())
        )
    )


def load_forum_for_programme(forum_id: int) -> Forum | None:
    """The forum with everything a programme shows, in a fixed number of queries."""
    return db.session.scalar(
        db.select(Forum)
        .where(Forum.id == forum_id)
        .options(
            selectinload(Forum.venue).selectinload(Venue.rooms),
            selectinload(Forum.days),
            selectinload(Forum.organisers).selectinload(ForumOrganiser.organisation),
            selectinload(Forum.sessions).selectinload(Session.room),
            selectinload(Forum.sessions)
            .selectinload(Session.roles)
            .selectinload(SessionRole.person)
            .selectinload(Person.organisation),
        )
    )


def _room_info(room: Room) -> RoomInfo:
    return RoomInfo(
        key=room.guid, name=dict(room.name), capacity=room.capacity, position=room.position
    )


def _person_info(person: Person) -> PersonInfo:
    return PersonInfo(
        key=person.guid,
        name_hangul=person.name_hangul,
        name_latin=person.name_latin,
        name_native=person.name_native,
        title=dict(person.title),
        organisation=dict(person.organisation.name) if person.organisation else {},
        bio=dict(person.bio),
        languages=tuple(person.languages),
    )


def _session_info(session: Session) -> ProgrammeSession:
    return ProgrammeSession(
        key=session.guid,
        kind=session.kind.value,
        title=dict(session.title),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        description=dict(session.description),
        room_key=session.room.guid if session.room else None,
        track=session.track,
        language=session.language,
        interpretation=tuple(session.interpretation),
        time_provisional=session.time_provisional,
        sequence=session.sequence,
        updated_at=session.updated_at,
        speakers=tuple(
            SpeakerRole(
                person_key=role.person.guid,
                role=role.role.value,
                position=role.position,
                topic=dict(role.topic),
            )
            for role in sorted(session.roles, key=lambda r: (r.position, r.id or 0))
        ),
    )


def build_programme(forum: Forum) -> Programme:
    """The live (draft) programme of a forum loaded with ``load_forum_for_programme``."""
    rooms: dict[str, RoomInfo] = {}
    if forum.venue:
        rooms.update((r.guid, _room_info(r)) for r in forum.venue.rooms)
    people: dict[str, PersonInfo] = {}
    for session in forum.sessions:
        if session.room and session.room.guid not in rooms:
            rooms[session.room.guid] = _room_info(session.room)
        for role in session.roles:
            people.setdefault(role.person.guid, _person_info(role.person))
    venue = forum.venue
    return Programme(
        slug=forum.slug,
        title=dict(forum.title),
        timezone=forum.timezone,
        start_date=forum.start_date,
        end_date=forum.end_date,
        motto=dict(forum.motto),
        description=dict(forum.description),
        language_fallback=tuple(forum.language_fallback),
        expected_attendance=forum.expected_attendance,
        venue=VenueInfo(
            name=dict(venue.name),
            address=dict(venue.address),
            city=venue.city,
            country=venue.country,
        )
        if venue
        else None,
        organisers=tuple(
            OrganiserInfo(
                name=dict(o.organisation.name), role=o.role.value, country=o.organisation.country
            )
            for o in forum.organisers
        ),
        days=tuple(
            DayInfo(day=d.day, label=dict(d.label), opens_at=d.opens_at, closes_at=d.closes_at)
            for d in forum.days
        ),
        rooms=tuple(sorted(rooms.values(), key=lambda r: (r.position, r.key))),
        people=tuple(sorted(people.values(), key=lambda p: p.key)),
        sessions=tuple(
            sorted((_session_info(s) for s in forum.sessions), key=lambda s: (s.starts_at, s.key))
        ),
    )


def draft_programme(forum_id: int) -> Programme | None:
    forum = load_forum_for_programme(forum_id)
    return build_programme(forum) if forum else None


def latest_release(forum_id: int) -> Release | None:
    return db.session.scalar(
        db.select(Release)
        .where(Release.forum_id == forum_id)
        .order_by(Release.number.desc())
        .limit(1)
    )


def published_programme(slug: str) -> Programme | None:
    """What attendees see: the forum's last published release, or None (404)."""
    row = db.session.execute(
        db.select(Release)
        .join(Forum, Release.forum_id == Forum.id)
        .where(Forum.slug == slug, Forum.status == ForumStatus.PUBLISHED)
        .order_by(Release.number.desc())
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return None
    return Programme.from_snapshot(
        row.snapshot, ReleaseInfo(number=row.number, name=row.name, published_at=row.published_at)
    )
