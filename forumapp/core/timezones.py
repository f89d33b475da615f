"""IANA time zones loaded from the ``tzdata`` package, never from the system.

``zoneinfo.ZoneInfo(name)`` searches ``/usr/share/zoneinfo`` (and friends) before
falling back to ``tzdata``. A server image with an old system database then
silently computes wrong local times: Asia/Almaty moved from UTC+6 to UTC+5 on
2024-03-01, and a stale host would put every Almaty session an hour off. We pin
``tzdata`` in pyproject.toml and read zones from its package resources so the
version we ship is the version we use.

Zones built with ``ZoneInfo.from_file`` bypass ``ZoneInfo``'s own cache, hence
the ``functools.cache`` here; they also cannot be pickled, so store zone *names*
(strings) in sessions, caches and task queues, and call ``get_zone`` again.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

import tzdata

__all__ = ["UnknownTimeZone", "all_zone_names", "get_zone", "is_valid_zone", "tzdata_version"]


class UnknownTimeZone(ValueError):
    """The name is not an IANA zone known to the bundled ``tzdata``."""

    def __init__(self, name: object) -> None:
        super().__init__(f"unknown time zone: {name!r}")
        self.name = name


@cache
def all_zone_names() -> frozenset[str]:
    """Every zone (and backward-compatible link, e.g. ``US/Eastern``) in ``tzdata``."""
    # The ``zones`` manifest is the authority: checking names against it rather
    # than probing the file system rejects path tricks ("../", absolute paths)
    # and case variants that a case-insensitive file system would accept.
    text = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def tzdata_version() -> str:
    """The IANA release of the bundled database, e.g. ``"2026a"``."""

    return tzdata.IANA_VERSION


def is_valid_zone(name: object) -> bool:
    """True when ``name`` is a string naming a zone in the bundled ``tzdata``."""
    return isinstance(name, str) and name in all_zone_names()


@cache
def _load(name: str) -> ZoneInfo:
    resource = resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with resource.open("rb") as handle:
        return ZoneInfo.from_file(handle, key=name)


def get_zone(name: str) -> ZoneInfo:
    """The ``ZoneInfo`` for ``name`` read from ``tzdata``; one shared instance per name.

    Raises ``UnknownTimeZone`` (a ``ValueError``) for anything that is not a
    zone name, so form validation can catch it as an ordinary value error.
    """
    if not is_valid_zone(name):
        raise UnknownTimeZone(name)
    return _load(name)
