"""Clash detection over everything booked: every forum's sessions and every visit's itinerary.

The rules live in ``forumapp.programme.rules.clashes``; this module only loads what they
need in bulk, a fixed number of column queries whatever the size of the data
(never one query per session), and keeps enough about each item to link to it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from forumapp.core.extensions import db
from forumapp.core.localized import ENGLISH_FIRST, pick_language
from forumapp.core.timezones import is_valid_zone
from forumapp.people.models import Person
from forumapp.programme.models import Forum, ForumDay, Room, Session, SessionRole
from forumapp.programme.rules.clashes import (
    Clash,
    DayHours,
    ForumWindow,
    ItemKind,
    RoomInfo,
    ScheduledItem,
    clashes_by_item,
    find_clashes,
)
from forumapp.visits.models import DelegationVisit, ItineraryItem, ItineraryParticipant


def session_key(session_id: int) -> str:
    return f"session:{session_id}"


def itinerary_key(item_id: int) -> str:
    return f"itinerary:{item_id}"


def person_key(person_id: int) -> str:
    return f"person:{person_id}"


def room_key(room_id: int) -> str:
    return f"room:{room_id}"


@dataclass(frozen=True)
class ItemRef:
    """What a warning needs to name an item and link to it."""

    key: str
    kind: ItemKind
    id: int
    owner_id: int  # forum id for sessions, visit id for itinerary items
    owner_title: str
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str


@dataclass
class ClashReport:
    clashes: list[Clash]
    items: dict[str, ItemRef]
    # Display names for the person keys that appear in a clash (and only those).
    person_names: dict[str, str] = field(default_factory=dict)
    room_names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_item = clashes_by_item(self.clashes)

    def for_item(self, key: str) -> list[Clash]:
        return self._by_item.get(key, [])

    def for_session(self, session_id: int) -> list[Clash]:
        return self.for_item(session_key(session_id))

    def for_forum(self, forum_id: int) -> list[Clash]:
        return [
            clash
            for clash in self.clashes
            if any(
                (ref := self.items.get(key)) is not None
                and ref.kind is ItemKind.SESSION
                and ref.owner_id == forum_id
                for key in clash.item_keys
            )
        ]

    def involved(self, clash: Clash) -> list[ItemRef]:
        return [self.items[key] for key in clash.item_keys if key in self.items]


def _title(text: dict | None) -> str:
    return pick_language(text, ENGLISH_FIRST)


def _load_forums() -> tuple[list[ForumWindow], dict[int, tuple[str, str]]]:
    """Forum windows with their day hours: two queries. All forums, not only current ones:
    a session wrongly set in the future still belongs to a forum that has ended."""
    rows = db.session.execute(
        db.select(Forum.id, Forum.title, Forum.timezone, Forum.start_date, Forum.end_date)
    ).all()
    ids = [row.id for row in rows]
    hours: defaultdict[int, list[DayHours]] = defaultdict(list)
    if ids:
        for day in db.session.execute(
            db.select(ForumDay.forum_id, ForumDay.day, ForumDay.opens_at, ForumDay.closes_at).where(
                ForumDay.forum_id.in_(ids)
            )
        ):
            if day.closes_at > day.opens_at:
                hours[day.forum_id].append(DayHours(day.day, day.opens_at, day.closes_at))
    windows, info = [], {}
    for row in rows:
        # A zone the domain cannot read would stop the whole report; services refuse
        # to save one, so this only guards rows written by hand.
        if not is_valid_zone(row.timezone):
            continue
        windows.append(
            ForumWindow(
                f"forum:{row.id}", row.timezone, row.start_date, row.end_date, hours[row.id]
            )
        )
        info[row.id] = (_title(row.title), row.timezone)
    return windows, info


def _load_sessions(
    since: datetime | None, forums: dict[int, tuple[str, str]]
) -> tuple[list[ScheduledItem], dict[str, ItemRef]]:
    """Sessions, then all their roles: two queries."""
    query = db.select(
        Session.id,
        Session.forum_id,
        Session.kind,
        Session.title,
        Session.starts_at,
        Session.ends_at,
        Session.room_id,
        Session.expected_attendance,
    )
    if since is not None:
        query = query.where(Session.ends_at >= since)
    rows = db.session.execute(query).all()
    roles: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
    if rows:
        role_query = (
            db.select(SessionRole.session_id, SessionRole.person_id, SessionRole.role)
            .join(Session, Session.id == SessionRole.session_id)
            .order_by(SessionRole.session_id, SessionRole.position, SessionRole.id)
        )
        if since is not None:
            role_query = role_query.where(Session.ends_at >= since)
        for role in db.session.execute(role_query):
            roles[role.session_id].append((role.person_id, role.role.value))
    items, refs = [], {}
    for row in rows:
        if row.forum_id not in forums:
            continue
        key = session_key(row.id)
        title = _title(row.title)
        forum_title, zone = forums[row.forum_id]
        cast = roles[row.id]
        items.append(
            ScheduledItem(
                key=key,
                kind=ItemKind.SESSION,
                owner_key=f"forum:{row.forum_id}",
                title=title,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                room_key=room_key(row.room_id) if row.room_id else None,
                person_keys=tuple(person_key(person_id) for person_id, _ in cast),
                session_kind=row.kind.value,
                role_kinds=frozenset(kind for _, kind in cast),
                expected_attendance=row.expected_attendance,
            )
        )
        refs[key] = ItemRef(
            key, ItemKind.SESSION, row.id, row.forum_id, forum_title, title,
            row.starts_at, row.ends_at, zone,
        )  # fmt: skip
    return items, refs


def _load_itinerary(since: datetime | None) -> tuple[list[ScheduledItem], dict[str, ItemRef]]:
    """Itinerary items with their visit, then all participants: two queries."""
    query = db.select(
        ItineraryItem.id,
        ItineraryItem.visit_id,
        ItineraryItem.title,
        ItineraryItem.starts_at,
        ItineraryItem.ends_at,
        DelegationVisit.title.label("visit_title"),
        DelegationVisit.timezone,
    ).join(DelegationVisit, DelegationVisit.id == ItineraryItem.visit_id)
    participants_query = db.select(
        ItineraryParticipant.item_id, ItineraryParticipant.person_id
    ).join(ItineraryItem, ItineraryItem.id == ItineraryParticipant.item_id)
    if since is not None:
        query = query.where(ItineraryItem.ends_at >= since)
        participants_query = participants_query.where(ItineraryItem.ends_at >= since)
    rows = db.session.execute(query).all()
    people: defaultdict[int, list[int]] = defaultdict(list)
    if rows:
        for row in db.session.execute(participants_query):
            people[row.item_id].append(row.person_id)
    items, refs = [], {}
    for row in rows:
        key = itinerary_key(row.id)
        title = _title(row.title)
        items.append(
            ScheduledItem(
                key=key,
                kind=ItemKind.ITINERARY,
                owner_key=f"visit:{row.visit_id}",
                title=title,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                person_keys=tuple(person_key(p) for p in people[row.id]),
            )
        )
        refs[key] = ItemRef(
            key, ItemKind.ITINERARY, row.id, row.visit_id, _title(row.visit_title), title,
            row.starts_at, row.ends_at, row.timezone,
        )  # fmt: skip
    return items, refs


def _load_rooms(items: list[ScheduledItem]) -> list[RoomInfo]:
    ids = {int(item.room_key.split(":")[1]) for item in items if item.room_key}
    if not ids:
        return []
    rows = db.session.execute(
        db.select(Room.id, Room.name, Room.capacity).where(Room.id.in_(ids))
    ).all()
    return [RoomInfo(room_key(row.id), _title(row.name), row.capacity) for row in rows]


def _person_names(clashes: list[Clash]) -> dict[str, str]:
    ids = {
        int(clash.subject_key.split(":")[1])
        for clash in clashes
        if clash.subject_key and clash.subject_key.startswith("person:")
    }
    if not ids:
        return {}
    people = db.session.scalars(db.select(Person).where(Person.id.in_(ids)))
    return {person_key(p.id): p.display_name("en") for p in people}


def clash_report(since: datetime | None = None) -> ClashReport:
    """Every clash across all forums and visits (items ending after ``since``, if given).

    Cutting by ``since`` is safe for the pairwise rules: an item that ended
    before ``since`` cannot overlap one that ends after it and is kept.
    Eight queries at most, whatever the number of sessions.
    """
    forums, forum_info = _load_forums()
    sessions, session_refs = _load_sessions(since, forum_info)
    itinerary, itinerary_refs = _load_itinerary(since)
    items = sessions + itinerary
    rooms = _load_rooms(sessions)
    clashes = find_clashes(items, rooms, forums)
    return ClashReport(
        clashes=clashes,
        items=session_refs | itinerary_refs,
        person_names=_person_names(clashes),
        room_names={room.key: room.name for room in rooms},
    )
