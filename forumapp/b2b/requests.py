"""Meeting requests between companies: ask, accept, decline, cancel; cancelling a meeting.

Every call acts for a user and touches only that user's company's rows: someone
else's request or meeting is "not found" (404), so ids cannot be probed.
The other side hears of each step by e-mail: the mail joins the outbox in the same
transaction as the step, and leaves after the commit (core/outbox.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from forumapp.accounts.models import User
from forumapp.b2b import limits
from forumapp.b2b.calendar import cancellation_attachment, is_visible
from forumapp.b2b.matchmaking import get_matchmaking, participant_of, require_participant
from forumapp.b2b.models import (
    B2BMeeting,
    B2BParticipant,
    BusinessProfile,
    MeetingRequest,
    MeetingStatus,
    RequestPreference,
    RequestStatus,
)
from forumapp.b2b.profiles import display_name
from forumapp.core import mail, outbox
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.models import utcnow
from forumapp.core.timezones import get_zone
from forumapp.core.unit_of_work import saved

OPEN_STATUSES = (RequestStatus.REQUESTED, RequestStatus.ACCEPTED)
MESSAGE_MAX = limits.REQUEST_MESSAGE_MAX


def notify(
    participant: B2BParticipant,
    subject: str,
    body: str,
    attachments: Iterable[mail.Attachment] = (),
    topic: str = "b2b",
) -> None:
    """Mail the company's accounts and its profile contact (through the outbox: call it
    before the commit, so the mail is kept exactly when the change is)."""
    profile: BusinessProfile = participant.profile
    addresses = {
        u.email
        for u in db.session.scalars(
            db.select(User).where(User.organisation_id == profile.organisation_id, User.active)
        )
    }
    if profile.contact_email:
        addresses.add(profile.contact_email)
    outbox.enqueue_mail(addresses, subject, body, attachments, topic=topic)


def open_request_between(matchmaking_id: int, a_id: int, b_id: int) -> MeetingRequest | None:
    return db.session.scalar(
        db.select(MeetingRequest).where(
            MeetingRequest.matchmaking_id == matchmaking_id,
            MeetingRequest.status.in_(OPEN_STATUSES),
            or_(
                (MeetingRequest.from_participant_id == a_id)
                & (MeetingRequest.to_participant_id == b_id),
                (MeetingRequest.from_participant_id == b_id)
                & (MeetingRequest.to_participant_id == a_id),
            ),
        )
    )


def request_meeting(
    user: User,
    matchmaking_id: int,
    to_participant_id: int,
    message: str = "",
    preference: RequestPreference = RequestPreference.MEET,
) -> MeetingRequest:
    me = require_participant(user, matchmaking_id)
    other = db.session.get(B2BParticipant, to_participant_id)
    if other is None or other.matchmaking_id != matchmaking_id:
        raise NotFound(_("No such participant."))
    if other.id == me.id:
        raise ServiceError(_("You cannot request a meeting with your own company."))
    if open_request_between(matchmaking_id, me.id, other.id) is not None:
        raise ServiceError(_("There is already an open request between your companies."))
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ServiceError(
            _("Keep the message under %(n)d characters.", n=MESSAGE_MAX), field="message"
        )
    request = MeetingRequest(
        matchmaking_id=matchmaking_id,
        from_participant_id=me.id,
        to_participant_id=other.id,
        message=message,
        preference=preference,
    )
    db.session.add(request)
    notify(
        other,
        _("%(name)s asks to meet you", name=display_name(me)),
        _(
            "%(name)s asks for a B2B meeting.\n\n%(message)s\n\nAnswer on your requests page.",
            name=display_name(me),
            message=message,
        ),
        topic="b2b-request",
    )
    saved()
    return request


def _own_request(user: User, request_id: int) -> tuple[MeetingRequest, B2BParticipant]:
    """The request and the user's side of it; a request of other companies is not found."""
    request = db.session.get(MeetingRequest, request_id)
    if request is None:
        raise NotFound(_("No such request."))
    me = participant_of(user, request.matchmaking_id)
    if me is None or me.id not in (request.from_participant_id, request.to_participant_id):
        raise NotFound(_("No such request."))
    return request, me


def _answer(user: User, request_id: int, status: RequestStatus) -> MeetingRequest:
    request, me = _own_request(user, request_id)
    if me.id != request.to_participant_id:
        raise ServiceError(_("Only the company asked can answer this request."))
    if request.status != RequestStatus.REQUESTED:
        raise ServiceError(_("This request was already answered."))
    request.status = status
    request.answered_at = utcnow()
    verb = _("accepted") if status == RequestStatus.ACCEPTED else _("declined")
    notify(
        request.from_participant,
        _("%(name)s %(verb)s your meeting request", name=display_name(me), verb=verb),
        _("%(name)s %(verb)s your meeting request.", name=display_name(me), verb=verb),
        topic="b2b-request",
    )
    saved()
    return request


def accept(user: User, request_id: int) -> MeetingRequest:
    return _answer(user, request_id, RequestStatus.ACCEPTED)


def decline(user: User, request_id: int) -> MeetingRequest:
    return _answer(user, request_id, RequestStatus.DECLINED)


def _free_seats(meeting: B2BMeeting) -> None:
    """A cancelled meeting gives its participants, table and interpreter back."""
    meeting.status = MeetingStatus.CANCELLED
    meeting.locked = False
    meeting.seats.clear()


def cancel_request(user: User, request_id: int) -> MeetingRequest:
    """Withdraw (asker) or call off (either side, once accepted); its meeting goes too."""
    request, me = _own_request(user, request_id)
    if request.status not in OPEN_STATUSES:
        raise ServiceError(_("This request is no longer open."))
    request.status = RequestStatus.CANCELLED
    request.answered_at = utcnow()
    called_off: list[B2BMeeting] = []
    for meeting in db.session.scalars(
        db.select(B2BMeeting).where(
            B2BMeeting.request_id == request.id, B2BMeeting.status == MeetingStatus.SCHEDULED
        )
    ):
        _free_seats(meeting)
        called_off.append(meeting)
    other = (
        request.to_participant if me.id == request.from_participant_id else request.from_participant
    )
    notify(
        other,
        _("%(name)s cancelled a meeting with you", name=display_name(me)),
        _("%(name)s cancelled your meeting (request).", name=display_name(me)),
        _calendar_updates(called_off, other),
        topic="b2b-cancellation",
    )
    _confirm_to_canceller(me, called_off, other)
    saved()
    return request


def request_session(user: User, request_id: int) -> int:
    """The session of one of the user's own requests (for the page to go back to)."""
    return _own_request(user, request_id)[0].matchmaking_id


def own_meeting(user: User, meeting_id: int) -> B2BMeeting:
    return _own_meeting(user, meeting_id)[0]


def _own_meeting(user: User, meeting_id: int) -> tuple[B2BMeeting, B2BParticipant]:
    meeting = db.session.get(B2BMeeting, meeting_id)
    if meeting is None:
        raise NotFound(_("No such meeting."))
    me = participant_of(user, meeting.matchmaking_id)
    if me is None or me.id not in (meeting.participant_a_id, meeting.participant_b_id):
        raise NotFound(_("No such meeting."))
    return meeting, me


def cancel_meeting(user: User, meeting_id: int) -> B2BMeeting:
    """Call off a scheduled meeting; its slot, table and interpreter become free again."""
    meeting, me = _own_meeting(user, meeting_id)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ServiceError(_("Only a scheduled meeting can be cancelled."))
    _free_seats(meeting)
    if meeting.request is not None and meeting.request.status in OPEN_STATUSES:
        meeting.request.status = RequestStatus.CANCELLED
        meeting.request.answered_at = utcnow()
    other = meeting.participant_b if me.id == meeting.participant_a_id else meeting.participant_a
    zone = meeting.slot.matchmaking.forum.timezone
    when = meeting.slot.starts_at.astimezone(get_zone(zone)).strftime("%Y-%m-%d %H:%M")
    notify(
        other,
        _("%(name)s cancelled your meeting at %(when)s", name=display_name(me), when=when),
        _(
            "%(name)s cancelled your B2B meeting at %(when)s (%(zone)s), table %(table)s.",
            name=display_name(me),
            when=when,
            zone=zone,
            table=meeting.table.name,
        ),
        _calendar_updates([meeting], other),
        topic="b2b-cancellation",
    )
    _confirm_to_canceller(me, [meeting], other)
    saved()
    return meeting


def _calendar_updates(meetings: list[B2BMeeting], participant: B2BParticipant) -> list:
    """Cancellation calendar files for meetings ``participant`` may have in a calendar
    (only once agendas were visible: before that no calendar ever had them)."""
    return [
        cancellation_attachment(m, participant) for m in meetings if is_visible(m.slot.matchmaking)
    ]


def _confirm_to_canceller(
    me: B2BParticipant, meetings: list[B2BMeeting], other: B2BParticipant
) -> None:
    """The canceller's own calendar holds the meeting too: send it the update."""
    attachments = _calendar_updates(meetings, me)
    if not attachments:
        return
    notify(
        me,
        _("You cancelled your meeting with %(name)s", name=display_name(other)),
        _(
            "Your B2B meeting with %(name)s is cancelled. The attached calendar file "
            "marks it cancelled in your calendar.",
            name=display_name(other),
        ),
        attachments,
        topic="b2b-cancellation",
    )


@dataclass
class MyRequests:
    incoming: list[MeetingRequest]
    outgoing: list[MeetingRequest]


def my_requests(user: User, matchmaking_id: int) -> MyRequests:
    me = require_participant(user, matchmaking_id)
    rows = db.session.scalars(
        db.select(MeetingRequest)
        .where(
            MeetingRequest.matchmaking_id == matchmaking_id,
            or_(
                MeetingRequest.from_participant_id == me.id,
                MeetingRequest.to_participant_id == me.id,
            ),
        )
        .options(
            selectinload(MeetingRequest.from_participant)
            .selectinload(B2BParticipant.profile)
            .selectinload(BusinessProfile.organisation),
            selectinload(MeetingRequest.to_participant)
            .selectinload(B2BParticipant.profile)
            .selectinload(BusinessProfile.organisation),
        )
        .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
    ).all()
    return MyRequests(
        incoming=[r for r in rows if r.to_participant_id == me.id],
        outgoing=[r for r in rows if r.from_participant_id == me.id],
    )


def request_matrix(matchmaking_id: int) -> dict[tuple[int, int], MeetingRequest]:
    """(from participant, to participant) -> the latest request, for the organiser's matrix."""
    get_matchmaking(matchmaking_id)
    rows = db.session.scalars(
        db.select(MeetingRequest)
        .where(MeetingRequest.matchmaking_id == matchmaking_id)
        .order_by(MeetingRequest.id)
    )
    return {(r.from_participant_id, r.to_participant_id): r for r in rows}
