"""Delegation visits the organiser marked public, read as plain data for pages and calendars."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from forumapp.core.extensions import db
from forumapp.people.models import Person
from forumapp.visits.models import DelegationVisit, VisitHost, VisitMember
from forumapp.visits.rules.schedule_visits import (
    PublicVisit,
    VisitItem,
    VisitPerson,
    itinerary_item_key,
)


def _person(person: Person, role: dict | None = None) -> VisitPerson:
    return VisitPerson(
        name_hangul=person.name_hangul,
        name_latin=person.name_latin,
        name_native=person.name_native,
        title=dict(person.title),
        role=dict(role or {}),
        organisation=dict(person.organisation.name) if person.organisation else {},
    )


def public_visit(slug: str) -> PublicVisit | None:
    """The public summary of a visit, or None when it is unknown or not public (404)."""
    visit = db.session.scalar(
        db.select(DelegationVisit)
        .where(DelegationVisit.slug == slug, DelegationVisit.is_public.is_(True))
        .options(
            selectinload(DelegationVisit.visiting_organisation),
            selectinload(DelegationVisit.host_organisation),
            selectinload(DelegationVisit.members)
            .selectinload(VisitMember.person)
            .selectinload(Person.organisation),
            selectinload(DelegationVisit.hosts)
            .selectinload(VisitHost.person)
            .selectinload(Person.organisation),
            selectinload(DelegationVisit.itinerary),
        )
    )
    if visit is None:
        return None
    return PublicVisit(
        slug=visit.slug,
        title=dict(visit.title),
        timezone=visit.timezone,
        arrives_at=visit.arrives_at,
        departs_at=visit.departs_at,
        visiting_country=visit.visiting_country,
        visiting_region=dict(visit.visiting_region),
        visiting_organisation=dict(visit.visiting_organisation.name)
        if visit.visiting_organisation
        else {},
        host_organisation=dict(visit.host_organisation.name) if visit.host_organisation else {},
        purpose=dict(visit.purpose),
        status=visit.status.value,
        updated_at=visit.updated_at,
        members=tuple(_person(m.person, m.role) for m in visit.members),
        hosts=tuple(_person(h.person, h.role) for h in visit.hosts),
        itinerary=tuple(
            VisitItem(
                key=itinerary_item_key(item.id),
                kind=item.kind.value,
                title=dict(item.title),
                starts_at=item.starts_at,
                ends_at=item.ends_at,
                description=dict(item.description),
                location=dict(item.location),
                time_provisional=item.time_provisional,
                sequence=item.sequence,
            )
            for item in sorted(visit.itinerary, key=lambda i: (i.starts_at, i.id))
        ),
    )
