"""Agendas as documents: a company's own meetings (calendar, PDF, e-mail on publishing),
the signed feed URL it can subscribe to, and the organiser's per-table sheets.

A company only ever gets its own agenda: every entry point takes the user (or a token
naming one participant) and answers "not found" for anything else.
"""

from __future__ import annotations

import hmac
import secrets

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import selectinload

from forumapp.accounts.models import User
from forumapp.b2b.agenda_rules import (
    CompanyAgenda,
    TableMeeting,
    TableSheet,
    TableSheets,
)
from forumapp.b2b.calendar import (
    ICS_TYPE,
    agenda_entry,
    agenda_filename,
    agenda_for,
    agenda_labels,
    company_of,
    is_visible,
    lang_order,
)
from forumapp.b2b.documents.ical import company_agenda_calendar
from forumapp.b2b.matchmaking import get_matchmaking, require_participant
from forumapp.b2b.meetings import meetings_of
from forumapp.b2b.models import B2BParticipant, MatchmakingSession
from forumapp.b2b.requests import notify
from forumapp.core import mail
from forumapp.core.errors import NotFound
from forumapp.core.extensions import db
from forumapp.core.localized import pick_language
from forumapp.core.timezones import get_zone
from forumapp.core.unit_of_work import saved

FEED_SALT = "b2b-agenda-feed"


def agenda_of(participant: B2BParticipant, lang: str | None = None) -> CompanyAgenda:
    """The participant's agenda; empty until the organiser publishes (request mode)."""
    matchmaking = participant.matchmaking
    visible = is_visible(matchmaking)
    meetings = meetings_of(matchmaking.id, participant.id) if visible else []
    stamps = [matchmaking.updated_at, *(m.updated_at for m in meetings if m.updated_at)]
    return agenda_for(
        participant,
        tuple(agenda_entry(m, participant, lang) for m in meetings),
        stamp=max(s for s in stamps if s is not None),
        published=visible,
        lang=lang,
    )


def company_agenda(user: User, matchmaking_id: int, lang: str | None = None) -> CompanyAgenda:
    """The user's own company's agenda (NotFound for anyone not taking part)."""
    return agenda_of(require_participant(user, matchmaking_id), lang)


def agenda_ics(agenda: CompanyAgenda) -> bytes:
    return company_agenda_calendar(agenda, agenda_labels())


# -- the subscribable feed -------------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=FEED_SALT)


def feed_token(user: User, matchmaking_id: int) -> str:
    """A URL-safe token naming the user's participant row; created on first use."""
    participant = require_participant(user, matchmaking_id)
    if not participant.feed_key:
        participant.feed_key = secrets.token_hex(16)
        saved()
    return _serializer().dumps([participant.id, participant.feed_key])


def existing_feed_token(participant: B2BParticipant) -> str | None:
    return (
        _serializer().dumps([participant.id, participant.feed_key])
        if participant.feed_key
        else None
    )


def revoke_feed(user: User, matchmaking_id: int) -> str:
    """Invalidate every feed URL handed out so far; returns the new token."""
    participant = require_participant(user, matchmaking_id)
    participant.feed_key = secrets.token_hex(16)
    saved()
    return _serializer().dumps([participant.id, participant.feed_key])


def agenda_from_token(token: str, lang: str | None = None) -> CompanyAgenda:
    """The agenda a feed token names; NotFound for a forged, revoked or malformed one."""
    try:
        participant_id, key = _serializer().loads(token)
    except (BadSignature, TypeError, ValueError) as exc:
        raise NotFound(_("No such calendar feed.")) from exc
    participant = (
        db.session.get(B2BParticipant, participant_id) if isinstance(participant_id, int) else None
    )
    if (
        participant is None
        or not participant.feed_key
        or not isinstance(key, str)
        or not hmac.compare_digest(participant.feed_key, key)
    ):
        raise NotFound(_("No such calendar feed."))
    return agenda_of(participant, lang)


# -- publishing ------------------------------------------------------------------------------


def mail_agendas(matchmaking_id: int) -> int:
    """E-mail every company with meetings its agenda, the .ics attached; returns how many."""
    matchmaking = get_matchmaking(matchmaking_id)
    zone_name = matchmaking.forum.timezone
    participants = {}
    for meeting in meetings_of(matchmaking_id):
        participants[meeting.participant_a.id] = meeting.participant_a
        participants[meeting.participant_b.id] = meeting.participant_b
    labels = agenda_labels()
    zone = get_zone(zone_name)
    for participant in participants.values():
        agenda = agenda_of(participant)
        lines = [
            f"{m.starts_at.astimezone(zone):%Y-%m-%d %H:%M}–{m.ends_at.astimezone(zone):%H:%M}  "
            f"{labels.table} {m.table}  {m.counterpart.name}"
            + (f"  ({labels.interpreter}: {m.interpreter})" if m.interpreter else "")
            for m in agenda.meetings
        ]
        notify(
            participant,
            _("Your B2B agenda: %(title)s", title=agenda.title),
            _("Your meetings (%(zone)s):", zone=zone_name)
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + _("The attached calendar file adds them to your calendar."),
            attachments=[
                mail.Attachment(
                    agenda_filename(agenda, "ics"),
                    company_agenda_calendar(agenda, labels),
                    ICS_TYPE,
                )
            ],
            topic="b2b-agenda",
        )
    return len(participants)


# -- organiser documents ---------------------------------------------------------------------


def table_sheets(matchmaking_id: int, lang: str | None = None) -> TableSheets:
    """Every table with its meetings in time order (tables without meetings too)."""
    matchmaking = db.session.scalar(
        db.select(MatchmakingSession)
        .where(MatchmakingSession.id == matchmaking_id)
        .options(selectinload(MatchmakingSession.tables))
    )
    if matchmaking is None:
        raise NotFound(_("No such B2B session."))
    by_table: dict[int, list[TableMeeting]] = {t.id: [] for t in matchmaking.tables}
    for m in meetings_of(matchmaking_id):
        by_table.setdefault(m.table_id, []).append(
            TableMeeting(
                starts_at=m.slot.starts_at,
                ends_at=m.slot.ends_at,
                first=company_of(m.participant_a, lang),
                second=company_of(m.participant_b, lang),
                interpreter=m.interpreter.name if m.interpreter else None,
            )
        )
    forum = matchmaking.forum
    return TableSheets(
        title=pick_language(matchmaking.title, lang_order(lang)),
        forum_title=pick_language(forum.title, lang_order(lang)),
        timezone=forum.timezone,
        venue=pick_language(forum.venue.name, lang_order(lang)) if forum.venue else "",
        tables=tuple(
            TableSheet(
                name=t.name,
                host=company_of(t.fixed_participant, lang) if t.fixed_participant else None,
                meetings=tuple(by_table.get(t.id, [])),
            )
            for t in matchmaking.tables
        ),
    )
