"""Small helpers for writing demo and fixture data by hand."""

from __future__ import annotations

from datetime import UTC, datetime

from forumapp.core.timezones import get_zone


def at(zone: str, local: str) -> datetime:
    """'2023-12-05 17:00' on the wall clock of ``zone``, as an aware UTC datetime."""
    naive = datetime.strptime(local, "%Y-%m-%d %H:%M")
    return naive.replace(tzinfo=get_zone(zone)).astimezone(UTC)
