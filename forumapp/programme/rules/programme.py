"""A forum's programme as plain data: what a release freezes and what every reader gets.

Public pages, calendars, schedule.json/xml and PDFs all read a ``Programme``: the
organiser's draft builds one from the live tables, a published release stores one
as JSON. Attendees therefore see exactly what was published, never a half-edited
draft, and every export of one release says the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time
from functools import cached_property
from typing import Any

from forumapp.core.localized import DEFAULT_FALLBACK, fallback_order, person_name, pick_language

Localized = Mapping[str, str]
SNAPSHOT_FORMAT = "forumapp.programme/1"


@dataclass(frozen=True)
class VenueInfo:
    name: Localized
    address: Localized = field(default_factory=dict)
    city: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class OrganiserInfo:
    name: Localized
    role: str
    country: str | None = None


@dataclass(frozen=True)
class DayInfo:
    day: date
    label: Localized = field(default_factory=dict)
    opens_at: time | None = None
    closes_at: time | None = None


@dataclass(frozen=True)
class RoomInfo:
    key: str  # stable: the room's guid
    name: Localized
    capacity: int | None = None
    position: int = 0


@dataclass(frozen=True)
class PersonInfo:
    key: str  # stable: the person's guid
    name_hangul: str | None = None
    name_latin: str | None = None
    name_native: str | None = None
    title: Localized = field(default_factory=dict)
    organisation: Localized = field(default_factory=dict)
    bio: Localized = field(default_factory=dict)
    languages: tuple[str, ...] = ()

    def display_name(self, lang: str = "ko") -> str:
        return person_name(lang, self.name_hangul, self.name_latin, self.name_native)


@dataclass(frozen=True)
class SpeakerRole:
    person_key: str
    role: str  # SessionRoleKind value: keynote, moderator, panellist, ...
    position: int = 0
    topic: Localized = field(default_factory=dict)


@dataclass(frozen=True)
class ProgrammeSession:
    key: str  # stable across releases and exports: the session's guid
    kind: str
    title: Localized
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    description: Localized = field(default_factory=dict)
    room_key: str | None = None
    track: str | None = None
    language: str | None = None
    interpretation: tuple[str, ...] = ()
    time_provisional: bool = False
    sequence: int = 0
    updated_at: datetime | None = None
    speakers: tuple[SpeakerRole, ...] = ()

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass(frozen=True)
class ReleaseInfo:
    number: int
    name: str
    published_at: datetime


@dataclass(frozen=True)
class Programme:
    slug: str
    title: Localized
    timezone: str
    start_date: date
    end_date: date
    motto: Localized = field(default_factory=dict)
    description: Localized = field(default_factory=dict)
    language_fallback: tuple[str, ...] = DEFAULT_FALLBACK
    expected_attendance: int | None = None
    venue: VenueInfo | None = None
    organisers: tuple[OrganiserInfo, ...] = ()
    days: tuple[DayInfo, ...] = ()
    rooms: tuple[RoomInfo, ...] = ()
    people: tuple[PersonInfo, ...] = ()
    sessions: tuple[ProgrammeSession, ...] = ()
    release: ReleaseInfo | None = None

    # -- reading helpers -------------------------------------------------
    def text(self, value: Localized | None, lang: str | None = None) -> str:
        return pick_language(value, fallback_order(lang, self.language_fallback))

    def room(self, key: str | None) -> RoomInfo | None:
        return self._rooms_by_key.get(key) if key else None

    def person(self, key: str) -> PersonInfo | None:
        return self._people_by_key.get(key)

    # cached_property writes to the instance __dict__, which a frozen dataclass allows.
    @cached_property
    def _rooms_by_key(self) -> dict[str, RoomInfo]:
        return {r.key: r for r in self.rooms}

    @cached_property
    def _people_by_key(self) -> dict[str, PersonInfo]:
        return {p.key: p for p in self.people}

    # -- snapshot (JSON) --------------------------------------------------
    def to_snapshot(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("release")
        return {"format": SNAPSHOT_FORMAT, "programme": _jsonable(data)}

    @classmethod
    def from_snapshot(cls, snapshot: Mapping[str, Any], release: ReleaseInfo | None = None):
        if snapshot.get("format") != SNAPSHOT_FORMAT:
            raise ValueError(f"not a programme snapshot: {snapshot.get('format')!r}")
        d = snapshot["programme"]
        return cls(
            slug=d["slug"],
            title=d["title"],
            timezone=d["timezone"],
            start_date=date.fromisoformat(d["start_date"]),
            end_date=date.fromisoformat(d["end_date"]),
            motto=d.get("motto") or {},
            description=d.get("description") or {},
            language_fallback=tuple(d.get("language_fallback") or DEFAULT_FALLBACK),
            expected_attendance=d.get("expected_attendance"),
            venue=VenueInfo(**d["venue"]) if d.get("venue") else None,
            organisers=tuple(OrganiserInfo(**o) for o in d.get("organisers", ())),
            days=tuple(
                DayInfo(
                    day=date.fromisoformat(x["day"]),
                    label=x.get("label") or {},
                    opens_at=_time_or_none(x.get("opens_at")),
                    closes_at=_time_or_none(x.get("closes_at")),
                )
                for x in d.get("days", ())
            ),
            rooms=tuple(RoomInfo(**r) for r in d.get("rooms", ())),
            people=tuple(
                PersonInfo(**{**p, "languages": tuple(p.get("languages", ()))})
                for p in d.get("people", ())
            ),
            sessions=tuple(_session_from_dict(s) for s in d.get("sessions", ())),
            release=release,
        )


def _session_from_dict(s: Mapping[str, Any]) -> ProgrammeSession:
    return ProgrammeSession(
        key=s["key"],
        kind=s["kind"],
        title=s["title"],
        starts_at=_utc(s["starts_at"]),
        ends_at=_utc(s["ends_at"]),
        description=s.get("description") or {},
        room_key=s.get("room_key"),
        track=s.get("track"),
        language=s.get("language"),
        interpretation=tuple(s.get("interpretation") or ()),
        time_provisional=bool(s.get("time_provisional")),
        sequence=int(s.get("sequence") or 0),
        updated_at=_utc(s["updated_at"]) if s.get("updated_at") else None,
        speakers=tuple(SpeakerRole(**r) for r in s.get("speakers", ())),
    )


def _utc(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _time_or_none(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


def sessions_by_local_day(programme: Programme, zone) -> list[tuple[date, list[ProgrammeSession]]]:
    """Sessions grouped by their local start date, each day in time order."""
    days: dict[date, list[ProgrammeSession]] = {}
    for session in sorted(programme.sessions, key=lambda s: (s.starts_at, s.key)):
        days.setdefault(session.starts_at.astimezone(zone).date(), []).append(session)
    return sorted(days.items())


def speakers_of(programme: Programme, sessions: Sequence[ProgrammeSession]) -> list[PersonInfo]:
    """Everyone who speaks in ``sessions``, once each, in order of first appearance."""
    seen: dict[str, PersonInfo] = {}
    for session in sessions:
        for role in session.speakers:
            person = programme.person(role.person_key)
            if person and person.key not in seen:
                seen[person.key] = person
    return list(seen.values())
