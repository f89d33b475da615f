"""Delegation visits: who comes, who receives them, and the plan hour by hour."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forumapp.core.localized import DEFAULT_FALLBACK, pick_language
from forumapp.core.models import (
    Base,
    CodeList,
    LocalizedText,
    TimestampMixin,
    UTCDateTime,
    enum_column,
)
from forumapp.people.models import Organisation, Person


class VisitStatus(enum.StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class DelegationVisit(TimestampMixin, Base):
    __tablename__ = "delegation_visit"
    __table_args__ = (CheckConstraint("departs_at >= arrives_at", name="departs_after_arrival"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    # The visiting side
    visiting_country: Mapped[str] = mapped_column(String(2))
    visiting_region: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    visiting_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    head_of_delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    # The receiving side
    host_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    purpose: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    topics: Mapped[list[str]] = mapped_column(CodeList, default=list)
    arrives_at: Mapped[datetime] = mapped_column(UTCDateTime)
    departs_at: Mapped[datetime] = mapped_column(UTCDateTime)
    timezone: Mapped[str] = mapped_column(String(64))  # where the visit takes place
    status: Mapped[VisitStatus] = mapped_column(
        enum_column(VisitStatus), default=VisitStatus.PLANNED
    )
    # The public summary page exists only when the organiser says so.
    is_public: Mapped[bool] = mapped_column(default=False)

    visiting_organisation: Mapped[Organisation | None] = relationship(
        foreign_keys=[visiting_organisation_id]
    )
    host_organisation: Mapped[Organisation | None] = relationship(
        foreign_keys=[host_organisation_id]
    )
    head_of_delegation: Mapped[Person | None] = relationship()
    members: Mapped[list[VisitMember]] = relationship(
        back_populates="visit", order_by="VisitMember.protocol_order", cascade="all, delete-orphan"
    )
    hosts: Mapped[list[VisitHost]] = relationship(
        back_populates="visit", order_by="VisitHost.protocol_order", cascade="all, delete-orphan"
    )
    itinerary: Mapped[list[ItineraryItem]] = relationship(
        back_populates="visit", order_by="ItineraryItem.starts_at", cascade="all, delete-orphan"
    )
    press_contacts: Mapped[list[PressContact]] = relationship(
        back_populates="visit", cascade="all, delete-orphan"
    )

    def display_title(self, languages=DEFAULT_FALLBACK) -> str:
        return pick_language(self.title, languages)

    def __repr__(self) -> str:
        return f"<DelegationVisit {self.slug}>"


class VisitMember(Base):
    """A member of the visiting delegation, in protocol order (1 = head)."""

    __tablename__ = "visit_member"
    __table_args__ = (UniqueConstraint("visit_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("delegation_visit.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    role: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    protocol_order: Mapped[int] = mapped_column(Integer, default=0)

    visit: Mapped[DelegationVisit] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()


class VisitHost(Base):
    """An official of the receiving side, in protocol order."""

    __tablename__ = "visit_host"
    __table_args__ = (UniqueConstraint("visit_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("delegation_visit.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    role: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    protocol_order: Mapped[int] = mapped_column(Integer, default=0)

    visit: Mapped[DelegationVisit] = relationship(back_populates="hosts")
    person: Mapped[Person] = relationship()


class ItineraryKind(enum.StrEnum):
    ARRIVAL = "arrival"
    COURTESY_CALL = "courtesy_call"
    MEETING = "meeting"
    SITE_VISIT = "site_visit"
    MEAL = "meal"
    TRANSFER = "transfer"
    SIGNING = "signing"
    PRESS = "press"
    CULTURAL = "cultural"
    DEPARTURE = "departure"
    OTHER = "other"


class ItineraryItem(Base):
    __tablename__ = "itinerary_item"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("delegation_visit.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ItineraryKind] = mapped_column(enum_column(ItineraryKind))
    title: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    description: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    time_provisional: Mapped[bool] = mapped_column(default=False)
    sequence: Mapped[int] = mapped_column(Integer, default=0)

    visit: Mapped[DelegationVisit] = relationship(back_populates="itinerary")
    participants: Mapped[list[ItineraryParticipant]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )

    def display_title(self, languages=DEFAULT_FALLBACK) -> str:
        return pick_language(self.title, languages)


class ItineraryParticipant(Base):
    """Who takes part in an itinerary item (for clash checks across visits and forums)."""

    __tablename__ = "itinerary_participant"
    __table_args__ = (UniqueConstraint("item_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("itinerary_item.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)

    item: Mapped[ItineraryItem] = relationship(back_populates="participants")
    person: Mapped[Person] = relationship()


class PressContact(Base):
    """The contact line of a press release: department, officer, phone."""

    __tablename__ = "press_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(
        ForeignKey("delegation_visit.id", ondelete="CASCADE"), index=True
    )
    department: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    officer: Mapped[str] = mapped_column(String(120))
    position: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    phone: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(255))
    notes: Mapped[str | None] = mapped_column(Text)

    visit: Mapped[DelegationVisit] = relationship(back_populates="press_contacts")
