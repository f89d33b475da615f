"""A delegation visit as the public sees it: what its summary page and calendar show.

Only what an organiser would put in a press release: no phone numbers, no e-mail
addresses, no internal notes. Built by ``services.public_visits`` from a visit the
organiser marked public.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from forumapp.core.localized import fallback_order, person_name, pick_language

Localized = Mapping[str, str]

# Itinerary items have no guid column; their calendar UID is derived from the row's
# id (unique in the table, never reused while the row lives) in our own namespace,
# so re-downloading the itinerary updates events instead of duplicating them.
ITINERARY_NAMESPACE = uuid.UUID("6f1c52a4-0b0c-4a8e-9a55-2f3c8a1d7e10")


def itinerary_item_key(item_id: int) -> str:
    return str(uuid.uuid5(ITINERARY_NAMESPACE, f"itinerary-item:{item_id}"))


@dataclass(frozen=True)
class VisitPerson:
    name_hangul: str | None = None
    name_latin: str | None = None
    name_native: str | None = None
    title: Localized = field(default_factory=dict)
    role: Localized = field(default_factory=dict)
    organisation: Localized = field(default_factory=dict)

    def display_name(self, lang: str = "ko") -> str:
        return person_name(lang, self.name_hangul, self.name_latin, self.name_native)


@dataclass(frozen=True)
class VisitItem:
    key: str  # itinerary_item_key(id)
    kind: str
    title: Localized
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    description: Localized = field(default_factory=dict)
    location: Localized = field(default_factory=dict)
    time_provisional: bool = False
    sequence: int = 0


@dataclass(frozen=True)
class PublicVisit:
    slug: str
    title: Localized
    timezone: str
    arrives_at: datetime
    departs_at: datetime
    visiting_country: str
    visiting_region: Localized = field(default_factory=dict)
    visiting_organisation: Localized = field(default_factory=dict)
    host_organisation: Localized = field(default_factory=dict)
    purpose: Localized = field(default_factory=dict)
    status: str = "planned"
    updated_at: datetime | None = None
    members: tuple[VisitPerson, ...] = ()
    hosts: tuple[VisitPerson, ...] = ()
    itinerary: tuple[VisitItem, ...] = ()

    def text(self, value: Localized | None, lang: str | None = None) -> str:
        return pick_language(value, fallback_order(lang))
