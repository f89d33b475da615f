"""iCalendar feeds (RFC 5545 + RFC 7986): a forum, a session, a speaker, "my schedule",
a delegation visit's itinerary (a company's B2B agenda: ``forumapp.b2b.documents.ical``).
Data in, bytes out.

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

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from forumapp.core.filenames import ascii_filename  # noqa: F401  (its old home; tests name it here)
from forumapp.programme.documents.ical_writer import FeedEvent, calendar_bytes, clean_text
from forumapp.programme.rules.programme import PersonInfo, Programme, ProgrammeSession
from forumapp.visits.rules.schedule_visits import PublicVisit, VisitItem

UID_DOMAIN = "forumapp"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _plain_role(role: str) -> str:
    return role.replace("_", " ")


@dataclass(frozen=True)
class FeedContext:
    """What a feed needs besides the data: language, stamp and links (from the caller)."""

    lang: str
    stamp: datetime  # DTSTAMP: aware; the release's publication time
    session_url: Callable[[str], str] | None = None
    role_label: Callable[[str], str] = field(default=_plain_role)


def session_uid(key: str) -> str:
    return f"session-{key.lower()}@{UID_DOMAIN}"


def join_parts(parts: Iterable[str | None], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _speaker_line(programme: Programme, person: PersonInfo, role: str, ctx: FeedContext) -> str:
    title = programme.text(person.title, ctx.lang)
    organisation = programme.text(person.organisation, ctx.lang)
    detail = join_parts((title, organisation))
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
            self.locations[room_key] = join_parts(
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
) -> FeedEvent:
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
    return FeedEvent(
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


def _programme_feed(
    programme: Programme,
    sessions: Iterable[ProgrammeSession],
    ctx: FeedContext,
    *,
    name: str,
    uid_suffix: str,
) -> bytes:
    lines = _Lines(programme, ctx)
    return calendar_bytes(
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
    name = join_parts(
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
    default = join_parts(
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


def _visit_event(visit: PublicVisit, item: VisitItem, ctx: FeedContext) -> FeedEvent:
    return FeedEvent(
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
    return calendar_bytes(
        name=visit.text(visit.title, ctx.lang),
        uid=f"visit-{visit.slug}@{UID_DOMAIN}",
        zone_name=visit.timezone,
        events=[_visit_event(visit, item, ctx) for item in visit.itinerary],
        stamp=ctx.stamp,
    )
