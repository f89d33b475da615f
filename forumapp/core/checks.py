"""Checks and conversions the back-office services share (slugs, zones, local times)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from forumapp.core.errors import ServiceError
from forumapp.core.localized import CONTENT_LANGUAGES
from forumapp.core.timezones import get_zone, is_valid_zone
from forumapp.core.unit_of_work import discard

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_slug(slug: str | None, field: str = "slug") -> str:
    slug = (slug or "").strip().lower()
    if not SLUG_PATTERN.fullmatch(slug) or len(slug) > 80:
        raise ServiceError(
            _("Use lower-case letters, digits and single hyphens (at most 80)."), field=field
        )
    return slug


def check_zone(name: str | None, field: str = "timezone") -> str:
    name = (name or "").strip()
    if not is_valid_zone(name):
        raise ServiceError(
            _("Unknown time zone “%(name)s”: use an IANA name such as Asia/Seoul.", name=name),
            field=field,
        )
    return name


def check_email(raw: str | None, field: str = "email") -> str | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return validate_email(raw, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ServiceError(_("Not a valid e-mail address."), field=field) from exc


def localized(
    given: Mapping[str, str | None] | None, stored: Mapping[str, str] | None
) -> dict[str, str]:
    """``stored`` updated with what ``given`` says, trimmed.

    A language ``given`` fills in replaces the stored text; a language it holds empty
    removes it (the user cleared that input); a language it does not mention at all
    is kept as stored, so a form that edits ko/en/ru never loses a Kazakh or Uzbek
    text. ``stored`` is required on purpose: pass ``None`` only for a new row.
    """
    merged = {code: text for code, text in (stored or {}).items() if text}
    for code, raw in (given or {}).items():
        if code not in CONTENT_LANGUAGES:
            continue
        text = (raw or "").strip()
        if text:
            merged[code] = text
        else:
            merged.pop(code, None)
    return merged


def require_text(
    given: Mapping[str, str | None] | None, stored: Mapping[str, str] | None, field: str
) -> dict[str, str]:
    """Like :func:`localized`, refusing a result with no language left."""
    text = localized(given, stored)
    if not text:
        raise ServiceError(_("Fill this in, in at least one language."), field=field)
    return text


def to_utc(zone_name: str, day: date, moment: time) -> datetime:
    """A wall-clock time on ``day`` in ``zone_name`` as an aware UTC datetime."""
    return datetime.combine(day, moment, tzinfo=get_zone(zone_name)).astimezone(UTC)


def local_naive(zone_name: str, value: datetime) -> datetime:
    return value.astimezone(get_zone(zone_name)).replace(tzinfo=None)


def from_local_naive(zone_name: str, value: datetime) -> datetime:
    return value.replace(tzinfo=get_zone(zone_name)).astimezone(UTC)


def codes(text: str | list[str] | None) -> list[str]:
    """'ko, en' or ['ko', 'en'] as a clean list of short lower-case codes."""
    if text is None:
        return []
    parts = text if isinstance(text, list) else re.split(r"[,\s]+", text)
    return list(dict.fromkeys(p.strip().lower() for p in parts if p and p.strip()))


def reorder(rows: list, row, direction: int, attribute: str) -> None:
    """Move ``row`` one step up (-1) or down (+1) and renumber ``attribute`` from 1."""
    ordered = list(rows)
    index = ordered.index(row)
    target = index + direction
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for number, item in enumerate(ordered, start=1):
        setattr(item, attribute, number)


class Dependent:
    """Something that refers to a row about to be deleted, and what will happen to it."""

    def __init__(self, what: str, names: list[str], consequence: str) -> None:
        self.what = what
        self.names = names
        self.consequence = consequence

    def __repr__(self) -> str:
        return f"<Dependent {self.what}: {len(self.names)}>"


def discard_changes() -> None:
    """Forget what a refused service call half-applied, before the form is shown again
    (otherwise the next query would autoflush it)."""

    discard()
