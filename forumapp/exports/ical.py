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

from icalendar import Calendar, Event, Timezone, vDuration

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


def _session_event(programme: Programme, session: ProgrammeSession, ctx: FeedContext) -> _FeedEvent:
    room = programme.room(session.room_key)
    venue = programme.venue
    location = _join(
        (
            clean_text(programme.text(room.name, ctx.lang)) if room else None,
            clean_text(programme.text(venue.name, ctx.lang)) if venue else None,
            clean_text(venue.city) if venue else None,
        )
    )
    speaker_lines = []
    for role in session.speakers:
        person = programme.person(role.person_key)
        if person is not None:
            speaker_lines.append(clean_text(_speaker_line(programme, person, role.role, ctx)))
    description = "\n\n".join(
        part
        for part in (
            clean_text(programme.text(session.description, ctx.lang), multiline=True),
            "\n".join(speaker_lines),
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
        location=location,
        description=description,
        url=ctx.session_url(session.key) if ctx.session_url else None,
        tentative=session.time_provisional,
    )


def _calendar_bytes(
    *, name: str, uid: str, zone_name: str, events: Sequence[_FeedEvent], stamp: datetime
) -> bytes:
    zone = get_zone(zone_name)
    calendar = Calendar.new(prodid=PRODID, uid=uid, method="PUBLISH", name=clean_text(name))
    # RFC 7986 gives REFRESH-INTERVAL no default value type, so VALUE=DURATION is required.
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    calendar.add("X-WR-TIMEZONE", zone_name)
    stamp_utc = stamp.astimezone(UTC)
    ordered = sorted(events, key=lambda e: (e.starts_at, e.uid))
    if ordered:
        first_year = min(e.starts_at.astimezone(zone).year for e in ordered)
        last_year = max(e.ends_at.astimezone(zone).year for e in ordered)
        calendar.add_component(
            Timezone.from_tzinfo(
                zone,
                tzid=zone_name,
                first_date=date(first_year, 1, 1),
                last_date=date(last_year + 1, 1, 1),
            )
        )
    for item in ordered:
        event = Event.new(
            uid=item.uid,
            stamp=stamp_utc,
            start=item.starts_at.astimezone(zone),
            end=item.ends_at.astimezone(zone),
            summary=item.summary or "-",
            sequence=item.sequence,
            last_modified=item.last_modified.astimezone(UTC) if item.last_modified else None,
            location=item.location or None,
            description=item.description or None,
            url=item.url or None,
            status="TENTATIVE" if item.tentative else "CONFIRMED",
        )
        calendar.add_component(event)
    return calendar.to_ical()


def _programme_feed(
    programme: Programme,
    sessions: Iterable[ProgrammeSession],
    ctx: FeedContext,
    *,
    name: str,
    uid_suffix: str,
) -> bytes:
    return _calendar_bytes(
        name=name,
        uid=f"{programme.slug}-{uid_suffix}@{UID_DOMAIN}",
        zone_name=programme.timezone,
        events=[_session_event(programme, s, ctx) for s in sessions],
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
