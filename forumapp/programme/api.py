"""Public reads: published forums, their days, rooms, sessions, speakers and programme.

Everything comes from the forum's last published release (never the organiser's
draft), parsed once per process; the JSON of each release is cached too, keyed by
the release, so repeated reads and ETag checks cost one small query.
"""

from __future__ import annotations

from flask import request

from forumapp.core.timezones import get_zone
from forumapp.core.web.api_http import (
    ApiError,
    bad_request,
    conditional,
    date_arg,
    dump,
    etag_of,
    page_request,
    paginate,
)
from forumapp.core.web.api_spec import ApiRoutes, page_of
from forumapp.programme import public as public_programme
from forumapp.programme.api_schemas import (
    DAY,
    DAY_FILTER,
    FORUM,
    PROGRAMME,
    ROOM,
    SESSION,
    SPEAKER,
    TAG,
    day_json,
    forum_json,
    room_json,
    session_json,
    speaker_json,
    speakers_in_order,
)
from forumapp.programme.public import ReleaseStamp
from forumapp.programme.rules.programme import Programme

operations = ApiRoutes()

# -- reading a release --------------------------------------------------------------------


def _stamp(slug: str) -> ReleaseStamp:
    stamp = public_programme.release_stamp(slug)
    if stamp is None:
        raise ApiError(404, "not_found", "No published forum with this slug.")
    return stamp


def _release_read(slug: str, build):
    """Answer from the release's cache: ``build(programme)`` gives (payload, headers)."""
    stamp = _stamp(slug)

    def render():
        payload, headers = build(public_programme.programme_of(stamp))
        body = dump(payload)
        return body, etag_of(body), headers

    variant = ("api", request.path, tuple(sorted(request.args.items(multi=True))))
    body, etag, headers = public_programme.rendered(stamp, variant, render)
    return conditional(body, etag, private=False, headers=headers)


@operations.operation(
    "/forums",
    summary="Published forums, latest first",
    tag=TAG,
    paginated=True,
    responses={200: ("A page of forums", page_of(FORUM))},
)
def list_forums():
    wanted = page_request()
    stamps = public_programme.published_stamps()
    payload, headers = paginate(
        stamps, wanted, lambda stamp: forum_json(public_programme.programme_of(stamp))
    )
    body = dump(payload)
    return conditional(body, etag_of(body), private=False, headers=headers)


@operations.operation(
    "/forums/<slug>",
    summary="One published forum",
    tag=TAG,
    responses={200: ("The forum as last published", FORUM)},
)
def get_forum(slug: str):
    return _release_read(slug, lambda p: (forum_json(p), {}))


@operations.operation(
    "/forums/<slug>/programme",
    summary="The whole published programme in one document",
    tag=TAG,
    responses={200: ("The last published release", PROGRAMME)},
)
def get_programme(slug: str):
    def build(p: Programme):
        return {
            "forum": forum_json(p),
            "days": [day_json(d) for d in p.days],
            "rooms": [room_json(r) for r in p.rooms],
            "sessions": [session_json(p, s) for s in p.sessions],
            "speakers": [speaker_json(p, person) for person in speakers_in_order(p)],
        }, {}

    return _release_read(slug, build)


@operations.operation(
    "/forums/<slug>/days",
    summary="The forum's days and opening hours",
    tag=TAG,
    paginated=True,
    responses={200: ("A page of days", page_of(DAY))},
)
def list_days(slug: str):
    wanted = page_request()
    return _release_read(slug, lambda p: paginate(p.days, wanted, day_json))


@operations.operation(
    "/forums/<slug>/rooms",
    summary="The forum's rooms",
    tag=TAG,
    paginated=True,
    responses={200: ("A page of rooms", page_of(ROOM))},
)
def list_rooms(slug: str):
    wanted = page_request()
    return _release_read(slug, lambda p: paginate(p.rooms, wanted, room_json))


@operations.operation(
    "/forums/<slug>/sessions",
    summary="The forum's sessions in time order",
    tag=TAG,
    paginated=True,
    query=[DAY_FILTER],
    responses={200: ("A page of sessions", page_of(SESSION))},
)
def list_sessions(slug: str):
    errors: dict[str, list[str]] = {}
    wanted = page_request(errors)
    day = date_arg("day", errors)
    if errors:
        raise bad_request(errors)

    def build(p: Programme):
        zone = get_zone(p.timezone)
        sessions = [
            s for s in p.sessions if day is None or s.starts_at.astimezone(zone).date() == day
        ]
        return paginate(sessions, wanted, lambda s: session_json(p, s))

    return _release_read(slug, build)


@operations.operation(
    "/forums/<slug>/sessions/<key>",
    summary="One session",
    tag=TAG,
    responses={200: ("The session", SESSION)},
)
def get_session(slug: str, key: str):
    def build(p: Programme):
        session = next((s for s in p.sessions if s.key == key), None)
        if session is None:
            raise ApiError(404, "not_found", "No such session in this forum.")
        return session_json(p, session), {}

    return _release_read(slug, build)


@operations.operation(
    "/forums/<slug>/speakers",
    summary="Everyone on the programme, by name",
    tag=TAG,
    paginated=True,
    responses={200: ("A page of speakers", page_of(SPEAKER))},
)
def list_speakers(slug: str):
    wanted = page_request()
    return _release_read(
        slug, lambda p: paginate(speakers_in_order(p), wanted, lambda s: speaker_json(p, s))
    )


@operations.operation(
    "/forums/<slug>/speakers/<key>",
    summary="One speaker and the sessions they appear in",
    tag=TAG,
    responses={200: ("The speaker", SPEAKER)},
)
def get_speaker(slug: str, key: str):
    def build(p: Programme):
        person = p.person(key)
        if person is None:
            raise ApiError(404, "not_found", "No such speaker in this forum.")
        return speaker_json(p, person), {}

    return _release_read(slug, build)
