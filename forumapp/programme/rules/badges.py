"""Who gets a name badge at a forum, as plain data for the badge export."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Localized = Mapping[str, str]

SPEAKER, DELEGATE, STAFF = "speaker", "delegate", "staff"
CATEGORIES = (SPEAKER, DELEGATE, STAFF)


@dataclass(frozen=True)
class Badge:
    """One badge: the name in Hangul and in the Latin/native spelling, organisation, role.

    ``category`` (speaker, delegate, staff) picks the colour band, so the front desk
    tells them apart at a glance.
    """

    category: str
    name_hangul: str | None = None
    name_latin: str | None = None
    name_native: str | None = None
    organisation: Localized = field(default_factory=dict)
    role: Localized = field(default_factory=dict)

    @property
    def main_name(self) -> str:
        return next((n for n in (self.name_hangul, self.name_latin, self.name_native) if n), "")

    @property
    def other_names(self) -> list[str]:
        names = [n for n in (self.name_hangul, self.name_latin, self.name_native) if n]
        return list(dict.fromkeys(names))[1:]
