"""A company's B2B meetings as an iCalendar feed (attachment or subscribed feed)."""

from __future__ import annotations

from dataclasses import dataclass

from forumapp.b2b.agenda_rules import AgendaMeeting, CompanyAgenda
from forumapp.programme.documents.ical import UID_DOMAIN, join_parts
from forumapp.programme.documents.ical_writer import FeedEvent, calendar_bytes, clean_text


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
    return FeedEvent(
        uid=b2b_meeting_uid(agenda.matchmaking_id, meeting.key),
        summary=clean_text(f"{labels.meeting}: {other.name} · {table}"),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        sequence=meeting.sequence,
        last_modified=meeting.updated_at,
        location=join_parts((clean_text(table), clean_text(agenda.venue))),
        description="\n".join(clean_text(line) for line in details if line),
        cancelled=meeting.cancelled,
    )


def company_agenda_calendar(
    agenda: CompanyAgenda, labels: AgendaLabels | None = None, name: str | None = None
) -> bytes:
    """A company's meetings of one matchmaking session (attachment or subscribed feed).
    Only the company's own meetings are in ``agenda``; the caller checks who asks."""
    labels = labels or AgendaLabels()
    return calendar_bytes(
        name=name or join_parts((agenda.title, agenda.company.name), " · "),
        uid=f"b2b-{agenda.matchmaking_id}-agenda-{agenda.participant_id}@{UID_DOMAIN}",
        zone_name=agenda.timezone,
        events=[_agenda_event(agenda, m, labels) for m in agenda.meetings],
        stamp=agenda.stamp,
    )
