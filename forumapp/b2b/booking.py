"""Self-booking: a company picks a slot in which both sides, a table and (when they share no
language) an interpreter are free.

The free-slot search is only advice: two companies can read the same free seat at
the same moment. What decides is the database: the meeting's seats are written in
the same transaction as the meeting, and UNIQUE(slot_id, seat_key) on meeting_seat
lets exactly one of two simultaneous bookings commit. The loser gets SlotTaken.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError

from forumapp.b2b.matchmaking import get_matchmaking, require_participant
from forumapp.b2b.models import (
    B2BInterpreter,
    B2BMeeting,
    B2BParticipant,
    B2BSlot,
    InterpreterUnavailability,
    MatchmakingMode,
    MatchmakingSession,
    MeetingRequest,
    MeetingSeat,
    MeetingStatus,
    ParticipantUnavailability,
    RequestStatus,
    seat_key,
)
from forumapp.b2b.profiles import display_name
from forumapp.b2b.requests import notify, open_request_between
from forumapp.b2b.solver import placement as rule
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.models import utcnow
from forumapp.core.timezones import get_zone

# A table seat can be lost to a booking of *other* companies; then another free
# table is tried. Losing a participant's own seat ends the attempt at once.
BOOKING_ATTEMPTS = 3


class SlotTaken(ServiceError):
    """Someone else booked that slot first (HTTP 409 in an API)."""


@dataclass(frozen=True)
class Placement:
    slot_id: int
    table_id: int
    interpreter_id: int | None


def _pairs(rows) -> set:
    return {tuple(row) for row in rows}


class SessionState:
    """What is taken and who is away in one matchmaking session, read in a few queries."""

    def __init__(self, matchmaking: MatchmakingSession) -> None:
        mid = matchmaking.id
        self.matchmaking = matchmaking
        self.slots: list[B2BSlot] = list(matchmaking.slots)
        self.taken: set[tuple[int, str]] = _pairs(
            db.session.execute(
                db.select(MeetingSeat.slot_id, MeetingSeat.seat_key)
                .join(B2BSlot, B2BSlot.id == MeetingSeat.slot_id)
                .where(B2BSlot.matchmaking_id == mid)
            ).all()
        )
        self.away: set[tuple[int, int]] = _pairs(
            db.session.execute(
                db.select(
                    ParticipantUnavailability.participant_id, ParticipantUnavailability.slot_id
                )
                .join(B2BSlot, B2BSlot.id == ParticipantUnavailability.slot_id)
                .where(B2BSlot.matchmaking_id == mid)
            ).all()
        )
        self.interpreters: list[B2BInterpreter] = list(matchmaking.interpreters)
        self.interpreter_away: set[tuple[int, int]] = _pairs(
            db.session.execute(
                db.select(
                    InterpreterUnavailability.interpreter_id, InterpreterUnavailability.slot_id
                )
                .join(B2BSlot, B2BSlot.id == InterpreterUnavailability.slot_id)
                .where(B2BSlot.matchmaking_id == mid)
            ).all()
        )
        self.fixed_table = {
            t.fixed_participant_id: t.id
            for t in matchmaking.tables
            if t.fixed_participant_id is not None
        }
        self.table_ids = [t.id for t in matchmaking.tables]
        self.fixed_tables = frozenset(self.fixed_table.values())
        self.rule_interpreters = [
            rule.Interpreter(i.id, frozenset(i.languages)) for i in self.interpreters
        ]
        active = db.session.execute(
            db.select(B2BMeeting.participant_a_id, B2BMeeting.participant_b_id).where(
                B2BMeeting.matchmaking_id == mid, B2BMeeting.status != MeetingStatus.CANCELLED
            )
        ).all()
        self.meeting_count: Counter[int] = Counter()
        self.pairs: set[frozenset[int]] = set()
        for a, b in active:
            self.meeting_count.update((a, b))
            self.pairs.add(frozenset((a, b)))

    def is_free(self, slot_id: int, kind: str, ident: int) -> bool:
        return (slot_id, seat_key(kind, ident)) not in self.taken

    def cap_of(self, participant: B2BParticipant) -> int | None:
        """The company's own limit, else the session's; None: no limit."""
        if participant.max_meetings is not None:
            return participant.max_meetings
        return self.matchmaking.meeting_cap

    def cap_reached(self, participant: B2BParticipant) -> bool:
        """Whether one more meeting would take the company over its cap."""
        return not rule.within_cap(self.meeting_count[participant.id] + 1, self.cap_of(participant))

    def company(self, participant: B2BParticipant) -> rule.Company:
        """The participant as the placement rule sees it."""
        return rule.Company(
            participant.id,
            frozenset(participant.profile.languages),
            self.fixed_table.get(participant.id),
        )

    def placement(self, a: B2BParticipant, b: B2BParticipant, slot_id: int) -> Placement | None:
        """Where and with whom a and b could meet in the slot, or None if they cannot
        (the placement rule, b2b/solver/placement.py)."""

        def free(kind: str, ident) -> bool:
            away = {"participant": self.away, "interpreter": self.interpreter_away}.get(kind, ())
            return (ident, slot_id) not in away and self.is_free(slot_id, kind, ident)

        found = rule.find_placement(
            self.company(a),
            self.company(b),
            self.table_ids,
            self.rule_interpreters,
            self.fixed_tables,
            free,
        )
        if found is None:
            return None
        table_id, interpreter = found
        return Placement(slot_id, table_id, None if interpreter is None else interpreter.id)


def counterpart(matchmaking_id: int, participant_id: int) -> B2BParticipant:
    other = db.session.get(B2BParticipant, participant_id)
    if other is None or other.matchmaking_id != matchmaking_id:
        raise NotFound(_("No such participant."))
    return other


def _check_pair(state: SessionState, me: B2BParticipant, other: B2BParticipant) -> None:
    if state.matchmaking.mode != MatchmakingMode.SELF_BOOKING:
        raise ServiceError(_("In this session the organiser schedules the meetings."))
    if me.id == other.id:
        raise ServiceError(_("You cannot meet your own company."))
    if frozenset((me.id, other.id)) in state.pairs:
        raise ServiceError(_("You already have a meeting with this company."))
    if state.cap_reached(me):
        raise ServiceError(_("You have reached the number of meetings allowed."))
    if state.cap_reached(other):
        raise ServiceError(_("This company has no more meetings available."))


def free_slots(user, matchmaking_id: int, counterpart_id: int) -> list[tuple[B2BSlot, Placement]]:
    """The slots the user's company could book with the counterpart right now."""
    me = require_participant(user, matchmaking_id)
    other = counterpart(matchmaking_id, counterpart_id)
    state = SessionState(get_matchmaking(matchmaking_id))
    _check_pair(state, me, other)
    out = []
    for slot in state.slots:
        placement = state.placement(me, other, slot.id)
        if placement is not None:
            out.append((slot, placement))
    return out


def _lock_participants(*ids: int) -> None:
    """Serialise bookings that involve the same companies (PostgreSQL row locks, taken
    in id order so two bookings cannot wait for each other). SQLite ignores FOR
    UPDATE; there writers are serialised anyway and :func:`_recount` catches up."""
    db.session.execute(
        db.select(B2BParticipant.id)
        .where(B2BParticipant.id.in_(ids))
        .order_by(B2BParticipant.id)
        .with_for_update()
    )


def _recount(state: SessionState, me: B2BParticipant, other: B2BParticipant) -> None:
    """The pair and cap rules once more, counted inside the transaction that now
    writes the meeting: a booking committed since the state was read counts too, so
    a company never ends up over its cap or with two meetings with one company."""
    live = (
        B2BMeeting.matchmaking_id == state.matchmaking.id,
        B2BMeeting.status != MeetingStatus.CANCELLED,
    )

    def count(*where) -> int:
        return db.session.scalar(db.select(db.func.count(B2BMeeting.id)).where(*live, *where))

    pair = (me.id, other.id)
    if count(B2BMeeting.participant_a_id.in_(pair), B2BMeeting.participant_b_id.in_(pair)) > 1:
        raise ServiceError(_("You already have a meeting with this company."))
    for participant, message in (
        (me, _("You have reached the number of meetings allowed.")),
        (other, _("This company has no more meetings available.")),
    ):
        cap = state.cap_of(participant)
        taking_part = or_(
            B2BMeeting.participant_a_id == participant.id,
            B2BMeeting.participant_b_id == participant.id,
        )
        if not rule.within_cap(count(taking_part), cap):
            raise ServiceError(message)


def _try_booking(user, matchmaking_id: int, counterpart_id: int, slot_id: int) -> B2BMeeting:
    me = require_participant(user, matchmaking_id)
    other = counterpart(matchmaking_id, counterpart_id)
    _lock_participants(me.id, other.id)
    matchmaking = get_matchmaking(matchmaking_id)
    state = SessionState(matchmaking)
    _check_pair(state, me, other)
    slot = db.session.get(B2BSlot, slot_id)
    if slot is None or slot.matchmaking_id != matchmaking_id:
        raise NotFound(_("No such slot."))
    request = open_request_between(matchmaking_id, me.id, other.id)
    if request is None:
        request = MeetingRequest(
            matchmaking_id=matchmaking_id,
            from_participant_id=me.id,
            to_participant_id=other.id,
            message="",
        )
        db.session.add(request)
    request.status = RequestStatus.ACCEPTED
    request.answered_at = utcnow()
    # The asker is side a: a fixed table of the asker is where the meeting is held.
    a, b = (me, other) if request.from_participant_id == me.id else (other, me)
    placement = state.placement(a, b, slot.id)
    if placement is None:
        raise SlotTaken(_("That slot is no longer free; choose another."), field="slot")
    meeting = B2BMeeting(
        matchmaking_id=matchmaking_id,
        request=request,
        participant_a_id=a.id,
        participant_b_id=b.id,
        slot_id=slot.id,
        table_id=placement.table_id,
        interpreter_id=placement.interpreter_id,
    )
    meeting.seats = [MeetingSeat(slot_id=slot.id, seat_key=key) for key in meeting.seat_keys()]
    db.session.add(meeting)
    db.session.flush()  # the write lock (SQLite) or the seat constraint (both) from here on
    _recount(state, me, other)
    return meeting


def book(user, matchmaking_id: int, counterpart_id: int, slot_id: int) -> B2BMeeting:
    """Book a meeting with the counterpart in the slot, or raise SlotTaken."""
    for _attempt in range(BOOKING_ATTEMPTS):
        try:
            meeting = _try_booking(user, matchmaking_id, counterpart_id, slot_id)
            _tell_counterpart(user, matchmaking_id, meeting)
            db.session.commit()
            break
        except ServiceError:
            db.session.rollback()
            raise
        except IntegrityError:
            # Someone committed a seat of this slot since we looked; look again.
            db.session.rollback()
    else:
        raise SlotTaken(_("That slot is no longer free; choose another."), field="slot")
    return meeting


def _tell_counterpart(user, matchmaking_id: int, meeting: B2BMeeting) -> None:
    """The mail to the other company joins the booking's transaction (the outbox)."""
    zone = meeting.slot.matchmaking.forum.timezone
    when = meeting.slot.starts_at.astimezone(get_zone(zone)).strftime("%Y-%m-%d %H:%M")
    me = require_participant(user, matchmaking_id)
    other = meeting.participant_b if meeting.participant_a_id == me.id else meeting.participant_a
    notify(
        other,
        _("%(name)s booked a meeting with you at %(when)s", name=display_name(me), when=when),
        _(
            "%(name)s booked a B2B meeting with you at %(when)s (%(zone)s), table %(table)s.",
            name=display_name(me),
            when=when,
            zone=zone,
            table=meeting.table.name,
        ),
        topic="b2b-booking",
    )
