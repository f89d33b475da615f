"""iCalendar feeds (RFC 5545 + RFC 7986): a forum, a session, a speaker, "my schedule",
a delegation visit's itinerary, a company's B2B meeting agenda. Data in, bytes out.

What calendar clients rely on, and why each feed does it:

- UIDs come from guids (business keys), never ``Event.new()``'s random ones, so a
  re-downloaded or re-subscribed feed updates events instead of duplicating them;
- DTSTAMP is the release's publication time (UTC): the same release always gives the
  same bytes, which is what makes the ETag honest;
- local times carry TZID with one VTIMEZONE per zone, sorted by name and limited to the
  events' years (icalendar's ``add_missing_timezones`` iterates a set, whose order
  changes between processes);
- SEQUENCE and LAST-MODIFIED come from the session, so clients accept a moved session;
- NAME / X-WR-CALNAME once, REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL as
  durations (``PT1H``), not Python's ``1:00:00``;
- METHOD:PUBLISH without ATTENDEE (RFC 5546 forbids attendees in PUBLISH);
- control characters are stripped from user text (a stray U+0008 from a pasted Word
  document makes some clients reject the whole file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Component, Timezone, vDDDTypes, vDuration, vText

from forumapp.domain.b2b_agenda import AgendaMeeting, CompanyAgenda
from forumapp.domain.programme import PersonInfo, Programme, ProgrammeSession
from forumapp.domain.schedule_visits import PublicVisit, VisitItem
from forumapp.domain.timezones import get_zone

PRODID = "-//forumapp//forumapp programme//EN"
UID_DOMAIN = "forumapp"
REFRESH_INTERVAL = timedelta(hours=1)
CONTENT_TYPE = "text/calendar; charset=utf-8"

# C0 controls except TAB and LF, DEL and the C1 block; CR goes too (we emit CRLF ourselves).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """User text made safe for a calendar line: no control characters, one line unless asked."""
    text = _CONTROL_CHARACTERS.sub("", (value or "").replace("\r\n", "\n"))
    if not multiline:
        text = " ".join(text.split())
    return text.strip()


def _plain_role(role: str) -> str:
    return role.replace("_", " ")


@dataclass(frozen=True)
class FeedContext:
    """What a feed needs besides the data: language, stamp and links (from the caller)."""

    lang: str
    stamp: datetime  # DTSTAMP: aware; the release's publication time
    session_url: Callable[[str], str] | None = None
    role_label: Callable[[str], str] = field(default=_plain_role)


@dataclass(frozen=True)
class _FeedEvent:
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


def session_uid(key: str) -> str:
    return f"session-{key.lower()}@{UID_DOMAIN}"


def _join(parts: Iterable[str | None], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _speaker_line(programme: Programme, person: PersonInfo, role: str, ctx: FeedContext) -> str:
    title = programme.text(person.title, ctx.lang)
    organisation = programme.text(person.organisation, ctx.lang)
    detail = _join((title, organisation))
    name = person.display_name(ctx.lang)
    line = f"{ctx.role_label(role)}: {name}"
    return f"{line} ({detail})" if detail else line


class _Lines:
    """Per feed: a room's location and a speaker's line are the same in every session
    they appear in, so each is built (looked up, translated, cleaned) once."""

    def __init__(self, programme: Programme, ctx: FeedContext) -> None:
        self.programme = programme
        self.ctx = ctx
        self.locations: dict[str | None, str] = {}
        self.speakers: dict[tuple[str, str], str | None] = {}

    def location(self, room_key: str | None) -> str:
        if room_key not in self.locations:
            programme, lang = self.programme, self.ctx.lang
            room = programme.room(room_key)
            venue = programme.venue
            self.locations[room_key] = _join(
                (
                    clean_text(programme.text(room.name, lang)) if room else None,
                    clean_text(programme.text(venue.name, lang)) if venue else None,
                    clean_text(venue.city) if venue else None,
                )
            )
        return self.locations[room_key]

    def speaker(self, person_key: str, role: str) -> str | None:
        key = (person_key, role)
        if key not in self.speakers:
            person = self.programme.person(person_key)
            self.speakers[key] = (
                clean_text(_speaker_line(self.programme, person, role, self.ctx))
                if person is not None
                else None
            )
        return self.speakers[key]


def _session_event(
    programme: Programme,
    session: ProgrammeSession,
    ctx: FeedContext,
    lines: _Lines | None = None,
) -> _FeedEvent:
    lines = lines or _Lines(programme, ctx)
    speaker_lines = [lines.speaker(r.person_key, r.role) for r in session.speakers]
    description = "\n\n".join(
        part
        for part in (
            clean_text(programme.text(session.description, ctx.lang), multiline=True),
            "\n".join(line for line in speaker_lines if line),
        )
        if part
    )
    return _FeedEvent(
        uid=session_uid(session.key),
        summary=clean_text(programme.text(session.title, ctx.lang)),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        sequence=session.sequence,
        last_modified=session.updated_at,
        location=lines.location(session.room_key),
        description=description,
        url=ctx.session_url(session.key) if ctx.session_url else None,
        tentative=session.time_provisional,
    )


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


def _event_bytes(item: _FeedEvent, local: _LocalTimes, stamp_line: str) -> bytes:
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


def _calendar_bytes(
    *, name: str, uid: str, zone_name: str, events: Sequence[_FeedEvent], stamp: datetime
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


def _programme_feed(
    programme: Programme,
    sessions: Iterable[ProgrammeSession],
    ctx: FeedContext,
    *,
    name: str,
    uid_suffix: str,
) -> bytes:
    lines = _Lines(programme, ctx)
    return _calendar_bytes(
        name=name,
        uid=f"{programme.slug}-{uid_suffix}@{UID_DOMAIN}",
        zone_name=programme.timezone,
        events=[_session_event(programme, s, ctx, lines) for s in sessions],
        stamp=ctx.stamp,
    )


def forum_calendar(programme: Programme, ctx: FeedContext, name: str | None = None) -> bytes:
    """Every session of the forum."""
    return _programme_feed(
        programme,
        programme.sessions,
        ctx,
        name=name or programme.text(programme.title, ctx.lang),
        uid_suffix="programme",
    )


def session_calendar(programme: Programme, session_key: str, ctx: FeedContext) -> bytes:
    """One session (the "add to calendar" button). LookupError when it is not there."""
    session = next((s for s in programme.sessions if s.key == session_key), None)
    if session is None:
        raise LookupError(session_key)
    name = _join(
        (programme.text(session.title, ctx.lang), programme.text(programme.title, ctx.lang)),
        " · ",
    )
    return _programme_feed(
        programme, [session], ctx, name=name, uid_suffix=f"session-{session.key}"
    )


def speaker_calendar(
    programme: Programme, person_key: str, ctx: FeedContext, name: str | None = None
) -> bytes:
    """The sessions one person speaks in. LookupError when they are not on the programme."""
    person = programme.person(person_key)
    if person is None:
        raise LookupError(person_key)
    sessions = [
        s for s in programme.sessions if any(r.person_key == person_key for r in s.speakers)
    ]
    default = _join(
        (person.display_name(ctx.lang), programme.text(programme.title, ctx.lang)), " · "
    )
    return _programme_feed(
        programme, sessions, ctx, name=name or default, uid_suffix=f"speaker-{person_key}"
    )


def my_schedule_calendar(
    programme: Programme, session_keys: Iterable[str], ctx: FeedContext, name: str
) -> bytes:
    """The sessions an attendee starred; keys no longer on the programme are skipped."""
    wanted = set(session_keys)
    sessions = [s for s in programme.sessions if s.key in wanted]
    return _programme_feed(programme, sessions, ctx, name=name, uid_suffix="my-schedule")


def _visit_event(visit: PublicVisit, item: VisitItem, ctx: FeedContext) -> _FeedEvent:
    return _FeedEvent(
        uid=f"itinerary-{item.key}@{UID_DOMAIN}",
        summary=clean_text(visit.text(item.title, ctx.lang)),
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        sequence=item.sequence,
        last_modified=visit.updated_at,
        location=clean_text(visit.text(item.location, ctx.lang)),
        description=clean_text(visit.text(item.description, ctx.lang), multiline=True),
        url=ctx.session_url(item.key) if ctx.session_url else None,
        tentative=item.time_provisional,
    )


def visit_calendar(visit: PublicVisit, ctx: FeedContext) -> bytes:
    """A delegation visit's itinerary (public visits only; the caller checks)."""
    return _calendar_bytes(
        name=visit.text(visit.title, ctx.lang),
        uid=f"visit-{visit.slug}@{UID_DOMAIN}",
        zone_name=visit.timezone,
        events=[_visit_event(visit, item, ctx) for item in visit.itinerary],
        stamp=ctx.stamp,
    )


def ascii_filename(stem: str, extension: str) -> str:
    """A download name every browser and mail client accepts (the UTF-8 one goes beside it)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "calendar"
    return f"{safe[:80]}.{extension}"


# -- B2B meeting agendas ---------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaLabels:
    """The words an agenda feed uses; the caller passes them translated."""

    meeting: str = "B2B meeting"
    table: str = "Table"
    interpreter: str = "Interpreter"
    country: str = "Country"
    sectors: str = "Sectors"
    languages: str = "Languages"
    contact: str = "Contact"


def b2b_meeting_uid(matchmaking_id: int, key: str) -> str:
    """The same UID in both companies' calendars and across re-runs of the scheduler."""
    return f"b2b-{matchmaking_id}-{key}@{UID_DOMAIN}"


def _agenda_event(agenda: CompanyAgenda, meeting: AgendaMeeting, labels: AgendaLabels):
    other = meeting.counterpart
    table = f"{labels.table} {meeting.table}"
    details = [
        f"{labels.country}: {other.country}" if other.country else "",
        f"{labels.sectors}: {', '.join(other.sectors)}" if other.sectors else "",
        f"{labels.languages}: {', '.join(other.languages)}" if other.languages else "",
        f"{labels.contact}: {other.contact}" if other.contact else "",
        f"{labels.interpreter}: {meeting.interpreter}" if meeting.interpreter else "",
    ]
    return _FeedEvent(
        uid=b2b_meeting_uid(agenda.matchmaking_id, meeting.key),
        summary=clean_text(f"{labels.meeting}: {other.name} · {table}"),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        sequence=meeting.sequence,
        last_modified=meeting.updated_at,
        location=_join((clean_text(table), clean_text(agenda.venue))),
        description="\n".join(clean_text(line) for line in details if line),
        cancelled=meeting.cancelled,
    )


def company_agenda_calendar(
    agenda: CompanyAgenda, labels: AgendaLabels | None = None, name: str | None = None
) -> bytes:
    """A company's meetings of one matchmaking session (attachment or subscribed feed).
    Only the company's own meetings are in ``agenda``; the caller checks who asks."""
    labels = labels or AgendaLabels()
    return _calendar_bytes(
        name=name or _join((agenda.title, agenda.company.name), " · "),
        uid=f"b2b-{agenda.matchmaking_id}-agenda-{agenda.participant_id}@{UID_DOMAIN}",
        zone_name=agenda.timezone,
        events=[_agenda_event(agenda, m, labels) for m in agenda.meetings],
        stamp=agenda.stamp,
    )
