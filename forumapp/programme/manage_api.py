"""Organiser endpoints: forums and sessions (drafts included), and publishing a release.

Writes go through the same services as the back office, so the same rules, audit
log and calendar SEQUENCE bumps apply; a refused rule comes back as 422 beside its
field.
"""

from __future__ import annotations

from forumapp.accounts.api_auth import api_user, organiser_only
from forumapp.api.blueprint import spec
from forumapp.core.web.api_http import (
    json_response,
    page_request,
    paginate,
    read,
    read_body,
)
from forumapp.core.web.api_spec import ApiRoutes, page_of, ref
from forumapp.programme import forums, releases, sessions
from forumapp.programme.manage_api_schemas import (
    FORUM_INPUT,
    MANAGED_FORUM,
    MANAGED_SESSION,
    RELEASE_INPUT,
    SESSION_INPUT,
    TAG,
    forum_data,
    forum_json,
    session_data,
    session_json,
)

operations = ApiRoutes()

# -- forums -------------------------------------------------------------------------------


@operations.operation(
    "/manage/forums",
    summary="Every forum, drafts included, latest first",
    tag=TAG,
    role="organiser",
    paginated=True,
    responses={200: ("A page of forums", page_of(MANAGED_FORUM))},
)
@organiser_only
def manage_list_forums():
    wanted = page_request()
    payload, headers = paginate(forums.list_forums(), wanted, forum_json)
    return read(payload, private=True, headers=headers)


@operations.operation(
    "/manage/forums",
    "POST",
    summary="Create a draft forum",
    tag=TAG,
    role="organiser",
    body=FORUM_INPUT,
    conflict=True,
    responses={201: ("The new forum", MANAGED_FORUM)},
)
@organiser_only
def manage_create_forum():
    forum = forums.create_forum(forum_data(read_body(FORUM_INPUT, spec.schemas)))
    return json_response(forum_json(forum), status=201)


@operations.operation(
    "/manage/forums/<int:forum_id>",
    summary="One forum",
    tag=TAG,
    role="organiser",
    responses={200: ("The forum", MANAGED_FORUM)},
)
@organiser_only
def manage_get_forum(forum_id: int):
    return read(forum_json(forums.get_forum(forum_id)), private=True)


@operations.operation(
    "/manage/forums/<int:forum_id>",
    "PUT",
    summary="Replace a forum's details (texts in languages not sent are kept)",
    tag=TAG,
    role="organiser",
    body=FORUM_INPUT,
    conflict=True,
    responses={200: ("The updated forum", MANAGED_FORUM)},
)
@organiser_only
def manage_update_forum(forum_id: int):
    body = read_body(FORUM_INPUT, spec.schemas)
    forums.get_forum(forum_id)  # an unknown forum is 404 before the body's rules
    forum = forums.update_forum(forum_id, forum_data(body))
    return json_response(forum_json(forum))


@operations.operation(
    "/manage/forums/<int:forum_id>",
    "DELETE",
    summary="Delete a forum with its days, sessions and releases",
    tag=TAG,
    role="organiser",
    responses={204: ("Deleted", None)},
)
@organiser_only
def manage_delete_forum(forum_id: int):
    forums.delete_forum(forum_id)
    return "", 204


@operations.operation(
    "/manage/forums/<int:forum_id>/releases",
    "POST",
    summary="Publish the current draft as the next release",
    tag=TAG,
    role="organiser",
    body=RELEASE_INPUT,
    conflict=True,
    responses={201: ("The new release", ref("Release"))},
)
@organiser_only
def manage_publish(forum_id: int):
    body = read_body(RELEASE_INPUT, spec.schemas)
    release = releases.publish(forum_id, body["name"], published_by=api_user())
    return json_response(
        {"number": release.number, "name": release.name, "published_at": release.published_at},
        status=201,
    )


# -- sessions -----------------------------------------------------------------------------


@operations.operation(
    "/manage/forums/<int:forum_id>/sessions",
    summary="A forum's sessions (draft), in time order",
    tag=TAG,
    role="organiser",
    paginated=True,
    responses={200: ("A page of sessions", page_of(MANAGED_SESSION))},
)
@organiser_only
def manage_list_sessions(forum_id: int):
    wanted = page_request()
    forum = forums.get_forum(forum_id)
    rows = sorted(forum.sessions, key=lambda s: (s.starts_at, s.id))
    payload, headers = paginate(rows, wanted, lambda s: session_json(s, forum.timezone))
    return read(payload, private=True, headers=headers)


@operations.operation(
    "/manage/forums/<int:forum_id>/sessions",
    "POST",
    summary="Add a session to a forum",
    tag=TAG,
    role="organiser",
    body=SESSION_INPUT,
    responses={201: ("The new session", MANAGED_SESSION)},
)
@organiser_only
def manage_create_session(forum_id: int):
    body = read_body(SESSION_INPUT, spec.schemas)
    forums.get_forum(forum_id)
    session = sessions.create_session(forum_id, session_data(body))
    return json_response(session_json(session, session.forum.timezone), status=201)


@operations.operation(
    "/manage/sessions/<int:session_id>",
    summary="One session",
    tag=TAG,
    role="organiser",
    responses={200: ("The session", MANAGED_SESSION)},
)
@organiser_only
def manage_get_session(session_id: int):
    session = sessions.get_session(session_id)
    return read(session_json(session, session.forum.timezone), private=True)


@operations.operation(
    "/manage/sessions/<int:session_id>",
    "PUT",
    summary="Replace a session's details",
    tag=TAG,
    role="organiser",
    body=SESSION_INPUT,
    responses={200: ("The updated session", MANAGED_SESSION)},
)
@organiser_only
def manage_update_session(session_id: int):
    body = read_body(SESSION_INPUT, spec.schemas)
    sessions.get_session(session_id)
    session = sessions.update_session(session_id, session_data(body))
    return json_response(session_json(session, session.forum.timezone))


@operations.operation(
    "/manage/sessions/<int:session_id>",
    "DELETE",
    summary="Delete a session (its speakers' roles go; the people stay)",
    tag=TAG,
    role="organiser",
    responses={204: ("Deleted", None)},
)
@organiser_only
def manage_delete_session(session_id: int):
    sessions.delete_session(session_id)
    return "", 204
