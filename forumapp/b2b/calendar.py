"""How a B2B meeting looks in a company's calendar: its entry, UID key and SEQUENCE,
and the one-event calendar that tells a calendar a meeting was called off.

Shared by the agenda documents (``b2b_agenda``) and the request/meeting actions
(``b2b_requests``), which sits below the scheduler in the import order; hence a
module of its own that imports no other B2B action.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from flask_babel import gettext as _

from forumapp.b2b.agenda_rules import AgendaCompany, AgendaMeeting, CompanyAgenda
from forumapp.b2b.documents.ical import AgendaLabels, company_agenda_calendar
from forumapp.b2b.models import (
    B2BMeeting,
    B2BParticipant,
    BusinessProfile,
    MatchmakingMode,
    MatchmakingSession,
    MatchmakingStatus,
)
from forumapp.b2b.profiles import sector_label
from forumapp.core import mail
from forumapp.core.filenames import ascii_filename
from forumapp.core.localized import pick_language
from forumapp.core.models import utcnow

# SEQUENCE counts minutes since this day, so a meeting moved later always has a higher one.
SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
ICS_TYPE = "text/calendar"


def lang_order(lang: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys((lang or "en", "en", "ko", "ru", "kk")))


def company_of(participant: B2BParticipant, lang: str | None = None) -> AgendaCompany:
    profile: BusinessProfile = participant.profile
    contact = " · ".join(
        x for x in (profile.contact_name, profile.contact_email, profile.contact_phone) if x
    )
    return AgendaCompany(
        name=pick_language(profile.organisation.name, lang_order(lang)),
        country=profile.country,
        sectors=tuple(sector_label(code) for code in profile.sectors),
        languages=tuple(profile.languages),
        contact=contact,
    )


def meeting_key(meeting: B2BMeeting) -> str:
    # The scheduler replaces unlocked meetings by new rows on every run, but the
    # request stays: keyed by it, a moved meeting updates the calendar entry.
    return f"request-{meeting.request_id}" if meeting.request_id else f"meeting-{meeting.id}"


def sequence(meeting: B2BMeeting) -> int:
    changed = meeting.updated_at or meeting.created_at or SEQUENCE_EPOCH
    return max(0, int((changed - SEQUENCE_EPOCH).total_seconds() // 60))


def is_visible(matchmaking: MatchmakingSession) -> bool:
    """Whether companies see their agendas (self-booking, or published by the organiser)."""
    return (
        matchmaking.mode == MatchmakingMode.SELF_BOOKING
        or matchmaking.status == MatchmakingStatus.PUBLISHED
    )


def agenda_entry(
    meeting: B2BMeeting, participant: B2BParticipant, lang: str | None = None
) -> AgendaMeeting:
    """``meeting`` as it appears in ``participant``'s agenda."""
    other = (
        meeting.participant_b
        if meeting.participant_a_id == participant.id
        else meeting.participant_a
    )
    return AgendaMeeting(
        key=meeting_key(meeting),
        starts_at=meeting.slot.starts_at,
        ends_at=meeting.slot.ends_at,
        table=meeting.table.name,
        counterpart=company_of(other, lang),
        interpreter=meeting.interpreter.name if meeting.interpreter else None,
        sequence=sequence(meeting),
        updated_at=meeting.updated_at,
    )


def agenda_for(
    participant: B2BParticipant,
    entries: tuple[AgendaMeeting, ...],
    *,
    stamp: datetime,
    published: bool = True,
    lang: str | None = None,
) -> CompanyAgenda:
    """``entries`` as ``participant``'s agenda of its matchmaking session."""
    matchmaking = participant.matchmaking
    forum = matchmaking.forum
    return CompanyAgenda(
        matchmaking_id=matchmaking.id,
        participant_id=participant.id,
        title=pick_language(matchmaking.title, lang_order(lang)),
        forum_title=pick_language(forum.title, lang_order(lang)),
        timezone=forum.timezone,
        venue=pick_language(forum.venue.name, lang_order(lang)) if forum.venue else "",
        company=company_of(participant, lang),
        meetings=entries,
        stamp=stamp,
        published=published,
    )


def agenda_labels() -> AgendaLabels:
    return AgendaLabels(
        meeting=_("B2B meeting"),
        table=_("Table"),
        interpreter=_("Interpreter"),
        country=_("Country"),
        sectors=_("Sectors"),
        languages=_("Languages"),
        contact=_("Contact"),
    )


def agenda_filename(agenda: CompanyAgenda, extension: str) -> str:
    return ascii_filename(f"b2b-agenda-{agenda.matchmaking_id}-{agenda.company.name}", extension)


def cancellation_attachment(meeting: B2BMeeting, participant: B2BParticipant) -> mail.Attachment:
    """A calendar file with ``meeting`` marked STATUS:CANCELLED for ``participant``.

    A company that added its agenda from the publishing e-mail keeps that copy: a
    feed subscription drops the meeting by itself, an imported file does not. The
    same UID with a higher SEQUENCE makes the calendar mark its entry cancelled.
    """
    entry = agenda_entry(meeting, participant)
    stamp = utcnow()
    cancelled = replace(entry, sequence=entry.sequence + 1, updated_at=stamp, cancelled=True)
    agenda = agenda_for(participant, (cancelled,), stamp=stamp)
    filename = ascii_filename(f"b2b-cancelled-{meeting.matchmaking_id}-{entry.key}", "ics")
    return mail.Attachment(filename, company_agenda_calendar(agenda, agenda_labels()), ICS_TYPE)
