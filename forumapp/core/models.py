"""Declarative base, naming convention and the column types every area shares."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Enum, MetaData, String, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.mutable import MutableDict, MutableList
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Constraint names must be deterministic so Alembic can drop and alter them on
# every backend (SQLite batch mode needs names too).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes, stored in UTC.

    PostgreSQL keeps ``timestamptz``; SQLite has no time zones and hands back
    naive values, which we re-mark as UTC. Naive input is refused: a naive time
    in this app is always a bug (whose wall clock would it be?).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: attach a time zone before saving")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def json_type():
    """JSON on every backend, JSONB on PostgreSQL (indexable, compact)."""
    return JSON().with_variant(JSONB(), "postgresql")


# Each mutable wrapper needs its own type instance: as_mutable() binds to it.
# Text in several languages: {"ko": "...", "en": "...", "ru": "..."}.
LocalizedText = MutableDict.as_mutable(json_type())
# A list of short codes (languages, sectors, topics).
CodeList = MutableList.as_mutable(json_type())


def enum_column(enum_cls: type[enum.Enum], **kwargs: Any):
    """Store an enum by its value as a short string (readable in SQL, portable)."""
    return Enum(
        enum_cls,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
        **kwargs,
    )


def utcnow() -> datetime:
    return datetime.now(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


def new_guid() -> str:
    return str(uuid.uuid4())


class GuidMixin:
    """A stable public identifier: calendar UIDs, schedule.json guids and releases use it,
    and re-importing a schedule matches on it, so it never changes once given."""

    guid: Mapped[str] = mapped_column(String(36), unique=True, default=new_guid)
