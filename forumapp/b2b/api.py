"""Company B2B endpoints: own profile, sessions, directory, requests, self-booking, agenda.

The caller's company comes from the token's account, never from the request; the
services answer "not found" for another company's rows, so ids cannot be probed.
"""

from __future__ import annotations

from typing import Any

from flask import request

from forumapp.accounts.api_auth import api_user, company_only
from forumapp.api.blueprint import error_fields, spec
from forumapp.b2b import booking as b2b_booking
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import profiles as b2b_profiles
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.api_schemas import (
    AGENDA,
    BOOKING_INPUT,
    DIRECTORY_FILTERS,
    FREE_SLOT,
    ID,
    MATCHMAKING,
    MEETING,
    MEETING_REQUEST,
    PARTICIPANT,
    PROFILE,
    PROFILE_INPUT,
    REQUEST_INPUT,
    SECTORS,
    TAG,
    matchmaking_json,
    meeting_json,
    participant_json,
    profile_json,
    query_param,
    request_json,
    slot_json,
)
from forumapp.b2b.models import B2BParticipant, RequestPreference
from forumapp.core.errors import ServiceError
from forumapp.core.web.api_http import (
    ApiError,
    bad_request,
    error_response,
    int_arg,
    json_response,
    page_request,
    paginate,
    read,
    read_body,
)
from forumapp.core.web.api_spec import MAX_ID, ApiRoutes, page_of

operations = ApiRoutes()


@operations.errorhandler(b2b_booking.SlotTaken)
def slot_taken(exc: b2b_booking.SlotTaken):
    """Another booking took the slot first: a conflict (409), beside its field."""
    return error_response(ApiError(409, "slot_taken", exc.message, error_fields(exc)))


def _me(matchmaking_id: int) -> B2BParticipant:
    return b2b_sessions.require_participant(api_user(), matchmaking_id)


# -- profile ------------------------------------------------------------------------------


def _own_profile():
    try:
        return b2b_profiles.profile_for_edit(api_user())
    except ServiceError as exc:
        raise ApiError(403, "not_linked", exc.message) from None


@operations.operation(
    "/b2b/profile",
    summary="The caller's company profile",
    tag=TAG,
    role="company",
    responses={200: ("The profile", PROFILE)},
)
@company_only
def get_profile():
    profile = _own_profile()
    if profile is None:
        raise ApiError(404, "no_profile", "Your company has no business profile yet.")
    return read(profile_json(profile), private=True)


@operations.operation(
    "/b2b/profile",
    "PUT",
    summary="Create or replace the caller's company profile",
    tag=TAG,
    role="company",
    body=PROFILE_INPUT,
    responses={200: ("The saved profile", PROFILE)},
)
@company_only
def put_profile():
    body = read_body(PROFILE_INPUT, spec.schemas)
    _own_profile()
    profile = b2b_profiles.save_profile(
        api_user(),
        b2b_profiles.ProfileData(
            country=body["country"],
            languages=body["languages"],
            sectors=body.get("sectors") or [],
            offers=body.get("offers") or "",
            needs=body.get("needs") or "",
            products=body.get("products") or "",
            contact_name=body.get("contact_name"),
            contact_email=body.get("contact_email"),
            contact_phone=body.get("contact_phone"),
        ),
    )
    return json_response(profile_json(profile))


# -- sessions and the directory -----------------------------------------------------------


@operations.operation(
    "/b2b/sessions",
    summary="B2B sessions, with the caller's participation",
    tag=TAG,
    role="company",
    paginated=True,
    responses={200: ("A page of B2B sessions", page_of(MATCHMAKING))},
)
@company_only
def list_matchmaking():
    wanted = page_request()
    rows = b2b_sessions.sessions_for(api_user())
    payload, headers = paginate(rows, wanted, lambda row: matchmaking_json(*row))
    return read(payload, private=True, headers=headers)


@operations.operation(
    "/b2b/sessions/<int:matchmaking_id>/join",
    "POST",
    summary="Take part in a B2B session (needs a profile)",
    tag=TAG,
    role="company",
    responses={200: ("The session, now with the caller's participant id", MATCHMAKING)},
)
@company_only
def join_matchmaking(matchmaking_id: int):
    participant = b2b_sessions.join(api_user(), matchmaking_id)
    return json_response(matchmaking_json(participant.matchmaking, participant))


@operations.operation(
    "/b2b/sessions/<int:matchmaking_id>/participants",
    summary="The other companies in a session, filtered",
    tag=TAG,
    role="company",
    paginated=True,
    query=DIRECTORY_FILTERS,
    responses={200: ("A page of participants", page_of(PARTICIPANT))},
)
@company_only
def list_participants(matchmaking_id: int):
    errors: dict[str, list[str]] = {}
    wanted = page_request(errors)
    limits = {"sector": 40, "country": 2, "language": 8, "q": 100}
    for name, limit in limits.items():
        if len(request.args.get(name, "")) > limit:
            errors[name] = [f"At most {limit} characters."]
    sector = request.args.get("sector") or None
    if sector is not None and sector not in SECTORS:
        errors["sector"] = ["Choose one of: " + ", ".join(SECTORS) + "."]
    if errors:
        raise bad_request(errors)
    me = _me(matchmaking_id)
    found = b2b_profiles.directory(
        matchmaking_id,
        b2b_profiles.DirectoryFilter(
            sector=sector,
            country=request.args.get("country") or None,
            language=request.args.get("language") or None,
            keyword=request.args.get("q") or None,
        ),
    )
    others = [p for p in found if p.id != me.id]
    payload, headers = paginate(others, wanted, participant_json)
    return read(payload, private=True, headers=headers)


# -- requests -----------------------------------------------------------------------------


@operations.operation(
    "/b2b/sessions/<int:matchmaking_id>/requests",
    summary="The caller's meeting requests, sent and received, newest first",
    tag=TAG,
    role="company",
    paginated=True,
    query=[
        query_param(
            "direction", {"type": "string", "enum": ["incoming", "outgoing"]}, "Only one side."
        )
    ],
    responses={200: ("A page of requests", page_of(MEETING_REQUEST))},
)
@company_only
def list_requests(matchmaking_id: int):
    errors: dict[str, list[str]] = {}
    wanted = page_request(errors)
    direction = request.args.get("direction")
    if direction not in (None, "incoming", "outgoing"):
        errors["direction"] = ["Choose incoming or outgoing."]
    if errors:
        raise bad_request(errors)
    me = _me(matchmaking_id)
    mine = b2b_requests.my_requests(api_user(), matchmaking_id)
    rows = {"incoming": mine.incoming, "outgoing": mine.outgoing}.get(
        direction or "", mine.incoming + mine.outgoing
    )
    rows = sorted(rows, key=lambda r: (r.created_at, r.id), reverse=True)
    payload, headers = paginate(rows, wanted, lambda r: request_json(r, me.id))
    return read(payload, private=True, headers=headers)


@operations.operation(
    "/b2b/sessions/<int:matchmaking_id>/requests",
    "POST",
    summary="Ask another company for a meeting",
    tag=TAG,
    role="company",
    body=REQUEST_INPUT,
    responses={201: ("The request, sent", MEETING_REQUEST)},
)
@company_only
def create_request(matchmaking_id: int):
    body = read_body(REQUEST_INPUT, spec.schemas)
    created = b2b_requests.request_meeting(
        api_user(),
        matchmaking_id,
        int(body["to_participant_id"]),
        body.get("message") or "",
        RequestPreference(body.get("preference") or "meet"),
    )
    return json_response(request_json(created, created.from_participant_id), status=201)


def _request_action(request_id: int, action) -> Any:
    user = api_user()
    answered = action(user, request_id)
    me = b2b_sessions.participant_of(user, answered.matchmaking_id)
    return json_response(request_json(answered, me.id if me else 0))


@operations.operation(
    "/b2b/requests/<int:request_id>/accept",
    "POST",
    summary="Accept a request made to the caller's company",
    tag=TAG,
    role="company",
    responses={200: ("The accepted request", MEETING_REQUEST)},
)
@company_only
def accept_request(request_id: int):
    return _request_action(request_id, b2b_requests.accept)


@operations.operation(
    "/b2b/requests/<int:request_id>/decline",
    "POST",
    summary="Decline a request made to the caller's company",
    tag=TAG,
    role="company",
    responses={200: ("The declined request", MEETING_REQUEST)},
)
@company_only
def decline_request(request_id: int):
    return _request_action(request_id, b2b_requests.decline)


@operations.operation(
    "/b2b/requests/<int:request_id>/cancel",
    "POST",
    summary="Withdraw or call off a request (its meeting goes too)",
    tag=TAG,
    role="company",
    responses={200: ("The cancelled request", MEETING_REQUEST)},
)
@company_only
def cancel_request(request_id: int):
    return _request_action(request_id, b2b_requests.cancel_request)


# -- self-booking and the agenda ----------------------------------------------------------


@operations.operation(
    "/b2b/sessions/<int:matchmaking_id>/free-slots",
    summary="Slots the caller could book with a company now (self-booking sessions)",
    tag=TAG,
    role="company",
    paginated=True,
    refusable=True,
    query=[query_param("participant_id", ID, "The company to meet.", required=True)],
    responses={200: ("A page of free slots", page_of(FREE_SLOT))},
)
@company_only
def list_free_slots(matchmaking_id: int):
    errors: dict[str, list[str]] = {}
    wanted = page_request(errors)
    other = int_arg("participant_id", 0, 1, MAX_ID, errors)
    if not other and "participant_id" not in errors:
        errors["participant_id"] = ["This parameter is required."]
    if errors:
        raise bad_request(errors)
    free = b2b_booking.free_slots(api_user(), matchmaking_id, other)
    payload, headers = paginate(
        free,
        wanted,
        lambda row: {
            "slot": slot_json(row[0]),
            "table_id": row[1].table_id,
            "needs_interpreter": row[1].interpreter_id is not None,
        },
    )
    return read(payload, private=True, headers=headers)


@operations.operation(
    "/b2b/sessions/<int:matchmaking_id>/bookings",
    "POST",
    summary="Book a meeting in a free slot (409 when someone else got it first)",
    tag=TAG,
    role="company",
    conflict=True,
    body=BOOKING_INPUT,
    responses={201: ("The booked meeting", MEETING)},
)
@company_only
def book_meeting(matchmaking_id: int):
    body = read_body(BOOKING_INPUT, spec.schemas)
    user = api_user()
    meeting = b2b_booking.book(
        user, matchmaking_id, int(body["participant_id"]), int(body["slot_id"])
    )
    me = b2b_sessions.require_participant(user, matchmaking_id)
    return json_response(meeting_json(meeting, me.id), status=201)


@operations.operation(
    "/b2b/sessions/<int:matchmaking_id>/agenda",
    summary="The caller's meetings in a session, in time order",
    tag=TAG,
    role="company",
    responses={200: ("The agenda", AGENDA)},
)
@company_only
def get_agenda(matchmaking_id: int):
    me, meetings, visible = b2b_schedule.agenda(api_user(), matchmaking_id)
    return read(
        {
            "participant_id": me.id,
            "visible": visible,
            "meetings": [meeting_json(m, me.id) for m in meetings],
        },
        private=True,
    )


@operations.operation(
    "/b2b/meetings/<int:meeting_id>/cancel",
    "POST",
    summary="Call off one of the caller's meetings; the other side is told",
    tag=TAG,
    role="company",
    responses={200: ("The cancelled meeting", MEETING)},
)
@company_only
def cancel_meeting(meeting_id: int):
    user = api_user()
    meeting = b2b_requests.cancel_meeting(user, meeting_id)
    me = b2b_sessions.participant_of(user, meeting.matchmaking_id)
    return json_response(meeting_json(meeting, me.id if me else 0))
