"""Published releases of a forum's programme: a frozen snapshot and what changed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forumapp.accounts.models import User
from forumapp.core.models import Base, UTCDateTime, json_type, utcnow
from forumapp.programme.models import Forum


class Release(Base):
    __tablename__ = "programme_release"
    __table_args__ = (UniqueConstraint("forum_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forum.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, 3... per forum
    name: Mapped[str] = mapped_column(String(120))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    # forumapp.programme.rules.programme.Programme.to_snapshot(); never edited after publication.
    snapshot: Mapped[dict[str, Any]] = mapped_column(json_type())
    # forumapp.programme.rules.changelog.Changelog.to_dict() against the previous release.
    changelog: Mapped[dict[str, Any]] = mapped_column(json_type())

    forum: Mapped[Forum] = relationship()
    published_by: Mapped[User | None] = relationship()
