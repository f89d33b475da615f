"""B2B matchmaking: business profiles, sessions with slots and tables, requests, meetings.

Double booking is impossible at the database level: every active meeting writes
one ``meeting_seat`` row per participant, its table and its interpreter, and
UNIQUE(slot_id, seat_key) refuses a second meeting for any of them in that slot.
A plain unique constraint behaves the same on SQLite and PostgreSQL (partial
indexes would not autogenerate portably); cancelling a meeting deletes its seats.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forumapp.b2b import limits
from forumapp.core.models import (
    Base,
    CodeList,
    LocalizedText,
    TimestampMixin,
    UTCDateTime,
    enum_column,
    json_type,
    utcnow,
)
from forumapp.people.models import Organisation
from forumapp.programme.models import Forum, Session


class Sector(enum.StrEnum):
    AGRI_FOOD = "agri_food"
    FRESH_FOOD = "fresh_food"
    FROZEN_PROCESSED_FOOD = "frozen_processed_food"
    CONSTRUCTION = "construction"
    HEAVY_EQUIPMENT = "heavy_equipment"
    HEATING_MATERIALS = "heating_materials"
    ICT = "ict"
    E_COMMERCE = "e_commerce"
    LOGISTICS = "logistics"
    HEALTHCARE = "healthcare"
    CULTURE_CONTENT = "culture_content"
    TOURISM = "tourism"
    ENERGY = "energy"
    EDUCATION = "education"
    FINANCE = "finance"
    OTHER = "other"


class BusinessProfile(TimestampMixin, Base):
    """What a company offers and looks for; one per organisation, shared by all sessions."""

    __tablename__ = "business_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), unique=True
    )
    sectors: Mapped[list[str]] = mapped_column(CodeList, default=list)  # Sector values
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    languages: Mapped[list[str]] = mapped_column(CodeList, default=list)  # ISO 639-1
    # Text columns; their limit (limits.PROFILE_TEXT_MAX) is checked by save_profile.
    offers: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    products: Mapped[str] = mapped_column(Text, default="")
    contact_name: Mapped[str | None] = mapped_column(String(limits.CONTACT_NAME_MAX))
    contact_email: Mapped[str | None] = mapped_column(String(limits.CONTACT_EMAIL_MAX))
    contact_phone: Mapped[str | None] = mapped_column(String(limits.CONTACT_PHONE_MAX))

    organisation: Mapped[Organisation] = relationship()


class MatchmakingMode(enum.StrEnum):
    REQUEST_THEN_SCHEDULE = "request_then_schedule"
    SELF_BOOKING = "self_booking"


class MatchmakingStatus(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"  # the scheduler ran; organisers review before publishing
    PUBLISHED = "published"


class MatchmakingSession(TimestampMixin, Base):
    __tablename__ = "matchmaking_session"
    __table_args__ = (
        CheckConstraint("slot_minutes > 0", name="slot_minutes_positive"),
        CheckConstraint("break_minutes >= 0", name="break_minutes_not_negative"),
        CheckConstraint("meeting_cap IS NULL OR meeting_cap >= 0", name="meeting_cap_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forum.id", ondelete="CASCADE"), index=True)
    # The programme session (kind b2b) it fills, if any.
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("session.id", ondelete="SET NULL"), unique=True
    )
    title: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    # [{"start": ISO UTC, "end": ISO UTC}, ...]; slots are generated from them.
    windows: Mapped[list[dict[str, str]]] = mapped_column(json_type(), default=list)
    slot_minutes: Mapped[int] = mapped_column(Integer, default=20)
    break_minutes: Mapped[int] = mapped_column(Integer, default=5)  # between two slots
    mode: Mapped[MatchmakingMode] = mapped_column(
        enum_column(MatchmakingMode), default=MatchmakingMode.REQUEST_THEN_SCHEDULE
    )
    meeting_cap: Mapped[int | None] = mapped_column(Integer)  # per participant
    status: Mapped[MatchmakingStatus] = mapped_column(
        enum_column(MatchmakingStatus), default=MatchmakingStatus.DRAFT
    )

    forum: Mapped[Forum] = relationship()
    session: Mapped[Session | None] = relationship()
    slots: Mapped[list[B2BSlot]] = relationship(
        back_populates="matchmaking", order_by="B2BSlot.starts_at", cascade="all, delete-orphan"
    )
    tables: Mapped[list[B2BTable]] = relationship(
        back_populates="matchmaking", order_by="B2BTable.position", cascade="all, delete-orphan"
    )
    participants: Mapped[list[B2BParticipant]] = relationship(
        back_populates="matchmaking", cascade="all, delete-orphan"
    )
    interpreters: Mapped[list[B2BInterpreter]] = relationship(
        back_populates="matchmaking", cascade="all, delete-orphan"
    )


class B2BSlot(Base):
    __tablename__ = "b2b_slot"
    __table_args__ = (
        UniqueConstraint("matchmaking_id", "starts_at"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    matchmaking_id: Mapped[int] = mapped_column(
        ForeignKey("matchmaking_session.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)

    matchmaking: Mapped[MatchmakingSession] = relationship(back_populates="slots")


class B2BParticipant(Base):
    """A profile taking part in one matchmaking session."""

    __tablename__ = "b2b_participant"
    __table_args__ = (
        UniqueConstraint("matchmaking_id", "profile_id"),
        CheckConstraint(
            "max_meetings IS NULL OR max_meetings >= 0", name="max_meetings_not_negative"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    matchmaking_id: Mapped[int] = mapped_column(
        ForeignKey("matchmaking_session.id", ondelete="CASCADE"), index=True
    )
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("business_profile.id", ondelete="CASCADE"), index=True
    )
    max_meetings: Mapped[int | None] = mapped_column(Integer)  # overrides the session's cap
    # Part of the signed agenda-feed URL; a new value revokes every URL handed out.
    feed_key: Mapped[str | None] = mapped_column(String(32))

    matchmaking: Mapped[MatchmakingSession] = relationship(back_populates="participants")
    profile: Mapped[BusinessProfile] = relationship()
    unavailable: Mapped[list[ParticipantUnavailability]] = relationship(
        cascade="all, delete-orphan"
    )


class ParticipantUnavailability(Base):
    """A slot the participant cannot meet in. No row means available, so a slot added
    later is open to everyone until they say otherwise."""

    __tablename__ = "b2b_participant_unavailability"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_participant.id", ondelete="CASCADE"), primary_key=True
    )
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_slot.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class B2BTable(Base):
    __tablename__ = "b2b_table"
    __table_args__ = (UniqueConstraint("matchmaking_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    matchmaking_id: Mapped[int] = mapped_column(
        ForeignKey("matchmaking_session.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # A visiting company often keeps one table; it then hosts only that company's meetings.
    fixed_participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("b2b_participant.id", ondelete="SET NULL"), unique=True
    )

    matchmaking: Mapped[MatchmakingSession] = relationship(back_populates="tables")
    fixed_participant: Mapped[B2BParticipant | None] = relationship()


class B2BInterpreter(Base):
    __tablename__ = "b2b_interpreter"

    id: Mapped[int] = mapped_column(primary_key=True)
    matchmaking_id: Mapped[int] = mapped_column(
        ForeignKey("matchmaking_session.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    languages: Mapped[list[str]] = mapped_column(CodeList, default=list)

    matchmaking: Mapped[MatchmakingSession] = relationship(back_populates="interpreters")
    unavailable: Mapped[list[InterpreterUnavailability]] = relationship(
        cascade="all, delete-orphan"
    )


class InterpreterUnavailability(Base):
    __tablename__ = "b2b_interpreter_unavailability"

    interpreter_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_interpreter.id", ondelete="CASCADE"), primary_key=True
    )
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_slot.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class RequestPreference(enum.StrEnum):
    MUST_MEET = "must_meet"
    MEET = "meet"


class RequestStatus(enum.StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class MeetingRequest(TimestampMixin, Base):
    __tablename__ = "b2b_meeting_request"
    __table_args__ = (
        CheckConstraint("from_participant_id != to_participant_id", name="not_with_itself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    matchmaking_id: Mapped[int] = mapped_column(
        ForeignKey("matchmaking_session.id", ondelete="CASCADE"), index=True
    )
    from_participant_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_participant.id", ondelete="CASCADE"), index=True
    )
    to_participant_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_participant.id", ondelete="CASCADE"), index=True
    )
    message: Mapped[str] = mapped_column(Text, default="")
    preference: Mapped[RequestPreference] = mapped_column(
        enum_column(RequestPreference), default=RequestPreference.MEET
    )
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus), default=RequestStatus.REQUESTED
    )
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    from_participant: Mapped[B2BParticipant] = relationship(foreign_keys=[from_participant_id])
    to_participant: Mapped[B2BParticipant] = relationship(foreign_keys=[to_participant_id])


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class B2BMeeting(TimestampMixin, Base):
    __tablename__ = "b2b_meeting"
    __table_args__ = (
        CheckConstraint("participant_a_id != participant_b_id", name="not_with_itself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    matchmaking_id: Mapped[int] = mapped_column(
        ForeignKey("matchmaking_session.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("b2b_meeting_request.id", ondelete="SET NULL"), index=True
    )
    participant_a_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_participant.id", ondelete="CASCADE"), index=True
    )
    participant_b_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_participant.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[int] = mapped_column(ForeignKey("b2b_slot.id", ondelete="CASCADE"), index=True)
    table_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_table.id", ondelete="CASCADE"), index=True
    )
    interpreter_id: Mapped[int | None] = mapped_column(
        ForeignKey("b2b_interpreter.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus), default=MeetingStatus.SCHEDULED
    )
    # A locked meeting survives re-running the scheduler exactly as it is.
    locked: Mapped[bool] = mapped_column(Boolean, default=False)

    request: Mapped[MeetingRequest | None] = relationship()
    participant_a: Mapped[B2BParticipant] = relationship(foreign_keys=[participant_a_id])
    participant_b: Mapped[B2BParticipant] = relationship(foreign_keys=[participant_b_id])
    slot: Mapped[B2BSlot] = relationship()
    table: Mapped[B2BTable] = relationship()
    interpreter: Mapped[B2BInterpreter | None] = relationship()
    seats: Mapped[list[MeetingSeat]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    outcome: Mapped[MeetingOutcome | None] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )

    def seat_keys(self) -> list[str]:
        """Who and what this meeting occupies in its slot (see meeting_seat)."""
        keys = [
            seat_key("participant", self.participant_a_id),
            seat_key("participant", self.participant_b_id),
            seat_key("table", self.table_id),
        ]
        if self.interpreter_id is not None:
            keys.append(seat_key("interpreter", self.interpreter_id))
        return keys


def seat_key(kind: str, ident: int) -> str:
    return f"{kind}:{ident}"


class MeetingSeat(Base):
    """One thing an active meeting occupies in its slot; UNIQUE(slot_id, seat_key)
    is what makes a double booking fail, even between two simultaneous requests."""

    __tablename__ = "meeting_seat"
    __table_args__ = (UniqueConstraint("slot_id", "seat_key"),)

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_meeting.id", ondelete="CASCADE"), primary_key=True
    )
    seat_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("b2b_slot.id", ondelete="CASCADE"))

    meeting: Mapped[B2BMeeting] = relationship(back_populates="seats")


class MeetingOutcome(TimestampMixin, Base):
    """What came of a meeting, in the figures Korean organisers report:
    상담건수 (meetings held), 상담액 (consultation amount), 계약추진액 (amount under
    negotiation), 계약체결액 (contract signed amount) and MOU signed."""

    __tablename__ = "b2b_meeting_outcome"
    __table_args__ = (
        CheckConstraint(
            "consultation_amount >= 0 AND negotiation_amount >= 0 AND contract_amount >= 0",
            name="amounts_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("b2b_meeting.id", ondelete="CASCADE"), unique=True
    )
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    # Whole currency units: the reports round to thousands anyway, and integers
    # behave the same on SQLite and PostgreSQL.
    consultation_amount: Mapped[int] = mapped_column(BigInteger, default=0)  # 상담액
    negotiation_amount: Mapped[int] = mapped_column(BigInteger, default=0)  # 계약추진액
    contract_amount: Mapped[int] = mapped_column(BigInteger, default=0)  # 계약체결액
    mou_signed: Mapped[bool] = mapped_column(Boolean, default=False)  # MOU
    follow_up_note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[B2BMeeting] = relationship(back_populates="outcome")
