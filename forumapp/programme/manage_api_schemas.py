"""The organiser endpoints' schemas (published in the OpenAPI document), JSON renderings, and
request bodies turned into the services' data classes."""

from __future__ import annotations

from typing import Any

from forumapp.api.blueprint import spec
from forumapp.core.localized import CONTENT_LANGUAGES
from forumapp.core.timezones import get_zone
from forumapp.core.web.api_http import (
    bad_request,
    body_date,
    body_time,
)
from forumapp.core.web.api_spec import MAX_ID, nullable, ref
from forumapp.programme import forums, sessions
from forumapp.programme.models import Forum, ForumStatus, Session, SessionKind

TAG = "Management (organiser)"
TEXT = {"type": "string"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
HHMM = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "examples": ["09:30"]}
LOCALIZED_INPUT = spec.schema(
    "LocalizedInput",
    {
        "type": "object",
        "description": "Text per language; an empty string removes that language.",
        "additionalProperties": False,
        "properties": {code: {"type": "string", "maxLength": 4000} for code in CONTENT_LANGUAGES},
    },
)
CODE_LIST = {
    "type": "array",
    "maxItems": 10,
    "items": {"type": "string", "pattern": "^[A-Za-z]{2,3}$"},
}
COUNT = nullable({"type": "integer", "minimum": 0, "maximum": 10_000_000})
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}

MANAGED_FORUM = spec.schema(
    "ManagedForum",
    {
        "type": "object",
        "required": ["id", "slug", "title", "timezone", "start_date", "end_date", "status"],
        "properties": {
            "id": {"type": "integer"},
            "slug": TEXT,
            "title": ref("Localized"),
            "motto": ref("Localized"),
            "description": ref("Localized"),
            "timezone": TEXT,
            "start_date": DATE,
            "end_date": DATE,
            "venue_id": nullable({"type": "integer"}),
            "expected_attendance": nullable({"type": "integer"}),
            "language_fallback": {"type": "array", "items": TEXT},
            "status": {"type": "string", "enum": [s.value for s in ForumStatus]},
            "updated_at": DATETIME,
        },
    },
)
FORUM_INPUT = spec.schema(
    "ForumInput",
    {
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "title", "timezone", "start_date", "end_date"],
        "properties": {
            "slug": {
                "type": "string",
                "maxLength": 80,
                "description": "Lower-case letters, digits and single hyphens.",
                "examples": ["jeonbuk-kazakhstan-2026"],
            },
            "title": LOCALIZED_INPUT,
            "motto": LOCALIZED_INPUT,
            "description": LOCALIZED_INPUT,
            "timezone": {"type": "string", "maxLength": 64, "examples": ["Asia/Seoul"]},
            "start_date": {**DATE, "examples": ["2026-10-14"]},
            "end_date": {**DATE, "examples": ["2026-10-15"]},
            "venue_id": nullable(ID),
            "expected_attendance": COUNT,
            "language_fallback": CODE_LIST,
        },
    },
)
MANAGED_SESSION = spec.schema(
    "ManagedSession",
    {
        "type": "object",
        "required": ["id", "key", "forum_id", "kind", "title", "day", "starts", "ends"],
        "properties": {
            "id": {"type": "integer"},
            "key": {"type": "string", "description": "Stable guid, as in the public API."},
            "forum_id": {"type": "integer"},
            "kind": {"type": "string", "enum": [k.value for k in SessionKind]},
            "title": ref("Localized"),
            "description": ref("Localized"),
            "day": DATE,
            "starts": HHMM,
            "ends": HHMM,
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "room_id": nullable({"type": "integer"}),
            "track": nullable(TEXT),
            "language": nullable(TEXT),
            "interpretation": {"type": "array", "items": TEXT},
            "expected_attendance": nullable({"type": "integer"}),
            "time_provisional": {"type": "boolean"},
            "sequence": {"type": "integer"},
        },
    },
)
SESSION_INPUT = spec.schema(
    "SessionInput",
    {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind", "title", "day", "starts", "ends"],
        "properties": {
            "kind": {"type": "string", "enum": [k.value for k in SessionKind]},
            "title": LOCALIZED_INPUT,
            "description": LOCALIZED_INPUT,
            "day": {**DATE, "description": "Local date in the forum's time zone."},
            "starts": {**HHMM, "description": "Local start time (HH:MM)."},
            "ends": {**HHMM, "description": "Local end time (HH:MM), after the start."},
            "room_id": nullable(ID),
            "track": nullable({"type": "string", "maxLength": 80}),
            "language": nullable({"type": "string", "maxLength": 8}),
            "interpretation": CODE_LIST,
            "expected_attendance": COUNT,
            "time_provisional": {"type": "boolean"},
        },
    },
)
RELEASE_INPUT = spec.schema(
    "ReleaseInput",
    {
        "type": "object",
        "additionalProperties": False,
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "maxLength": 120, "examples": ["Final programme"]}
        },
    },
)


def forum_json(forum: Forum) -> dict[str, Any]:
    return {
        "id": forum.id,
        **forums.forum_form_data(forum),  # the fields the form edits, in the same order
        "language_fallback": list(forum.language_fallback),
        "status": forum.status.value,
        "updated_at": forum.updated_at,
    }


def session_json(session: Session, zone_name: str) -> dict[str, Any]:
    zone = get_zone(zone_name)
    start, end = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    return {
        "id": session.id,
        "key": session.guid,
        "forum_id": session.forum_id,
        "kind": session.kind.value,
        "title": dict(session.title),
        "description": dict(session.description),
        "day": start.date(),
        "starts": start.time(),
        "ends": end.time(),
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "room_id": session.room_id,
        "track": session.track,
        "language": session.language,
        "interpretation": list(session.interpretation),
        "expected_attendance": session.expected_attendance,
        "time_provisional": session.time_provisional,
        "sequence": session.sequence,
    }


def _count(value: Any) -> int | None:
    return None if value is None else int(value)


def forum_data(body: dict[str, Any]) -> forums.ForumData:
    errors: dict[str, list[str]] = {}
    start, end = body_date(body, "start_date", errors), body_date(body, "end_date", errors)
    if errors:
        raise bad_request(errors)
    return forums.ForumData(
        slug=body["slug"],
        title=body["title"],
        timezone=body["timezone"],
        start_date=start,
        end_date=end,
        motto=body.get("motto"),
        description=body.get("description"),
        venue_id=_count(body.get("venue_id")),
        expected_attendance=_count(body.get("expected_attendance")),
        language_fallback=body.get("language_fallback"),
    )


def session_data(body: dict[str, Any]) -> sessions.SessionData:
    errors: dict[str, list[str]] = {}
    day = body_date(body, "day", errors)
    starts, ends = body_time(body, "starts", errors), body_time(body, "ends", errors)
    if errors:
        raise bad_request(errors)
    return sessions.SessionData(
        kind=body["kind"],
        title=body["title"],
        day=day,
        starts=starts,
        ends=ends,
        description=body.get("description"),
        room_id=_count(body.get("room_id")),
        track=body.get("track"),
        language=body.get("language"),
        interpretation=body.get("interpretation"),
        expected_attendance=_count(body.get("expected_attendance")),
        time_provisional=bool(body.get("time_provisional", False)),
    )
