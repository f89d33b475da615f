"""Venues and their rooms."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forumapp.core.checks import Dependent, check_zone, localized, require_text
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.localized import pick_language
from forumapp.core.unit_of_work import saved
from forumapp.programme.models import Forum, Room, Session, Venue


@dataclass
class VenueData:
    name: dict[str, str]
    country: str
    timezone: str
    city: str | None = None
    address: dict[str, str] | None = None
    website: str | None = None


@dataclass
class RoomData:
    name: dict[str, str]
    capacity: int | None = None
    floor: str | None = None
    position: int | None = None


def list_venues() -> list[Venue]:
    return list(db.session.scalars(db.select(Venue).options(selectinload(Venue.rooms))))


def get_venue(venue_id: int) -> Venue:
    venue = db.session.get(Venue, venue_id)
    if venue is None:
        raise NotFound(_("No such venue."))
    return venue


def get_room(room_id: int) -> Room:
    room = db.session.get(Room, room_id)
    if room is None:
        raise NotFound(_("No such room."))
    return room


def _apply_venue(venue: Venue, data: VenueData) -> None:
    venue.name = require_text(data.name, venue.name, "name")
    country = (data.country or "").strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise ServiceError(_("Use a two-letter country code, e.g. KR."), field="country")
    venue.country = country
    venue.timezone = check_zone(data.timezone)
    venue.city = (data.city or "").strip() or None
    venue.address = localized(data.address, venue.address)
    venue.website = (data.website or "").strip() or None


def create_venue(data: VenueData) -> Venue:
    venue = Venue()
    _apply_venue(venue, data)
    db.session.add(venue)
    saved()
    return venue


def update_venue(venue_id: int, data: VenueData) -> Venue:
    venue = get_venue(venue_id)
    _apply_venue(venue, data)
    saved()
    return venue


def _sessions_in_rooms(room_ids: list[int]) -> list[Session]:
    if not room_ids:
        return []
    return list(db.session.scalars(db.select(Session).where(Session.room_id.in_(room_ids))))


def venue_dependents(venue_id: int) -> list[Dependent]:
    venue = get_venue(venue_id)
    found = []
    if venue.rooms:
        found.append(
            Dependent(_("Rooms"), [pick_language(r.name) for r in venue.rooms], _("deleted"))
        )
    sessions = _sessions_in_rooms([r.id for r in venue.rooms])
    if sessions:
        found.append(
            Dependent(
                _("Sessions in these rooms"),
                [pick_language(s.title) for s in sessions],
                _("kept, without a room"),
            )
        )
    forums = db.session.scalars(db.select(Forum).where(Forum.venue_id == venue_id)).all()
    if forums:
        found.append(
            Dependent(
                _("Forums"), [pick_language(f.title) for f in forums], _("kept, without a venue")
            )
        )
    return found


def delete_venue(venue_id: int) -> None:
    venue = get_venue(venue_id)
    for session in _sessions_in_rooms([r.id for r in venue.rooms]):
        session.room_id = None
        session.sequence += 1
    db.session.flush()
    db.session.delete(venue)
    saved()


def _apply_room(room: Room, data: RoomData) -> None:
    room.name = require_text(data.name, room.name, "name")
    if data.capacity is not None and data.capacity < 0:
        raise ServiceError(_("Cannot be negative."), field="capacity")
    room.capacity = data.capacity
    room.floor = (data.floor or "").strip() or None
    if data.position is not None:
        room.position = data.position


def add_room(venue_id: int, data: RoomData) -> Room:
    venue = get_venue(venue_id)
    room = Room(position=len(venue.rooms) + 1)
    _apply_room(room, data)
    venue.rooms.append(room)
    saved()
    return room


def update_room(room_id: int, data: RoomData) -> Room:
    room = get_room(room_id)
    _apply_room(room, data)
    saved()
    return room


def room_dependents(room_id: int) -> list[Dependent]:
    get_room(room_id)
    sessions = _sessions_in_rooms([room_id])
    if not sessions:
        return []
    return [
        Dependent(
            _("Sessions"), [pick_language(s.title) for s in sessions], _("kept, without a room")
        )
    ]


def delete_room(room_id: int) -> int:
    room = get_room(room_id)
    venue_id = room.venue_id
    for session in _sessions_in_rooms([room_id]):
        session.room_id = None
        session.sequence += 1
    db.session.flush()
    db.session.delete(room)
    saved()
    return venue_id
