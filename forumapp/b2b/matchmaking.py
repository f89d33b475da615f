"""Matchmaking sessions: setting one up (slots, tables, interpreters), who takes part, and
the question every company page asks first: which participant is this user?"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from forumapp.accounts.models import User, UserRole
from forumapp.b2b.models import (
    B2BInterpreter,
    B2BParticipant,
    B2BSlot,
    B2BTable,
    BusinessProfile,
    MatchmakingMode,
    MatchmakingSession,
)
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.unit_of_work import saved
from forumapp.programme.models import Forum, Session, SessionKind


@dataclass
class MatchmakingData:
    forum_id: int
    title: dict[str, str]
    windows: list[tuple[datetime, datetime]]
    slot_minutes: int = 20
    break_minutes: int = 5
    table_count: int = 10
    mode: MatchmakingMode = MatchmakingMode.REQUEST_THEN_SCHEDULE
    meeting_cap: int | None = None
    session_id: int | None = None
    table_names: list[str] = field(default_factory=list)  # default "1", "2", ...


def slot_times(
    windows: list[tuple[datetime, datetime]], slot_minutes: int, break_minutes: int
) -> list[tuple[datetime, datetime]]:
    """Back-to-back slots of ``slot_minutes`` with ``break_minutes`` between them, filling
    each window; a remainder too short for a whole slot is left unused."""
    length, pause = timedelta(minutes=slot_minutes), timedelta(minutes=break_minutes)
    out: list[tuple[datetime, datetime]] = []
    for start, end in sorted(windows):
        cursor = start
        while cursor + length <= end:
            out.append((cursor, cursor + length))
            cursor += length + pause
    return out


def create_matchmaking(data: MatchmakingData) -> MatchmakingSession:
    if db.session.get(Forum, data.forum_id) is None:
        raise NotFound(_("No such forum."))
    if data.slot_minutes <= 0:
        raise ServiceError(_("A slot lasts at least one minute."), field="slot_minutes")
    if data.break_minutes < 0:
        raise ServiceError(_("A break cannot be negative."), field="break_minutes")
    if data.table_count < 1 and not data.table_names:
        raise ServiceError(_("At least one table is needed."), field="table_count")
    times = slot_times(data.windows, data.slot_minutes, data.break_minutes)
    if not times:
        raise ServiceError(_("The time window is shorter than one slot."), field="slot_minutes")
    if data.session_id is not None:
        session = db.session.get(Session, data.session_id)
        if session is None or session.forum_id != data.forum_id or session.kind != SessionKind.B2B:
            raise ServiceError(_("Choose a B2B session of this forum."), field="session_id")
    names = data.table_names or [str(n) for n in range(1, data.table_count + 1)]
    matchmaking = MatchmakingSession(
        forum_id=data.forum_id,
        session_id=data.session_id,
        title=data.title,
        windows=[{"start": s.isoformat(), "end": e.isoformat()} for s, e in data.windows],
        slot_minutes=data.slot_minutes,
        break_minutes=data.break_minutes,
        mode=data.mode,
        meeting_cap=data.meeting_cap,
        slots=[B2BSlot(starts_at=s, ends_at=e) for s, e in times],
        tables=[B2BTable(name=name, position=i) for i, name in enumerate(names)],
    )
    db.session.add(matchmaking)
    saved()
    return matchmaking


def get_matchmaking(matchmaking_id: int) -> MatchmakingSession:
    matchmaking = db.session.get(MatchmakingSession, matchmaking_id)
    if matchmaking is None:
        raise NotFound(_("No such B2B session."))
    return matchmaking


def list_matchmaking() -> list[MatchmakingSession]:
    return list(
        db.session.scalars(
            db.select(MatchmakingSession)
            .options(selectinload(MatchmakingSession.forum))
            .order_by(MatchmakingSession.id)
        )
    )


def add_interpreter(matchmaking_id: int, name: str, languages: list[str]) -> B2BInterpreter:
    get_matchmaking(matchmaking_id)
    codes = sorted({code.strip().lower() for code in languages if code.strip()})
    if len(codes) < 2:
        raise ServiceError(_("An interpreter speaks at least two languages."), field="languages")
    interpreter = B2BInterpreter(matchmaking_id=matchmaking_id, name=name.strip(), languages=codes)
    db.session.add(interpreter)
    saved()
    return interpreter


def fix_table(table_id: int, participant_id: int | None) -> B2BTable:
    """Reserve a table for one participant (or free it with None)."""
    table = db.session.get(B2BTable, table_id)
    if table is None:
        raise NotFound(_("No such table."))
    if participant_id is not None:
        participant = db.session.get(B2BParticipant, participant_id)
        if participant is None or participant.matchmaking_id != table.matchmaking_id:
            raise ServiceError(_("Choose a participant of this session."), field="participant")
    table.fixed_participant_id = participant_id
    saved()
    return table


# -- who is who ----------------------------------------------------------------------------


def profile_of(user: User) -> BusinessProfile | None:
    if user.role != UserRole.COMPANY or user.organisation_id is None:
        return None
    return db.session.scalar(
        db.select(BusinessProfile).where(BusinessProfile.organisation_id == user.organisation_id)
    )


def participant_of(user: User, matchmaking_id: int) -> B2BParticipant | None:
    if user.role != UserRole.COMPANY or user.organisation_id is None:
        return None
    return db.session.scalar(
        db.select(B2BParticipant)
        .join(BusinessProfile, B2BParticipant.profile_id == BusinessProfile.id)
        .where(
            B2BParticipant.matchmaking_id == matchmaking_id,
            BusinessProfile.organisation_id == user.organisation_id,
        )
    )


def require_participant(user: User, matchmaking_id: int) -> B2BParticipant:
    """The user's own participant row; anyone else gets "not found", never a hint."""
    get_matchmaking(matchmaking_id)
    participant = participant_of(user, matchmaking_id)
    if participant is None:
        raise NotFound(_("Your company does not take part in this B2B session."))
    return participant


def sessions_for(user: User) -> list[tuple[MatchmakingSession, B2BParticipant | None]]:
    """Every B2B session, with the user's participant row where the company takes part."""
    profile = profile_of(user)
    mine: dict[int, B2BParticipant] = {}
    if profile is not None:
        mine = {
            p.matchmaking_id: p
            for p in db.session.scalars(
                db.select(B2BParticipant).where(B2BParticipant.profile_id == profile.id)
            )
        }
    return [(m, mine.get(m.id)) for m in list_matchmaking()]


def add_participant(
    matchmaking_id: int, profile_id: int, max_meetings: int | None = None
) -> B2BParticipant:
    get_matchmaking(matchmaking_id)
    if db.session.get(BusinessProfile, profile_id) is None:
        raise NotFound(_("No such business profile."))
    exists = db.session.scalar(
        db.select(B2BParticipant).where(
            B2BParticipant.matchmaking_id == matchmaking_id,
            B2BParticipant.profile_id == profile_id,
        )
    )
    if exists is not None:
        return exists
    participant = B2BParticipant(
        matchmaking_id=matchmaking_id, profile_id=profile_id, max_meetings=max_meetings
    )
    db.session.add(participant)
    saved()
    return participant


def join(user: User, matchmaking_id: int) -> B2BParticipant:
    """A company signs itself up; it needs a profile first so others can find it."""
    profile = profile_of(user)
    if profile is None:
        raise ServiceError(_("Fill in your business profile first."))
    return add_participant(matchmaking_id, profile.id)


def programme_sessions_without_matchmaking() -> list[Session]:
    """B2B sessions of the programme an organiser can still set matchmaking up for."""
    taken = db.select(MatchmakingSession.session_id).where(
        MatchmakingSession.session_id.is_not(None)
    )
    return list(
        db.session.scalars(
            db.select(Session)
            .where(Session.kind == SessionKind.B2B, Session.id.not_in(taken))
            .options(selectinload(Session.forum))
            .order_by(Session.starts_at)
        )
    )


def create_for_programme_session(
    session_id: int,
    slot_minutes: int = 20,
    break_minutes: int = 5,
    table_count: int = 10,
    mode: MatchmakingMode = MatchmakingMode.REQUEST_THEN_SCHEDULE,
    meeting_cap: int | None = None,
) -> MatchmakingSession:
    """Matchmaking filling a B2B session of the programme, from its start to its end."""
    session = db.session.get(Session, session_id)
    if session is None or session.kind != SessionKind.B2B:
        raise ServiceError(_("Choose a B2B session of the programme."), field="session_id")
    return create_matchmaking(
        MatchmakingData(
            forum_id=session.forum_id,
            session_id=session.id,
            title=dict(session.title),
            windows=[(session.starts_at, session.ends_at)],
            slot_minutes=slot_minutes,
            break_minutes=break_minutes,
            table_count=table_count,
            mode=mode,
            meeting_cap=meeting_cap,
        )
    )
