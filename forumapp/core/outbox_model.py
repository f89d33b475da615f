"""The outbox table: mail written in the same transaction as the change it reports.

A row holds the finished message (headers, body, attachments) as bytes, so a retry
sends exactly what was built, Message-ID included. The deliverer claims a row by
moving it from ``pending`` to ``sending`` with a lease; a process that dies while
sending leaves a lease that runs out, and the row is taken again (at-least-once).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from forumapp.core.models import Base, TimestampMixin, UTCDateTime, enum_column, utcnow


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for its first try or its next retry
    SENDING = "sending"  # claimed by a deliverer until lease_until
    SENT = "sent"
    FAILED = "failed"  # gave up after OUTBOX_MAX_ATTEMPTS; an organiser may resend it


class OutboxMessage(TimestampMixin, Base):
    __tablename__ = "outbox_message"
    __table_args__ = (
        # The deliverer's question: what is due now?
        Index("ix_outbox_message_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    sender: Mapped[str] = mapped_column(String(320))
    # Comma-separated, as in the To header (addresses hold no commas once cleaned).
    recipients: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(String(500))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    # What the mail is about, for the organisers' outbox page ("b2b-agenda", ...).
    topic: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column(OutboxStatus), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def recipient_list(self) -> list[str]:
        return [a for a in self.recipients.split(", ") if a]
