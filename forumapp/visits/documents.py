"""Loading what the printed documents show: a visit's itinerary and a forum's badges.

Organiser documents read the live tables (an itinerary is printed the evening
before, badges the morning of), unlike the public programme booklet, which reads
the last published release.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy.orm import selectinload

from forumapp.accounts.models import User, UserRole
from forumapp.core.extensions import db
from forumapp.people.models import Person
from forumapp.programme import programme as programme_service
from forumapp.programme.models import Forum
from forumapp.programme.rules.badges import DELEGATE, SPEAKER, STAFF, Badge
from forumapp.programme.rules.programme import Localized
from forumapp.visits.models import (
    DelegationVisit,
    ItineraryItem,
    ItineraryParticipant,
    VisitHost,
    VisitMember,
)
from forumapp.visits.rules.visit_document import (
    ItineraryEntry,
    VisitContact,
    VisitDocument,
    VisitPersonEntry,
)


def _entry(person: Person, role: dict | None, order: int) -> VisitPersonEntry:
    return VisitPersonEntry(
        name_hangul=person.name_hangul,
        name_latin=person.name_latin,
        name_native=person.name_native,
        title=dict(person.title),
        role=dict(role or {}),
        organisation=dict(person.organisation.name) if person.organisation else {},
        protocol_order=order,
        phone=person.phone,
        email=person.email,
    )


def _load_visits(*conditions) -> list[DelegationVisit]:
    return list(
        db.session.scalars(
            db.select(DelegationVisit)
            .where(*conditions)
            .options(
                selectinload(DelegationVisit.visiting_organisation),
                selectinload(DelegationVisit.host_organisation),
                selectinload(DelegationVisit.members)
                .selectinload(VisitMember.person)
                .selectinload(Person.organisation),
                selectinload(DelegationVisit.hosts)
                .selectinload(VisitHost.person)
                .selectinload(Person.organisation),
                selectinload(DelegationVisit.itinerary)
                .selectinload(ItineraryItem.participants)
                .selectinload(ItineraryParticipant.person),
                selectinload(DelegationVisit.press_contacts),
            )
            .order_by(DelegationVisit.arrives_at, DelegationVisit.id)
        )
    )


def visit_document(slug: str) -> VisitDocument | None:
    """Everything the itinerary PDF prints, or None for an unknown slug."""
    visits = _load_visits(DelegationVisit.slug == slug)
    if not visits:
        return None
    visit = visits[0]
    members = sorted(visit.members, key=lambda m: (m.protocol_order, m.id))
    hosts = sorted(visit.hosts, key=lambda h: (h.protocol_order, h.id))
    return VisitDocument(
        slug=visit.slug,
        title=dict(visit.title),
        timezone=visit.timezone,
        arrives_at=visit.arrives_at,
        departs_at=visit.departs_at,
        visiting_country=visit.visiting_country,
        status=visit.status.value,
        visiting_region=dict(visit.visiting_region),
        visiting_organisation=dict(visit.visiting_organisation.name)
        if visit.visiting_organisation
        else {},
        host_organisation=dict(visit.host_organisation.name) if visit.host_organisation else {},
        purpose=dict(visit.purpose),
        topics=tuple(visit.topics),
        members=tuple(_entry(m.person, m.role, m.protocol_order) for m in members),
        hosts=tuple(_entry(h.person, h.role, h.protocol_order) for h in hosts),
        itinerary=tuple(
            ItineraryEntry(
                kind=item.kind.value,
                title=dict(item.title),
                starts_at=item.starts_at,
                ends_at=item.ends_at,
                description=dict(item.description),
                location=dict(item.location),
                time_provisional=item.time_provisional,
                participants=tuple(p.person.display_name("ko") for p in item.participants),
            )
            for item in sorted(visit.itinerary, key=lambda i: (i.starts_at, i.id))
        ),
        contacts=tuple(
            VisitContact(
                officer=c.officer,
                department=dict(c.department),
                position=dict(c.position),
                phone=c.phone,
                email=c.email,
            )
            for c in sorted(visit.press_contacts, key=lambda c: c.id)
        ),
    )


@dataclass(frozen=True)
class ForumBadges:
    slug: str
    title: Localized
    badges: tuple[Badge, ...]


def _person_badge(category: str, person: Person, role: Localized | None = None) -> Badge:
    return Badge(
        category=category,
        name_hangul=person.name_hangul,
        name_latin=person.name_latin,
        name_native=person.name_native,
        organisation=dict(person.organisation.name) if person.organisation else {},
        # The position ("Governor of Tashkent Region") says more on a badge than the
        # delegation role ("Head of delegation"), which is used when there is none.
        role=dict(person.title or role or {}),
    )


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def forum_badges(slug: str, visit_slugs: tuple[str, ...] = ()) -> ForumBadges | None:
    """Badges for a forum: its speakers (live draft), delegations, organiser staff.

    Delegations are the visits that overlap the forum's days, plus any named in
    ``visit_slugs`` (a delegation may come a day early). Staff are the active
    organiser accounts that have a display name.
    """
    forum = db.session.scalar(db.select(Forum).where(Forum.slug == slug))
    if forum is None:
        return None
    programme = programme_service.draft_programme(forum.id)
    speakers = sorted(
        (
            Badge(
                category=SPEAKER,
                name_hangul=p.name_hangul,
                name_latin=p.name_latin,
                name_native=p.name_native,
                organisation=p.organisation,
                role=p.title,
            )
            for p in (programme.people if programme else ())
        ),
        key=lambda b: (b.main_name.casefold(), b.name_latin or ""),
    )
    opens = datetime.combine(forum.start_date, time.min, UTC) - timedelta(days=1)
    closes = datetime.combine(forum.end_date, time.max, UTC) + timedelta(days=1)
    overlapping = (DelegationVisit.arrives_at <= closes) & (DelegationVisit.departs_at >= opens)
    named = DelegationVisit.slug.in_(visit_slugs) if visit_slugs else None
    where = overlapping if named is None else (overlapping | named)
    delegates = [
        _person_badge(DELEGATE, m.person, m.role or None)
        for visit in _load_visits(where)
        for m in sorted(visit.members, key=lambda m: (m.protocol_order, m.id))
    ]
    staff_users = db.session.scalars(
        db.select(User)
        .where(User.role == UserRole.ORGANISER, User.active.is_(True))
        .options(selectinload(User.organisation))
        .order_by(User.display_name, User.id)
    )
    staff = [
        Badge(
            category=STAFF,
            name_hangul=u.display_name if _has_hangul(u.display_name) else None,
            name_latin=None if _has_hangul(u.display_name) else u.display_name,
            organisation=dict(u.organisation.name) if u.organisation else {},
        )
        for u in staff_users
        if u.display_name
    ]
    return ForumBadges(forum.slug, dict(forum.title), (*speakers, *delegates, *staff))
