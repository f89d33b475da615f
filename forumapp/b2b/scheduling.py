"""The organiser's side: build the scheduler's problem from the database, store the schedule
it returns (locked meetings stay), lock, publish, and everyone's agenda.

Ids in the problem file are the database ids with a letter in front ("p12", "s3",
"t5", "i2", "r40"), so a schedule maps back without a lookup table.
Format: /work/shared/formats/b2b-problem.md.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forumapp.accounts.models import User
from forumapp.b2b.agenda import mail_agendas
from forumapp.b2b.booking import SessionState
from forumapp.b2b.matchmaking import get_matchmaking, require_participant
from forumapp.b2b.meetings import meetings_of
from forumapp.b2b.models import (
    B2BMeeting,
    B2BParticipant,
    BusinessProfile,
    MatchmakingMode,
    MatchmakingStatus,
    MeetingRequest,
    MeetingSeat,
    MeetingStatus,
    RequestPreference,
    RequestStatus,
)
from forumapp.b2b.solver import (
    Meeting,
    ProblemError,
    check_meetings,
    check_schedule,
    problem_from_dict,
    schedule_from_dict,
    solve,
)
from forumapp.b2b.solver.problem import PROBLEM_FORMAT
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.localized import ENGLISH_FIRST, pick_language
from forumapp.core.timezones import get_zone
from forumapp.core.unit_of_work import saved

if TYPE_CHECKING:
    from forumapp.core.jobs import JobContext

# A must-meet request weighs three ordinary ones in the scheduler's objective.
PRIORITY = {RequestPreference.MUST_MEET: 3, RequestPreference.MEET: 1}


def _ident(prefix: str, text: str) -> int:
    if not text.startswith(prefix) or not text[len(prefix) :].isdigit():
        raise ServiceError(_("The schedule names an unknown id %(id)s.", id=text))
    return int(text[len(prefix) :])


def _accepted_requests(matchmaking_id: int) -> dict[frozenset[int], tuple[MeetingRequest, int]]:
    """One request per pair of companies (two accepted requests A->B and B->A are one
    meeting), with the higher priority of the two."""
    pairs: dict[frozenset[int], tuple[MeetingRequest, int]] = {}
    rows = db.session.scalars(
        db.select(MeetingRequest)
        .where(
            MeetingRequest.matchmaking_id == matchmaking_id,
            MeetingRequest.status == RequestStatus.ACCEPTED,
        )
        .order_by(MeetingRequest.id)
    )
    for request in rows:
        pair = frozenset((request.from_participant_id, request.to_participant_id))
        priority = PRIORITY[request.preference]
        if pair in pairs:
            first, best = pairs[pair]
            pairs[pair] = (first, max(best, priority))
        else:
            pairs[pair] = (request, priority)
    return pairs


def build_problem(matchmaking_id: int) -> dict[str, Any]:
    """The session as a forumapp.b2b-problem/1 dict: accepted requests become requests."""
    matchmaking = get_matchmaking(matchmaking_id)
    zone = get_zone(matchmaking.forum.timezone)
    state = SessionState(matchmaking)
    slot_ids = [s.id for s in state.slots]
    participants = db.session.scalars(
        db.select(B2BParticipant)
        .where(B2BParticipant.matchmaking_id == matchmaking_id)
        .options(selectinload(B2BParticipant.profile).selectinload(BusinessProfile.organisation))
        .order_by(B2BParticipant.id)
    ).all()
    problem_participants = []
    for p in participants:
        name = p.profile.organisation.display_name()
        if not p.profile.languages:
            raise ServiceError(_("%(name)s has no language in its profile.", name=name))
        entry: dict[str, Any] = {
            "id": f"p{p.id}",
            "name": name,
            "languages": list(p.profile.languages),
            "available": [f"s{s}" for s in slot_ids if (p.id, s) not in state.away],
        }
        cap = state.cap_of(p)
        if cap is not None:
            entry["max_meetings"] = cap
        if p.id in state.fixed_table:
            entry["table"] = f"t{state.fixed_table[p.id]}"
        problem_participants.append(entry)
    return {
        "format": PROBLEM_FORMAT,
        "name": pick_language(matchmaking.title, ENGLISH_FIRST),
        "slots": [
            {
                "id": f"s{s.id}",
                "start": s.starts_at.astimezone(zone).isoformat(),
                "end": s.ends_at.astimezone(zone).isoformat(),
            }
            for s in state.slots
        ],
        "tables": [{"id": f"t{t.id}", "name": t.name} for t in matchmaking.tables],
        "participants": problem_participants,
        # Someone with one language cannot interpret; the format requires two.
        "interpreters": [
            {
                "id": f"i{i.id}",
                "name": i.name,
                "languages": list(i.languages),
                "available": [f"s{s}" for s in slot_ids if (i.id, s) not in state.interpreter_away],
            }
            for i in state.interpreters
            if len(i.languages) >= 2
        ],
        "requests": [
            {
                "id": f"r{request.id}",
                "a": f"p{request.from_participant_id}",
                "b": f"p{request.to_participant_id}",
                "priority": priority,
            }
            for request, priority in _accepted_requests(matchmaking_id).values()
        ],
    }


def _active_meetings(matchmaking_id: int) -> list[B2BMeeting]:
    return list(
        db.session.scalars(
            db.select(B2BMeeting)
            .where(
                B2BMeeting.matchmaking_id == matchmaking_id,
                B2BMeeting.status != MeetingStatus.CANCELLED,
            )
            .order_by(B2BMeeting.id)
        )
    )


def _is_fixed(meeting: B2BMeeting) -> bool:
    """Locked, or already held (or missed): the scheduler must not move it."""
    return meeting.locked or meeting.status != MeetingStatus.SCHEDULED


def _as_problem_meetings(
    meetings: list[B2BMeeting], pairs: dict[frozenset[int], tuple[MeetingRequest, int]]
) -> list[Meeting]:
    """Meetings in the problem's terms; a meeting whose request is no longer accepted
    has no place in the problem and is left out."""
    out = []
    for m in meetings:
        entry = pairs.get(frozenset((m.participant_a_id, m.participant_b_id)))
        if entry is not None:
            out.append(
                Meeting(
                    request=f"r{entry[0].id}",
                    slot=f"s{m.slot_id}",
                    table=f"t{m.table_id}",
                    interpreter=f"i{m.interpreter_id}" if m.interpreter_id else None,
                )
            )
    return out


def _store(matchmaking_id: int, schedule_dict: dict[str, Any]) -> list[B2BMeeting]:
    """Replace the unlocked meetings by the schedule's; no commit."""
    try:
        problem = problem_from_dict(build_problem(matchmaking_id))
        schedule = schedule_from_dict(schedule_dict)
    except ProblemError as exc:
        raise ServiceError(str(exc)) from exc
    problems = check_schedule(problem, schedule)
    if problems:
        raise ServiceError(_("The schedule breaks a rule: %(why)s", why=problems[0]))
    pairs = _accepted_requests(matchmaking_id)
    active = _active_meetings(matchmaking_id)
    locked = [m for m in active if _is_fixed(m)]
    wanted = {(m.request, m.slot, m.table, m.interpreter) for m in schedule.meetings}
    for meeting in _as_problem_meetings(locked, pairs):
        if (meeting.request, meeting.slot, meeting.table, meeting.interpreter) not in wanted:
            raise ServiceError(
                _("The schedule moves a locked meeting (%(id)s).", id=meeting.request)
            )
    locked_requests = {m.request for m in _as_problem_meetings(locked, pairs)}
    for meeting in active:
        if not _is_fixed(meeting):
            db.session.delete(meeting)
    # Old seats must be gone before new ones claim the same slots.
    db.session.flush()
    requests = {f"r{request.id}": request for request, _priority in pairs.values()}
    created = []
    for m in schedule.meetings:
        if m.request in locked_requests:
            continue
        request = requests[m.request]
        meeting = B2BMeeting(
            matchmaking_id=matchmaking_id,
            request_id=request.id,
            participant_a_id=request.from_participant_id,
            participant_b_id=request.to_participant_id,
            slot_id=_ident("s", m.slot),
            table_id=_ident("t", m.table),
            interpreter_id=_ident("i", m.interpreter) if m.interpreter else None,
        )
        meeting.seats = [
            MeetingSeat(slot_id=meeting.slot_id, seat_key=k) for k in meeting.seat_keys()
        ]
        db.session.add(meeting)
        created.append(meeting)
    get_matchmaking(matchmaking_id).status = MatchmakingStatus.SCHEDULED
    return created


def apply_schedule(matchmaking_id: int, schedule_dict: dict[str, Any]) -> list[B2BMeeting]:
    """Store a forumapp.b2b-schedule/1 dict as the session's draft; locked meetings stay."""
    created = _store(matchmaking_id, schedule_dict)
    saved()
    return created


def run_scheduler(
    matchmaking_id: int, time_limit: float = 10.0, progress: JobContext | None = None
) -> dict[str, Any]:
    """Schedule every accepted request optimally around the locked meetings, moving the
    other current meetings as little as possible; returns the schedule dict stored.
    ``progress`` (a background job's context) is told how far it got."""
    if progress is not None:
        progress.report(2, _("Reading requests and availability"))
    try:
        problem = problem_from_dict(build_problem(matchmaking_id))
    except ProblemError as exc:
        raise ServiceError(str(exc)) from exc
    pairs = _accepted_requests(matchmaking_id)
    active = _active_meetings(matchmaking_id)
    locked = _as_problem_meetings([m for m in active if _is_fixed(m)], pairs)
    broken = check_meetings(problem, locked, where="locked")
    if broken:
        raise ServiceError(_("A locked meeting breaks a rule: %(why)s", why=broken[0]))
    previous = _as_problem_meetings([m for m in active if not _is_fixed(m)], pairs)
    with (
        progress.estimate(10, 90, time_limit, _("Searching for the best schedule"))
        if progress is not None
        else nullcontext()
    ):
        schedule = solve(problem, time_limit=time_limit, locked=locked, previous=previous)
    result = schedule.to_dict()
    if progress is not None:
        progress.report(92, _("Saving the draft"))
    _store(matchmaking_id, result)
    saved()
    return result


def set_locked(matchmaking_id: int, meeting_id: int, locked: bool) -> B2BMeeting:
    meeting = db.session.get(B2BMeeting, meeting_id)
    if meeting is None or meeting.matchmaking_id != matchmaking_id:
        raise NotFound(_("No such meeting."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError(_("A cancelled meeting cannot be locked."))
    meeting.locked = locked
    saved()
    return meeting


def publish(matchmaking_id: int) -> int:
    """Show the schedule to the companies and e-mail each one its agenda with an .ics
    attached; returns how many companies were told."""
    matchmaking = get_matchmaking(matchmaking_id)
    if matchmaking.status == MatchmakingStatus.DRAFT:
        raise ServiceError(_("Run the scheduler before publishing."))
    matchmaking.status = MatchmakingStatus.PUBLISHED
    told = mail_agendas(matchmaking_id)  # into the outbox, kept only with the publication
    saved()
    return told


def agenda(user: User, matchmaking_id: int) -> tuple[B2BParticipant, list[B2BMeeting], bool]:
    """The company's own meetings; in request mode only once the organiser published."""
    me = require_participant(user, matchmaking_id)
    matchmaking = get_matchmaking(matchmaking_id)
    visible = (
        matchmaking.mode == MatchmakingMode.SELF_BOOKING
        or matchmaking.status == MatchmakingStatus.PUBLISHED
    )
    return me, (meetings_of(matchmaking_id, me.id) if visible else []), visible
