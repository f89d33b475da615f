"""Agreements signed (or to be signed) and the follow-up actions they promise."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forumapp.core.localized import DEFAULT_FALLBACK, pick_language
from forumapp.core.models import Base, LocalizedText, TimestampMixin, enum_column
from forumapp.people.models import Organisation, Person
from forumapp.programme.models import Forum
from forumapp.visits.models import DelegationVisit


class AgreementKind(enum.StrEnum):
    MOU = "mou"
    LOI = "loi"  # letter of intent (교류의향서)
    AGREEMENT = "agreement"


class AgreementStatus(enum.StrEnum):
    PLANNED = "planned"
    SIGNED = "signed"
    EXPIRED = "expired"


class Agreement(TimestampMixin, Base):
    __tablename__ = "agreement"
    __table_args__ = (
        CheckConstraint("status != 'signed' OR signed_on IS NOT NULL", name="signed_has_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AgreementKind] = mapped_column(enum_column(AgreementKind))
    title: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    summary: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    status: Mapped[AgreementStatus] = mapped_column(
        enum_column(AgreementStatus), default=AgreementStatus.PLANNED
    )
    signed_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegation_visit.id", ondelete="SET NULL"), index=True
    )
    forum_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum.id", ondelete="SET NULL"), index=True
    )

    visit: Mapped[DelegationVisit | None] = relationship()
    forum: Mapped[Forum | None] = relationship()
    parties: Mapped[list[AgreementParty]] = relationship(
        back_populates="agreement", order_by="AgreementParty.position", cascade="all, delete-orphan"
    )
    follow_ups: Mapped[list[FollowUpAction]] = relationship(back_populates="agreement")

    def display_title(self, languages=DEFAULT_FALLBACK) -> str:
        return pick_language(self.title, languages)


class AgreementParty(Base):
    __tablename__ = "agreement_party"
    __table_args__ = (UniqueConstraint("agreement_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    signatory_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    agreement: Mapped[Agreement] = relationship(back_populates="parties")
    organisation: Mapped[Organisation] = relationship()
    signatory: Mapped[Person | None] = relationship()


class FollowUpStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class FollowUpAction(TimestampMixin, Base):
    """A promise made at a meeting, tracked until someone keeps it.

    "Both sides designate a contact person" becomes a row with an owner on each
    side and a due date, instead of a sentence in a press release.
    """

    __tablename__ = "follow_up_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    details: Mapped[str | None] = mapped_column(Text)
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegation_visit.id", ondelete="CASCADE"), index=True
    )
    forum_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum.id", ondelete="CASCADE"), index=True
    )
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement.id", ondelete="SET NULL"), index=True
    )
    # An owner on each side: ours (host) and theirs (partner).
    host_owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    partner_owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    host_owner_note: Mapped[str | None] = mapped_column(String(200))
    partner_owner_note: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[FollowUpStatus] = mapped_column(
        enum_column(FollowUpStatus), default=FollowUpStatus.OPEN
    )
    done_on: Mapped[date | None] = mapped_column(Date)

    visit: Mapped[DelegationVisit | None] = relationship()
    forum: Mapped[Forum | None] = relationship()
    agreement: Mapped[Agreement | None] = relationship(back_populates="follow_ups")
    host_owner: Mapped[Person | None] = relationship(foreign_keys=[host_owner_id])
    partner_owner: Mapped[Person | None] = relationship(foreign_keys=[partner_owner_id])

    def display_title(self, languages=DEFAULT_FALLBACK) -> str:
        return pick_language(self.title, languages)

    def is_overdue(self, today: date) -> bool:
        return (
            self.status in (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS)
            and self.due_on is not None
            and self.due_on < today
        )
