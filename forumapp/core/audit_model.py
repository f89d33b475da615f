"""Who changed what and when: forums, sessions, visits and agreements."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from forumapp.core.models import Base, UTCDateTime, json_type, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Kept as text too: the log must still say who it was after the account is gone.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    user_email: Mapped[str | None] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(16))  # create, update, delete
    entity: Mapped[str] = mapped_column(String(32))  # forum, session, visit, agreement
    entity_id: Mapped[int] = mapped_column(Integer)
    label: Mapped[str | None] = mapped_column(String(255))
    # Changed fields: {"starts_at": ["2026-10-14T01:00:00+00:00", "2026-10-14T01:30:00+00:00"]}
    changes: Mapped[dict[str, Any]] = mapped_column(json_type(), default=dict)
