"""Delegation visits: members in protocol order, hosts, itinerary, press contacts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forumapp.core.checks import (
    Dependent,
    check_email,
    check_slug,
    check_zone,
    codes,
    from_local_naive,
    local_naive,
    localized,
    reorder,
    require_text,
    to_utc,
)
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.localized import pick_language
from forumapp.core.timezones import get_zone
from forumapp.core.unit_of_work import saved
from forumapp.people.models import Organisation, Person
from forumapp.visits.agreements import follow_ups_and_agreements
from forumapp.visits.models import (
    DelegationVisit,
    ItineraryItem,
    ItineraryKind,
    ItineraryParticipant,
    PressContact,
    VisitHost,
    VisitMember,
    VisitStatus,
)


@dataclass
class VisitData:
    slug: str
    title: dict[str, str]
    visiting_country: str
    timezone: str
    arrives_at: datetime  # naive: the visit's local wall clock
    departs_at: datetime
    status: VisitStatus | str = VisitStatus.PLANNED
    visiting_region: dict[str, str] | None = None
    visiting_organisation_id: int | None = None
    head_of_delegation_id: int | None = None
    host_organisation_id: int | None = None
    purpose: dict[str, str] | None = None
    topics: str | list[str] | None = None
    is_public: bool = False


@dataclass
class ItineraryData:
    kind: ItineraryKind | str
    title: dict[str, str]
    day: date
    starts: time
    ends: time
    location: dict[str, str] | None = None
    description: dict[str, str] | None = None
    time_provisional: bool = False
    participant_ids: list[int] = field(default_factory=list)


@dataclass
class PressContactData:
    officer: str
    department: dict[str, str] | None = None
    position: dict[str, str] | None = None
    phone: str | None = None
    email: str | None = None
    notes: str | None = None


def list_visits() -> list[DelegationVisit]:
    return list(
        db.session.scalars(
            db.select(DelegationVisit)
            .options(selectinload(DelegationVisit.head_of_delegation))
            .order_by(DelegationVisit.arrives_at.desc())
        )
    )


def get_visit(visit_id: int) -> DelegationVisit:
    visit = db.session.scalar(
        db.select(DelegationVisit)
        .where(DelegationVisit.id == visit_id)
        .options(
            selectinload(DelegationVisit.members).selectinload(VisitMember.person),
            selectinload(DelegationVisit.hosts).selectinload(VisitHost.person),
            selectinload(DelegationVisit.itinerary)
            .selectinload(ItineraryItem.participants)
            .selectinload(ItineraryParticipant.person),
            selectinload(DelegationVisit.press_contacts),
        )
    )
    if visit is None:
        raise NotFound(_("No such visit."))
    return visit


def _check_ref(model, ref_id: int | None, field_name: str) -> None:
    if ref_id is not None and db.session.get(model, ref_id) is None:
        raise ServiceError(_("Not found; pick again."), field=field_name)


def _apply(visit: DelegationVisit, data: VisitData) -> None:
    slug = check_slug(data.slug)
    taken = db.session.scalar(
        db.select(DelegationVisit.id).where(
            DelegationVisit.slug == slug, DelegationVisit.id != (visit.id or 0)
        )
    )
    if taken is not None:
        raise ServiceError(_("Another visit already uses this address."), field="slug")
    title = require_text(data.title, visit.title, "title")
    country = (data.visiting_country or "").strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise ServiceError(_("Use a two-letter country code, e.g. UZ."), field="visiting_country")
    zone = check_zone(data.timezone)
    if data.arrives_at is None:
        raise ServiceError(_("Give the arrival."), field="arrives_at")
    if data.departs_at is None or data.departs_at < data.arrives_at:
        raise ServiceError(_("Departure cannot be before arrival."), field="departs_at")
    try:
        status = VisitStatus(data.status)
    except ValueError as exc:
        raise ServiceError(_("Pick a status."), field="status") from exc
    _check_ref(Organisation, data.visiting_organisation_id, "visiting_organisation_id")
    _check_ref(Organisation, data.host_organisation_id, "host_organisation_id")
    _check_ref(Person, data.head_of_delegation_id, "head_of_delegation_id")
    visit.slug, visit.title, visit.visiting_country, visit.timezone = slug, title, country, zone
    visit.arrives_at = from_local_naive(zone, data.arrives_at)
    visit.departs_at = from_local_naive(zone, data.departs_at)
    visit.status = status
    visit.visiting_region = localized(data.visiting_region, visit.visiting_region)
    visit.visiting_organisation_id = data.visiting_organisation_id
    visit.head_of_delegation_id = data.head_of_delegation_id
    visit.host_organisation_id = data.host_organisation_id
    visit.purpose = localized(data.purpose, visit.purpose)
    visit.topics = codes(data.topics)
    visit.is_public = bool(data.is_public)


def create_visit(data: VisitData) -> DelegationVisit:
    visit = DelegationVisit()
    _apply(visit, data)
    db.session.add(visit)
    saved()
    return visit


def update_visit(visit_id: int, data: VisitData) -> DelegationVisit:
    visit = get_visit(visit_id)
    _apply(visit, data)
    saved()
    return visit


def visit_form_data(visit: DelegationVisit) -> dict[str, Any]:
    return {
        "slug": visit.slug,
        "title": dict(visit.title),
        "visiting_country": visit.visiting_country,
        "visiting_region": dict(visit.visiting_region),
        "visiting_organisation_id": visit.visiting_organisation_id,
        "head_of_delegation_id": visit.head_of_delegation_id,
        "host_organisation_id": visit.host_organisation_id,
        "purpose": dict(visit.purpose),
        "topics": ", ".join(visit.topics),
        "timezone": visit.timezone,
        "arrives_at": local_naive(visit.timezone, visit.arrives_at),
        "departs_at": local_naive(visit.timezone, visit.departs_at),
        "status": visit.status.value,
        "is_public": visit.is_public,
    }


def visit_dependents(visit_id: int) -> list[Dependent]:
    visit = get_visit(visit_id)
    found = []
    if visit.members:
        found.append(
            Dependent(
                _("Delegation members"),
                [m.person.display_name("en") for m in visit.members],
                _("removed from the visit (the people are kept)"),
            )
        )
    if visit.itinerary:
        found.append(
            Dependent(
                _("Itinerary items"),
                [pick_language(i.title) for i in visit.itinerary],
                _("deleted"),
            )
        )
    found += follow_ups_and_agreements("visit", visit_id, _("kept, no longer linked to this visit"))
    return found


def delete_visit(visit_id: int) -> None:
    visit = get_visit(visit_id)
    db.session.delete(visit)
    saved()


# -- members and hosts (protocol order) ------------------------------------------------


def _add_person(visit_id: int, model, person_id: int | None, role: dict | None) -> None:
    visit = get_visit(visit_id)
    rows = visit.members if model is VisitMember else visit.hosts
    if person_id is None or db.session.get(Person, person_id) is None:
        raise ServiceError(_("Pick a person."), field="person_id")
    if any(r.person_id == person_id for r in rows):
        raise ServiceError(_("This person is already listed."), field="person_id")
    rows.append(
        model(
            person_id=person_id,
            role=localized(role, None),
            protocol_order=max((r.protocol_order for r in rows), default=0) + 1,
        )
    )
    saved()


def add_member(visit_id: int, person_id: int | None, role: dict | None = None) -> None:
    _add_person(visit_id, VisitMember, person_id, role)


def add_host(visit_id: int, person_id: int | None, role: dict | None = None) -> None:
    _add_person(visit_id, VisitHost, person_id, role)


def _get_row(model, row_id: int):
    row = db.session.get(model, row_id)
    if row is None:
        raise NotFound(_("Not found."))
    return row


def remove_listed(model, row_id: int) -> int:
    """Remove a member, host or press contact; returns the visit id."""
    row = _get_row(model, row_id)
    visit_id = row.visit_id
    db.session.delete(row)
    saved()
    return visit_id


def move_listed(model, row_id: int, direction: int) -> int:
    """Move a member or host up (-1) or down (+1) in protocol order."""
    row = _get_row(model, row_id)
    siblings = row.visit.members if model is VisitMember else row.visit.hosts
    reorder(
        sorted(siblings, key=lambda r: (r.protocol_order, r.id)), row, direction, "protocol_order"
    )
    saved()
    return row.visit_id


# -- itinerary ---------------------------------------------------------------------------


def _apply_item(visit: DelegationVisit, item: ItineraryItem, data: ItineraryData) -> None:
    try:
        kind = ItineraryKind(data.kind)
    except ValueError as exc:
        raise ServiceError(_("Pick a kind."), field="kind") from exc
    item.title = require_text(data.title, item.title, "title")
    if data.day is None:
        raise ServiceError(_("Give the day."), field="day")
    if data.starts is None:
        raise ServiceError(_("Give the start time."), field="starts")
    if data.ends is None or data.ends <= data.starts:
        raise ServiceError(_("The item must end after it starts."), field="ends")
    item.kind = kind
    item.starts_at = to_utc(visit.timezone, data.day, data.starts)
    item.ends_at = to_utc(visit.timezone, data.day, data.ends)
    item.location = localized(data.location, item.location)
    item.description = localized(data.description, item.description)
    item.time_provisional = bool(data.time_provisional)
    wanted = list(dict.fromkeys(data.participant_ids or []))
    if wanted:
        found = set(db.session.scalars(db.select(Person.id).where(Person.id.in_(wanted))))
        if found != set(wanted):
            raise ServiceError(
                _("Some people were not found; pick again."), field="participant_ids"
            )
    current = {p.person_id: p for p in item.participants}
    item.participants = [current.get(pid) or ItineraryParticipant(person_id=pid) for pid in wanted]


def add_itinerary_item(visit_id: int, data: ItineraryData) -> ItineraryItem:
    visit = get_visit(visit_id)
    item = ItineraryItem(sequence=0)
    _apply_item(visit, item, data)
    visit.itinerary.append(item)
    saved()
    return item


def get_itinerary_item(item_id: int) -> ItineraryItem:
    return _get_row(ItineraryItem, item_id)


def update_itinerary_item(item_id: int, data: ItineraryData) -> ItineraryItem:
    item = get_itinerary_item(item_id)
    before = (item.starts_at, item.ends_at)
    _apply_item(item.visit, item, data)
    if (item.starts_at, item.ends_at) != before:
        item.sequence += 1
    saved()
    return item


def delete_itinerary_item(item_id: int) -> int:
    item = get_itinerary_item(item_id)
    visit_id = item.visit_id
    db.session.delete(item)
    saved()
    return visit_id


def itinerary_form_data(item: ItineraryItem) -> dict[str, Any]:
    zone = get_zone(item.visit.timezone)
    start, end = item.starts_at.astimezone(zone), item.ends_at.astimezone(zone)
    return {
        "kind": item.kind.value,
        "title": dict(item.title),
        "day": start.date(),
        "starts": start.time().replace(second=0, microsecond=0),
        "ends": end.time().replace(second=0, microsecond=0),
        "location": dict(item.location),
        "description": dict(item.description),
        "time_provisional": item.time_provisional,
        "participant_ids": [p.person_id for p in item.participants],
    }


# -- press contacts ---------------------------------------------------------------------


def add_press_contact(visit_id: int, data: PressContactData) -> PressContact:
    visit = get_visit(visit_id)
    officer = (data.officer or "").strip()
    if not officer:
        raise ServiceError(_("Give the officer's name."), field="officer")
    contact = PressContact(
        officer=officer,
        department=localized(data.department, None),
        position=localized(data.position, None),
        phone=(data.phone or "").strip() or None,
        email=check_email(data.email),
        notes=(data.notes or "").strip() or None,
    )
    visit.press_contacts.append(contact)
    saved()
    return contact
