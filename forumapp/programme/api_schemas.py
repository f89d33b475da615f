"""The public endpoints' schemas (published in the OpenAPI document) and the JSON of a release."""

from __future__ import annotations

from typing import Any

from forumapp.api.blueprint import spec
from forumapp.core.timezones import get_zone
from forumapp.core.web.api_spec import nullable, ref
from forumapp.programme.models import SessionKind
from forumapp.programme.rules.programme import PersonInfo, Programme, ProgrammeSession

TAG = "Programme (public)"
LOCALIZED = ref("Localized")
TEXT = {"type": "string"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
HHMM = {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"}

RELEASE = spec.schema(
    "Release",
    {
        "type": "object",
        "required": ["number", "name", "published_at"],
        "properties": {
            "number": {"type": "integer", "minimum": 1},
            "name": TEXT,
            "published_at": DATETIME,
        },
    },
)
FORUM = spec.schema(
    "Forum",
    {
        "type": "object",
        "required": ["slug", "title", "timezone", "start_date", "end_date", "release"],
        "properties": {
            "slug": TEXT,
            "title": LOCALIZED,
            "motto": LOCALIZED,
            "description": LOCALIZED,
            "timezone": {"type": "string", "description": "IANA time zone of the forum"},
            "start_date": DATE,
            "end_date": DATE,
            "language_fallback": {"type": "array", "items": TEXT},
            "expected_attendance": nullable({"type": "integer"}),
            "venue": nullable(
                {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": LOCALIZED,
                        "address": LOCALIZED,
                        "city": nullable(TEXT),
                        "country": nullable(TEXT),
                    },
                }
            ),
            "organisers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "role"],
                    "properties": {"name": LOCALIZED, "role": TEXT, "country": nullable(TEXT)},
                },
            },
            "release": RELEASE,
        },
    },
)
DAY = spec.schema(
    "Day",
    {
        "type": "object",
        "required": ["day", "label", "opens_at", "closes_at"],
        "properties": {
            "day": DATE,
            "label": LOCALIZED,
            "opens_at": nullable(HHMM),
            "closes_at": nullable(HHMM),
        },
    },
)
ROOM = spec.schema(
    "Room",
    {
        "type": "object",
        "required": ["key", "name", "position"],
        "properties": {
            "key": TEXT,
            "name": LOCALIZED,
            "capacity": nullable({"type": "integer"}),
            "position": {"type": "integer"},
        },
    },
)
SESSION = spec.schema(
    "Session",
    {
        "type": "object",
        "required": ["key", "kind", "title", "starts_at", "ends_at", "local_day", "speakers"],
        "properties": {
            "key": {"type": "string", "description": "Stable across releases (guid)."},
            "kind": {"type": "string", "enum": [k.value for k in SessionKind]},
            "title": LOCALIZED,
            "description": LOCALIZED,
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "local_day": DATE,
            "local_start": HHMM,
            "local_end": HHMM,
            "duration_minutes": {"type": "integer"},
            "room": nullable(
                {
                    "type": "object",
                    "required": ["key", "name"],
                    "properties": {"key": TEXT, "name": LOCALIZED},
                }
            ),
            "track": nullable(TEXT),
            "language": nullable(TEXT),
            "interpretation": {"type": "array", "items": TEXT},
            "time_provisional": {"type": "boolean"},
            "sequence": {"type": "integer"},
            "speakers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["person_key", "name", "role"],
                    "properties": {
                        "person_key": TEXT,
                        "name": TEXT,
                        "role": TEXT,
                        "position": {"type": "integer"},
                        "topic": LOCALIZED,
                    },
                },
            },
        },
    },
)
SPEAKER = spec.schema(
    "Speaker",
    {
        "type": "object",
        "required": ["key", "name", "sessions"],
        "properties": {
            "key": TEXT,
            "name": TEXT,
            "name_hangul": nullable(TEXT),
            "name_latin": nullable(TEXT),
            "name_native": nullable(TEXT),
            "title": LOCALIZED,
            "organisation": LOCALIZED,
            "bio": LOCALIZED,
            "languages": {"type": "array", "items": TEXT},
            "sessions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["key", "role"],
                    "properties": {"key": TEXT, "role": TEXT},
                },
            },
        },
    },
)
PROGRAMME = spec.schema(
    "Programme",
    {
        "type": "object",
        "required": ["forum", "days", "rooms", "sessions", "speakers"],
        "properties": {
            "forum": FORUM,
            "days": {"type": "array", "items": DAY},
            "rooms": {"type": "array", "items": ROOM},
            "sessions": {"type": "array", "items": SESSION},
            "speakers": {"type": "array", "items": SPEAKER},
        },
    },
)
DAY_FILTER = {
    "name": "day",
    "in": "query",
    "required": False,
    "description": "Only sessions starting on this local date (the forum's time zone).",
    "schema": {"type": "string", "format": "date"},
}


# -- JSON of a release ------------------------------------------------------------------


def forum_json(p: Programme) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "title": dict(p.title),
        "motto": dict(p.motto),
        "description": dict(p.description),
        "timezone": p.timezone,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "language_fallback": list(p.language_fallback),
        "expected_attendance": p.expected_attendance,
        "venue": {
            "name": dict(p.venue.name),
            "address": dict(p.venue.address),
            "city": p.venue.city,
            "country": p.venue.country,
        }
        if p.venue
        else None,
        "organisers": [
            {"name": dict(o.name), "role": o.role, "country": o.country} for o in p.organisers
        ],
        "release": {
            "number": p.release.number,
            "name": p.release.name,
            "published_at": p.release.published_at,
        }
        if p.release
        else None,
    }


def day_json(day) -> dict[str, Any]:
    return {
        "day": day.day,
        "label": dict(day.label),
        "opens_at": day.opens_at,
        "closes_at": day.closes_at,
    }


def room_json(room) -> dict[str, Any]:
    return {
        "key": room.key,
        "name": dict(room.name),
        "capacity": room.capacity,
        "position": room.position,
    }


def session_json(p: Programme, s: ProgrammeSession) -> dict[str, Any]:
    zone = get_zone(p.timezone)
    start, end = s.starts_at.astimezone(zone), s.ends_at.astimezone(zone)
    room = p.room(s.room_key)
    speakers = []
    for role in s.speakers:
        person = p.person(role.person_key)
        speakers.append(
            {
                "person_key": role.person_key,
                "name": person.display_name("en") if person else "",
                "role": role.role,
                "position": role.position,
                "topic": dict(role.topic),
            }
        )
    return {
        "key": s.key,
        "kind": s.kind,
        "title": dict(s.title),
        "description": dict(s.description),
        "starts_at": s.starts_at,
        "ends_at": s.ends_at,
        "local_day": start.date(),
        "local_start": start.time(),
        "local_end": end.time(),
        "duration_minutes": s.duration_minutes,
        "room": {"key": room.key, "name": dict(room.name)} if room else None,
        "track": s.track,
        "language": s.language,
        "interpretation": list(s.interpretation),
        "time_provisional": s.time_provisional,
        "sequence": s.sequence,
        "speakers": speakers,
    }


def speaker_json(p: Programme, person: PersonInfo) -> dict[str, Any]:
    return {
        "key": person.key,
        "name": person.display_name("en"),
        "name_hangul": person.name_hangul,
        "name_latin": person.name_latin,
        "name_native": person.name_native,
        "title": dict(person.title),
        "organisation": dict(person.organisation),
        "bio": dict(person.bio),
        "languages": list(person.languages),
        "sessions": [
            {"key": s.key, "role": r.role}
            for s in p.sessions
            for r in s.speakers
            if r.person_key == person.key
        ],
    }


def speakers_in_order(p: Programme) -> list[PersonInfo]:
    return sorted(p.people, key=lambda person: (person.display_name("en").casefold(), person.key))
