"""The iCalendar writer under the feeds in :mod:`forumapp.programme.documents.ical`: events and
calendars written line by line with icalendar's escaping and folding rules.

Why not ``Calendar.to_ical()`` for everything: icalendar allocates parameter and value
objects for every property of every event and folds character by character, which was
most of the time a 250-session feed took. The calendar head (with its VTIMEZONE) still
comes from icalendar; events are written here in the property order ``Event.to_ical()``
uses, so the bytes are the same:
tests/programme/documents/test_ical_writer_matches_icalendar.py builds every calendar
the feeds write (the demo's, a generated 250-session forum's) again with icalendar's
``Calendar``/``Timezone``/``Event`` and compares the bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Component, Timezone, vDDDTypes, vDuration, vText

from forumapp.core.timezones import get_zone

PRODID = "-//forumapp//forumapp programme//EN"
REFRESH_INTERVAL = timedelta(hours=1)

# C0 controls except TAB and LF, DEL and the C1 block; CR goes too (we emit CRLF ourselves).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """User text made safe for a calendar line: no control characters, one line unless asked."""
    text = _CONTROL_CHARACTERS.sub("", (value or "").replace("\r\n", "\n"))
    if not multiline:
        text = " ".join(text.split())
    return text.strip()


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    sequence: int = 0
    last_modified: datetime | None = None
    location: str = ""
    description: str = ""
    url: str | None = None
    tentative: bool = False
    cancelled: bool = False


@lru_cache(maxsize=64)
def _timezone(zone_name: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of a zone over whole years; built once per process (``from_tzinfo``
    walks every transition and costs more than the rest of a small feed). Shared between
    calendars, which only read it."""
    return Timezone.from_tzinfo(
        get_zone(zone_name),
        tzid=zone_name,
        first_date=date(first_year, 1, 1),
        last_date=date(last_year + 1, 1, 1),
    )


_CONTINUATION = b"\r\n "
_ESCAPES = (0x5C, 0x5E)  # backslash (TEXT escapes) and caret (RFC 6868 parameter escapes)


def _fold(line: str) -> bytes:
    """One content line, folded at 75 octets (RFC 5545 3.1) like icalendar's own folding
    (lines of at most 74 octets, never between a character's bytes or right after an
    escape character), but slicing bytes instead of encoding one character at a time."""
    raw = line.encode("utf-8")
    size = len(raw)
    if size <= 74:
        return raw
    parts = []
    start = 0
    while size - start > 74:
        end = start + 74
        while raw[end] & 0xC0 == 0x80:  # inside a multi-byte character: cut before it
            end -= 1
        if raw[end - 1] in _ESCAPES and end - 1 > start:
            end -= 1
        parts.append(raw[start:end])
        start = end
    parts.append(raw[start:])
    return _CONTINUATION.join(parts)


def _to_ical(component: Component) -> bytes:
    """``component.to_ical()`` with :func:`_fold` (icalendar folds character by character,
    which is most of the time a 250-session feed takes)."""
    return b"".join(_fold(line) + b"\r\n" for line in component.content_lines() if line)


def _text(value: str) -> str:
    """A TEXT value escaped by icalendar's own rules (RFC 5545 3.3.11)."""
    return vText(value).to_ical().decode("utf-8")


def _ical_datetime(value: datetime) -> str:
    """DATE-TIME digits as ``vDatetime.to_ical()`` writes them (the caller adds any ``Z``)."""
    return (
        f"{value.year:04}{value.month:02}{value.day:02}"
        f"T{value.hour:02}{value.minute:02}{value.second:02}"
    )


@dataclass(frozen=True)
class _LocalTimes:
    """How icalendar writes a time of this zone: ``;TZID=...`` and a local time, or
    (a UTC zone) no parameter and a ``Z`` time. Asked of icalendar once per feed."""

    zone: object
    params: str
    utc: bool

    @classmethod
    def of(cls, zone, sample: datetime) -> _LocalTimes:
        probe = vDDDTypes(sample.astimezone(zone))
        params = probe.params.to_ical().decode("utf-8")
        return cls(zone, f";{params}" if params else "", probe.to_ical().endswith(b"Z"))

    def line(self, name: str, value: datetime) -> str:
        if self.utc:
            return f"{name}:{_ical_datetime(value.astimezone(UTC))}Z"
        return f"{name}{self.params}:{_ical_datetime(value.astimezone(self.zone))}"


def _event_bytes(item: FeedEvent, local: _LocalTimes, stamp_line: str) -> bytes:
    """One VEVENT, written line by line with icalendar's escaping and folding rules and in
    the property order ``Event.to_ical()`` uses, so the bytes are the same as building an
    ``Event`` and serialising it (a test compares both) at a tenth of the cost: the
    component model allocates parameter and value objects for every property of every
    event, which dominates a 250-session feed."""
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(item.summary or '-')}",
        local.line("DTSTART", item.starts_at),
        local.line("DTEND", item.ends_at),
        stamp_line,
        f"UID:{_text(item.uid)}",
        f"SEQUENCE:{int(item.sequence)}",
    ]
    if item.description:
        lines.append(f"DESCRIPTION:{_text(item.description)}")
    if item.last_modified:
        lines.append(f"LAST-MODIFIED:{_ical_datetime(item.last_modified.astimezone(UTC))}Z")
    if item.location:
        lines.append(f"LOCATION:{_text(item.location)}")
    status = "CANCELLED" if item.cancelled else "TENTATIVE" if item.tentative else "CONFIRMED"
    lines.append(f"STATUS:{status}")
    if item.url:
        lines.append(f"URL:{item.url}")
    lines.append("END:VEVENT")
    return b"".join(_fold(line) + b"\r\n" for line in lines)


_CALENDAR_END = b"END:VCALENDAR\r\n"


def calendar_bytes(
    *, name: str, uid: str, zone_name: str, events: Sequence[FeedEvent], stamp: datetime
) -> bytes:
    zone = get_zone(zone_name)
    calendar = Calendar.new(prodid=PRODID, uid=uid, method="PUBLISH", name=clean_text(name))
    # RFC 7986 gives REFRESH-INTERVAL no default value type, so VALUE=DURATION is required.
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    calendar.add("X-WR-TIMEZONE", zone_name)
    ordered = sorted(events, key=lambda e: (e.starts_at, e.uid))
    if ordered:
        first_year = min(e.starts_at.astimezone(zone).year for e in ordered)
        last_year = max(e.ends_at.astimezone(zone).year for e in ordered)
        calendar.add_component(_timezone(zone_name, first_year, last_year))
    head = _to_ical(calendar).removesuffix(_CALENDAR_END)
    if not ordered:
        return head + _CALENDAR_END
    local = _LocalTimes.of(zone, ordered[0].starts_at)
    stamp_line = f"DTSTAMP:{_ical_datetime(stamp.astimezone(UTC))}Z"
    return b"".join(
        [
            head,
            *(_event_bytes(item, local, stamp_line) for item in ordered),
            _CALENDAR_END,
        ]
    )
