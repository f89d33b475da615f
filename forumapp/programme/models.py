"""Forums: venues and rooms, days, co-organisers, sessions and who speaks in them."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forumapp.core.localized import DEFAULT_FALLBACK, pick_language
from forumapp.core.models import (
    Base,
    CodeList,
    GuidMixin,
    LocalizedText,
    TimestampMixin,
    UTCDateTime,
    enum_column,
)
from forumapp.people.models import Organisation, Person


class Venue(TimestampMixin, Base):
    __tablename__ = "venue"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    address: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    city: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))  # IANA name
    website: Mapped[str | None] = mapped_column(String(255))

    rooms: Mapped[list[Room]] = relationship(
        back_populates="venue", order_by="Room.position", cascade="all, delete-orphan"
    )

    def display_name(self, languages=DEFAULT_FALLBACK) -> str:
        return pick_language(self.name, languages)


class Room(GuidMixin, Base):
    __tablename__ = "room"
    __table_args__ = (
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id", ondelete="CASCADE"), index=True)
    name: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    capacity: Mapped[int | None] = mapped_column(Integer)
    floor: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)  # order on the programme grid

    venue: Mapped[Venue] = relationship(back_populates="rooms")

    def display_name(self, languages=DEFAULT_FALLBACK) -> str:
        return pick_language(self.name, languages)


class ForumStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Forum(TimestampMixin, Base):
    __tablename__ = "forum"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    # The name the event is known by locally, e.g. "카자흐스탄의 바람" (Wind of Kazakhstan)
    motto: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    timezone: Mapped[str] = mapped_column(String(64))  # IANA name; times are stored in UTC
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venue.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ForumStatus] = mapped_column(enum_column(ForumStatus), default=ForumStatus.DRAFT)
    expected_attendance: Mapped[int | None] = mapped_column(Integer)
    # Which translation to show when the reader's language is missing.
    language_fallback: Mapped[list[str]] = mapped_column(
        CodeList, default=lambda: list(DEFAULT_FALLBACK)
    )

    venue: Mapped[Venue | None] = relationship()
    days: Mapped[list[ForumDay]] = relationship(
        back_populates="forum", order_by="ForumDay.day", cascade="all, delete-orphan"
    )
    organisers: Mapped[list[ForumOrganiser]] = relationship(
        back_populates="forum", order_by="ForumOrganiser.position", cascade="all, delete-orphan"
    )
    sessions: Mapped[list[Session]] = relationship(
        back_populates="forum", order_by="Session.starts_at", cascade="all, delete-orphan"
    )

    def display_title(self, languages=None) -> str:
        return pick_language(self.title, languages or self.language_fallback)

    def __repr__(self) -> str:
        return f"<Forum {self.slug}>"


class ForumDay(Base):
    """A day of a forum with the hours its rooms are open (local wall-clock time)."""

    __tablename__ = "forum_day"
    __table_args__ = (
        UniqueConstraint("forum_id", "day"),
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forum.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    label: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    opens_at: Mapped[time] = mapped_column(Time, default=time(8, 0))
    closes_at: Mapped[time] = mapped_column(Time, default=time(22, 0))

    forum: Mapped[Forum] = relationship(back_populates="days")


class OrganiserRole(enum.StrEnum):
    HOST = "host"
    CO_HOST = "co_host"
    ORGANISER = "organiser"
    SPONSOR = "sponsor"
    PARTNER = "partner"


class ForumOrganiser(Base):
    __tablename__ = "forum_organiser"
    __table_args__ = (UniqueConstraint("forum_id", "organisation_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forum.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[OrganiserRole] = mapped_column(enum_column(OrganiserRole))
    position: Mapped[int] = mapped_column(Integer, default=0)

    forum: Mapped[Forum] = relationship(back_populates="organisers")
    organisation: Mapped[Organisation] = relationship()


class SessionKind(enum.StrEnum):
    OPENING_CEREMONY = "opening_ceremony"
    KEYNOTE = "keynote"
    PANEL = "panel"  # also "topic discussion" (주제 토론)
    PRESENTATION = "presentation"
    B2B = "b2b"
    NETWORKING = "networking"
    BREAK = "break"  # breaks and meals
    CULTURAL = "cultural"
    SITE_VISIT = "site_visit"
    SIGNING = "signing"
    PRESS = "press"


class Session(GuidMixin, TimestampMixin, Base):
    __tablename__ = "session"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forum.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SessionKind] = mapped_column(enum_column(SessionKind))
    title: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    description: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("room.id", ondelete="RESTRICT"), index=True
    )
    track: Mapped[str | None] = mapped_column(String(80))
    language: Mapped[str | None] = mapped_column(String(8))  # spoken language, ISO 639-1
    interpretation: Mapped[list[str]] = mapped_column(CodeList, default=list)  # languages offered
    expected_attendance: Mapped[int | None] = mapped_column(Integer)
    # Times the organiser has not confirmed yet (the demo marks times articles do not give).
    time_provisional: Mapped[bool] = mapped_column(default=False)
    # Bumped on every change that matters to a calendar (RFC 5545 SEQUENCE).
    sequence: Mapped[int] = mapped_column(Integer, default=0)

    forum: Mapped[Forum] = relationship(back_populates="sessions")
    room: Mapped[Room | None] = relationship()
    roles: Mapped[list[SessionRole]] = relationship(
        back_populates="session", order_by="SessionRole.position", cascade="all, delete-orphan"
    )

    def display_title(self, languages=DEFAULT_FALLBACK) -> str:
        return pick_language(self.title, languages)

    def __repr__(self) -> str:
        return f"<Session {self.id} {self.kind} {self.starts_at:%Y-%m-%d %H:%M}Z>"


class SessionRoleKind(enum.StrEnum):
    KEYNOTE = "keynote"
    SPEAKER = "speaker"
    MODERATOR = "moderator"  # moderator or chair (좌장)
    PANELLIST = "panellist"
    DISCUSSANT = "discussant"
    OPENING_REMARKS = "opening_remarks"
    WELCOME_REMARKS = "welcome_remarks"
    CONGRATULATORY_REMARKS = "congratulatory_remarks"
    PERFORMER = "performer"


class SessionRole(Base):
    __tablename__ = "session_role"
    __table_args__ = (UniqueConstraint("session_id", "person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("session.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    role: Mapped[SessionRoleKind] = mapped_column(enum_column(SessionRoleKind))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # What this person speaks about in this session, if it differs from the session title.
    topic: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    notes: Mapped[str | None] = mapped_column(Text)

    session: Mapped[Session] = relationship(back_populates="roles")
    person: Mapped[Person] = relationship()
