"""What publishing would announce, in words an organiser can act on (titles, names)."""

from __future__ import annotations

from dataclasses import dataclass, field

from forumapp.core.errors import NotFound
from forumapp.core.extensions import db
from forumapp.core.localized import pick_language
from forumapp.programme.programme import draft_programme, latest_release
from forumapp.programme.release_model import Release
from forumapp.programme.releases import pending_changes
from forumapp.programme.rules.changelog import Changelog
from forumapp.programme.rules.programme import Programme


@dataclass
class ChangedLine:
    title: str
    changes: list[str]
    speakers_added: list[str]
    speakers_removed: list[str]


@dataclass
class ReleasePreview:
    changelog: Changelog
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[ChangedLine] = field(default_factory=list)
    speakers_to_notify: list[str] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    first_release: bool = True


def release_preview(forum_id: int) -> ReleasePreview:
    draft = draft_programme(forum_id)
    if draft is None:
        raise NotFound("No such forum.")
    previous = latest_release(forum_id)
    old = Programme.from_snapshot(previous.snapshot) if previous else None
    changelog = pending_changes(forum_id)

    def session_title(key: str) -> str:
        for programme in (draft, old):
            for session in programme.sessions if programme else ():
                if session.key == key:
                    return pick_language(session.title)
        return key

    def person_name(key: str) -> str:
        for programme in (draft, old):
            person = programme.person(key) if programme else None
            if person:
                return person.display_name("en")
        return key

    return ReleasePreview(
        changelog=changelog,
        added=[session_title(k) for k in changelog.added],
        removed=[session_title(k) for k in changelog.removed],
        changed=[
            ChangedLine(
                pick_language(c.title),
                list(c.changes),
                [person_name(k) for k in c.speakers_added],
                [person_name(k) for k in c.speakers_removed],
            )
            for c in changelog.changed
        ],
        speakers_to_notify=[person_name(k) for k in changelog.speakers_to_notify],
        releases=list(
            db.session.scalars(
                db.select(Release)
                .where(Release.forum_id == forum_id)
                .order_by(Release.number.desc())
            )
        ),
        first_release=previous is None,
    )
