"""Publishing a forum's programme as a named release with a changelog."""

from __future__ import annotations

from forumapp.accounts.models import User
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.unit_of_work import saved
from forumapp.programme.models import Forum, ForumStatus
from forumapp.programme.programme import draft_programme, latest_release
from forumapp.programme.release_model import Release
from forumapp.programme.rules.changelog import Changelog, diff_programmes
from forumapp.programme.rules.programme import Programme


def pending_changes(forum_id: int) -> Changelog:
    """What publishing now would announce: the draft against the last release."""
    draft = draft_programme(forum_id)
    if draft is None:
        raise NotFound("No such forum.")
    previous = latest_release(forum_id)
    return diff_programmes(Programme.from_snapshot(previous.snapshot) if previous else None, draft)


def publish(forum_id: int, name: str, published_by: User | None = None) -> Release:
    """Freeze the current draft as the next release; attendees see it from now on."""
    name = (name or "").strip()
    if not name:
        raise ServiceError("Give the release a name, e.g. 'Final programme'.", field="name")
    if len(name) > 120:
        raise ServiceError("The release name can be at most 120 characters.", field="name")
    forum = db.session.get(Forum, forum_id, with_for_update=True)
    if forum is None:
        raise NotFound("No such forum.")
    draft = draft_programme(forum_id)
    previous = latest_release(forum_id)
    previous_programme = Programme.from_snapshot(previous.snapshot) if previous else None
    changelog = diff_programmes(previous_programme, draft)
    if previous is not None and changelog.is_empty and previous_programme == draft:
        raise ServiceError("Nothing changed since the last release.", field="name")
    release = Release(
        forum_id=forum.id,
        number=(previous.number + 1) if previous else 1,
        name=name,
        published_by=published_by,
        snapshot=draft.to_snapshot(),
        changelog=changelog.to_dict(),
    )
    forum.status = ForumStatus.PUBLISHED
    db.session.add(release)
    saved()
    return release
