"""A delegation visit as the organiser prints it: itinerary, delegation, hosts, contacts.

Unlike ``schedule_visits.PublicVisit`` this is an internal document: it carries the
phone numbers and e-mail addresses of hosts and press officers, so it is only built
for organisers. Plain data, so the PDF export is tested without a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from forumapp.core.localized import fallback_order, pick_language
from forumapp.visits.rules.schedule_visits import VisitPerson

Localized = Mapping[str, str]


@dataclass(frozen=True)
class VisitPersonEntry(VisitPerson):
    """A delegation member or host, in protocol order (1 = head): the public page's person
    with what only organisers see."""

    protocol_order: int = 0
    phone: str | None = None
    email: str | None = None

    def all_names(self) -> str:
        names = [n for n in (self.name_hangul, self.name_latin, self.name_native) if n]
        return " · ".join(dict.fromkeys(names))


@dataclass(frozen=True)
class ItineraryEntry:
    kind: str
    title: Localized
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    description: Localized = field(default_factory=dict)
    location: Localized = field(default_factory=dict)
    time_provisional: bool = False
    participants: tuple[str, ...] = ()  # display names, Hangul first where known


@dataclass(frozen=True)
class VisitContact:
    officer: str
    department: Localized = field(default_factory=dict)
    position: Localized = field(default_factory=dict)
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class VisitDocument:
    slug: str
    title: Localized
    timezone: str
    arrives_at: datetime
    departs_at: datetime
    visiting_country: str
    status: str = "planned"
    visiting_region: Localized = field(default_factory=dict)
    visiting_organisation: Localized = field(default_factory=dict)
    host_organisation: Localized = field(default_factory=dict)
    purpose: Localized = field(default_factory=dict)
    topics: tuple[str, ...] = ()
    members: tuple[VisitPersonEntry, ...] = ()
    hosts: tuple[VisitPersonEntry, ...] = ()
    itinerary: tuple[ItineraryEntry, ...] = ()
    contacts: tuple[VisitContact, ...] = ()

    def text(self, value: Localized | None, lang: str | None = None) -> str:
        return pick_language(value, fallback_order(lang))
