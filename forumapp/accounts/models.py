"""Accounts: organisers and company representatives."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forumapp.core.models import Base, TimestampMixin, UTCDateTime, enum_column
from forumapp.people.models import Organisation


class UserRole(enum.StrEnum):
    ORGANISER = "organiser"
    COMPANY = "company"  # a company representative


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "user_account"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased: one mailbox, one account, whatever the capitals.
    email: Mapped[str] = mapped_column(String(255), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[UserRole] = mapped_column(enum_column(UserRole))
    display_name: Mapped[str | None] = mapped_column(String(120))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    active: Mapped[bool] = mapped_column(default=True)
    preferred_language: Mapped[str | None] = mapped_column(String(8))
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation | None] = relationship(back_populates="users")

    @property
    def is_active(self) -> bool:  # Flask-Login asks this on every request
        return self.active

    @property
    def is_organiser(self) -> bool:
        return self.role == UserRole.ORGANISER

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
