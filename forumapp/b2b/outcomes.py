"""What came of the meetings: the organiser records each one (held or no-show, amounts,
MOU, follow-up), and the statistics Korean organisers report are added up from them
(상담건수, 상담액, 계약추진액, 계약체결액, MOU건수) by country and by sector."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forumapp.b2b.agenda_rules import OutcomeRecord, OutcomeStatistics, outcome_statistics
from forumapp.b2b.matchmaking import get_matchmaking
from forumapp.b2b.meetings import meetings_of
from forumapp.b2b.models import (
    B2BMeeting,
    B2BParticipant,
    BusinessProfile,
    MeetingOutcome,
    MeetingStatus,
)
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.models import utcnow
from forumapp.core.unit_of_work import saved

CURRENCY = re.compile(r"^[A-Z]{3}$")
# The largest amount a form accepts (BIGINT would take more; a typo would not).
MAX_AMOUNT = 10**15
RECORDABLE = (MeetingStatus.SCHEDULED, MeetingStatus.HELD, MeetingStatus.NO_SHOW)


@dataclass
class OutcomeData:
    status: MeetingStatus
    currency: str = "USD"
    consultation_amount: int = 0  # 상담액
    negotiation_amount: int = 0  # 계약추진액
    contract_amount: int = 0  # 계약체결액
    mou_signed: bool = False
    follow_up_note: str = ""


def meeting_of(matchmaking_id: int, meeting_id: int) -> B2BMeeting:
    meeting = db.session.get(B2BMeeting, meeting_id)
    if meeting is None or meeting.matchmaking_id != matchmaking_id:
        raise NotFound(_("No such meeting."))
    return meeting


def record_outcome(matchmaking_id: int, meeting_id: int, data: OutcomeData) -> B2BMeeting:
    """Set the meeting's status and its outcome; a no-show carries no amounts."""
    meeting = meeting_of(matchmaking_id, meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError(_("A cancelled meeting has no outcome."))
    if data.status not in RECORDABLE:
        raise ServiceError(_("Choose held, no-show or not yet."), field="status")
    currency = (data.currency or "").strip().upper()
    if not CURRENCY.fullmatch(currency):
        raise ServiceError(_("Use a three-letter currency code such as USD."), field="currency")
    amounts = {
        "consultation_amount": data.consultation_amount or 0,
        "negotiation_amount": data.negotiation_amount or 0,
        "contract_amount": data.contract_amount or 0,
    }
    for name, amount in amounts.items():
        if amount < 0 or amount > MAX_AMOUNT:
            raise ServiceError(_("Enter an amount from 0 up."), field=name)
    if data.status != MeetingStatus.HELD and (any(amounts.values()) or data.mou_signed):
        raise ServiceError(
            _("Amounts and an MOU belong to a meeting that was held."), field="status"
        )
    meeting.status = data.status
    outcome = meeting.outcome or MeetingOutcome(meeting_id=meeting.id)
    outcome.currency = currency
    for name, amount in amounts.items():
        setattr(outcome, name, amount)
    outcome.mou_signed = bool(data.mou_signed)
    outcome.follow_up_note = (data.follow_up_note or "").strip()
    outcome.recorded_at = utcnow()
    meeting.outcome = outcome
    saved()
    return meeting


def outcome_rows(matchmaking_id: int) -> list[B2BMeeting]:
    """Every active meeting in time order with its outcome loaded (the recording list)."""
    get_matchmaking(matchmaking_id)
    meetings = meetings_of(matchmaking_id)
    ids = [m.id for m in meetings]
    if ids:
        # One query for all outcomes instead of one per row.
        db.session.scalars(
            db.select(B2BMeeting)
            .where(B2BMeeting.id.in_(ids))
            .options(selectinload(B2BMeeting.outcome))
        ).all()
    return meetings


def _profile(participant: B2BParticipant) -> BusinessProfile:
    return participant.profile


def outcome_records(matchmaking_id: int) -> list[OutcomeRecord]:
    records = []
    for m in outcome_rows(matchmaking_id):
        a, b = _profile(m.participant_a), _profile(m.participant_b)
        outcome = m.outcome
        records.append(
            OutcomeRecord(
                meeting_id=m.id,
                countries=tuple(dict.fromkeys((a.country, b.country))),
                sectors=tuple(dict.fromkeys([*a.sectors, *b.sectors])),
                held=m.status == MeetingStatus.HELD,
                no_show=m.status == MeetingStatus.NO_SHOW,
                currency=outcome.currency if outcome else "USD",
                consultation=outcome.consultation_amount if outcome else 0,
                negotiation=outcome.negotiation_amount if outcome else 0,
                contract=outcome.contract_amount if outcome else 0,
                mou=bool(outcome and outcome.mou_signed),
            )
        )
    return records


def statistics(matchmaking_id: int) -> OutcomeStatistics:
    return outcome_statistics(outcome_records(matchmaking_id))
