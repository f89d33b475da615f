"""The B2B endpoints' schemas (published in the OpenAPI document) and JSON renderings."""

from __future__ import annotations

from typing import Any

from forumapp.api.blueprint import spec
from forumapp.b2b import limits
from forumapp.b2b import profiles as b2b_profiles
from forumapp.b2b.models import (
    B2BMeeting,
    B2BParticipant,
    MatchmakingMode,
    MatchmakingSession,
    MatchmakingStatus,
    MeetingRequest,
    MeetingStatus,
    RequestPreference,
    RequestStatus,
    Sector,
)
from forumapp.core.web.api_spec import MAX_ID, nullable, ref

TAG = "B2B (company)"
TEXT = {"type": "string"}
DATETIME = {"type": "string", "format": "date-time"}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
SECTORS = [s.value for s in Sector]


def _optional_text(limit: int) -> dict[str, Any]:
    return nullable({"type": "string", "maxLength": limit})


PROFILE = spec.schema(
    "Profile",
    {
        "type": "object",
        "required": ["organisation_id", "name", "country", "languages", "sectors"],
        "properties": {
            "organisation_id": {"type": "integer"},
            "name": TEXT,
            "country": TEXT,
            "languages": {"type": "array", "items": TEXT},
            "sectors": {"type": "array", "items": {"type": "string", "enum": SECTORS}},
            "offers": TEXT,
            "needs": TEXT,
            "products": TEXT,
            "contact_name": nullable(TEXT),
            "contact_email": nullable(TEXT),
            "contact_phone": nullable(TEXT),
        },
    },
)
PROFILE_INPUT = spec.schema(
    "ProfileInput",
    {
        "type": "object",
        "additionalProperties": False,
        "required": ["country", "languages"],
        "properties": {
            "country": {"type": "string", "minLength": 2, "maxLength": 2, "examples": ["KR"]},
            "languages": {
                "type": "array",
                "minItems": 1,
                "maxItems": 10,
                "items": {"type": "string", "maxLength": 8},
                "examples": [["ko", "en"]],
            },
            "sectors": {
                "type": "array",
                "maxItems": len(SECTORS),
                "items": {"type": "string", "enum": SECTORS},
            },
            "offers": {"type": "string", "maxLength": limits.PROFILE_TEXT_MAX},
            "needs": {"type": "string", "maxLength": limits.PROFILE_TEXT_MAX},
            "products": {"type": "string", "maxLength": limits.PROFILE_TEXT_MAX},
            "contact_name": _optional_text(limits.CONTACT_NAME_MAX),
            "contact_email": _optional_text(limits.CONTACT_EMAIL_MAX),
            "contact_phone": _optional_text(limits.CONTACT_PHONE_MAX),
        },
    },
)
MATCHMAKING = spec.schema(
    "Matchmaking",
    {
        "type": "object",
        "required": ["id", "forum_id", "title", "mode", "status", "participant_id"],
        "properties": {
            "id": {"type": "integer"},
            "forum_id": {"type": "integer"},
            "title": ref("Localized"),
            "mode": {"type": "string", "enum": [m.value for m in MatchmakingMode]},
            "status": {"type": "string", "enum": [s.value for s in MatchmakingStatus]},
            "slot_minutes": {"type": "integer"},
            "break_minutes": {"type": "integer"},
            "meeting_cap": nullable({"type": "integer"}),
            "participant_id": {
                **nullable({"type": "integer"}),
                "description": "The caller's company in this session, if it takes part.",
            },
        },
    },
)
PARTICIPANT = spec.schema(
    "Participant",
    {
        "type": "object",
        "required": ["id", "name", "country", "languages", "sectors"],
        "properties": {
            "id": {"type": "integer"},
            "name": TEXT,
            "country": TEXT,
            "languages": {"type": "array", "items": TEXT},
            "sectors": {"type": "array", "items": TEXT},
            "offers": TEXT,
            "needs": TEXT,
            "products": TEXT,
        },
    },
)
MEETING_REQUEST = spec.schema(
    "MeetingRequest",
    {
        "type": "object",
        "required": ["id", "matchmaking_id", "direction", "status", "from", "to"],
        "properties": {
            "id": {"type": "integer"},
            "matchmaking_id": {"type": "integer"},
            "direction": {"type": "string", "enum": ["incoming", "outgoing"]},
            "from": ref("ParticipantRef"),
            "to": ref("ParticipantRef"),
            "message": TEXT,
            "preference": {"type": "string", "enum": [p.value for p in RequestPreference]},
            "status": {"type": "string", "enum": [s.value for s in RequestStatus]},
            "created_at": DATETIME,
            "answered_at": nullable(DATETIME),
        },
    },
)
spec.schema(
    "ParticipantRef",
    {
        "type": "object",
        "required": ["participant_id", "name"],
        "properties": {"participant_id": {"type": "integer"}, "name": TEXT},
    },
)
REQUEST_INPUT = spec.schema(
    "MeetingRequestInput",
    {
        "type": "object",
        "additionalProperties": False,
        "required": ["to_participant_id"],
        "properties": {
            "to_participant_id": ID,
            "message": {"type": "string", "maxLength": limits.REQUEST_MESSAGE_MAX},
            "preference": {
                "type": "string",
                "enum": [p.value for p in RequestPreference],
                "default": "meet",
            },
        },
    },
)
SLOT = {
    "type": "object",
    "required": ["id", "starts_at", "ends_at"],
    "properties": {"id": {"type": "integer"}, "starts_at": DATETIME, "ends_at": DATETIME},
}
FREE_SLOT = spec.schema(
    "FreeSlot",
    {
        "type": "object",
        "required": ["slot", "table_id", "needs_interpreter"],
        "properties": {
            "slot": SLOT,
            "table_id": {"type": "integer"},
            "needs_interpreter": {"type": "boolean"},
        },
    },
)
MEETING = spec.schema(
    "Meeting",
    {
        "type": "object",
        "required": ["id", "matchmaking_id", "status", "slot", "table", "with"],
        "properties": {
            "id": {"type": "integer"},
            "matchmaking_id": {"type": "integer"},
            "status": {"type": "string", "enum": [s.value for s in MeetingStatus]},
            "locked": {"type": "boolean"},
            "slot": SLOT,
            "table": TEXT,
            "interpreter": nullable(TEXT),
            "with": ref("ParticipantRef"),
        },
    },
)
BOOKING_INPUT = spec.schema(
    "BookingInput",
    {
        "type": "object",
        "additionalProperties": False,
        "required": ["participant_id", "slot_id"],
        "properties": {"participant_id": ID, "slot_id": ID},
    },
)
AGENDA = spec.schema(
    "Agenda",
    {
        "type": "object",
        "required": ["participant_id", "visible", "meetings"],
        "properties": {
            "participant_id": {"type": "integer"},
            "visible": {
                "type": "boolean",
                "description": "False until the organiser publishes a request-mode session.",
            },
            "meetings": {"type": "array", "items": MEETING},
        },
    },
)


def query_param(name: str, schema: dict[str, Any], description: str, required: bool = False):
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    }


DIRECTORY_FILTERS = [
    query_param("sector", {"type": "string", "enum": SECTORS}, "Only this sector."),
    query_param("country", {"type": "string", "maxLength": 2}, "Only this country (ISO 3166-1)."),
    query_param("language", {"type": "string", "maxLength": 8}, "Only companies meeting in it."),
    query_param(
        "q", {"type": "string", "maxLength": 100}, "Keyword in name, offers, needs, products."
    ),
]


# -- JSON ---------------------------------------------------------------------------------


def profile_json(profile) -> dict[str, Any]:
    return {
        "organisation_id": profile.organisation_id,
        "name": _organisation_name(profile.organisation),
        "country": profile.country,
        "languages": list(profile.languages),
        "sectors": list(profile.sectors),
        "offers": profile.offers,
        "needs": profile.needs,
        "products": profile.products,
        "contact_name": profile.contact_name,
        "contact_email": profile.contact_email,
        "contact_phone": profile.contact_phone,
    }


def _organisation_name(organisation) -> str:
    return organisation.display_name()


def matchmaking_json(m: MatchmakingSession, mine: B2BParticipant | None) -> dict[str, Any]:
    return {
        "id": m.id,
        "forum_id": m.forum_id,
        "title": dict(m.title),
        "mode": m.mode.value,
        "status": m.status.value,
        "slot_minutes": m.slot_minutes,
        "break_minutes": m.break_minutes,
        "meeting_cap": m.meeting_cap,
        "participant_id": mine.id if mine else None,
    }


def participant_json(p: B2BParticipant) -> dict[str, Any]:
    profile = p.profile
    return {
        "id": p.id,
        "name": b2b_profiles.display_name(p),
        "country": profile.country,
        "languages": list(profile.languages),
        "sectors": list(profile.sectors),
        "offers": profile.offers,
        "needs": profile.needs,
        "products": profile.products,
    }


def _ref(p: B2BParticipant) -> dict[str, Any]:
    return {"participant_id": p.id, "name": b2b_profiles.display_name(p)}


def request_json(r: MeetingRequest, my_participant_id: int) -> dict[str, Any]:
    return {
        "id": r.id,
        "matchmaking_id": r.matchmaking_id,
        "direction": "outgoing" if r.from_participant_id == my_participant_id else "incoming",
        "from": _ref(r.from_participant),
        "to": _ref(r.to_participant),
        "message": r.message,
        "preference": r.preference.value,
        "status": r.status.value,
        "created_at": r.created_at,
        "answered_at": r.answered_at,
    }


def slot_json(slot) -> dict[str, Any]:
    return {"id": slot.id, "starts_at": slot.starts_at, "ends_at": slot.ends_at}


def meeting_json(m: B2BMeeting, my_participant_id: int) -> dict[str, Any]:
    other = m.participant_b if m.participant_a_id == my_participant_id else m.participant_a
    return {
        "id": m.id,
        "matchmaking_id": m.matchmaking_id,
        "status": m.status.value,
        "locked": m.locked,
        "slot": slot_json(m.slot),
        "table": m.table.name,
        "interpreter": m.interpreter.name if m.interpreter else None,
        "with": _ref(other),
    }
