"""What the audit log records of the programme: forums and sessions, and hosts, co-hosts and
partners credited, dropped, re-roled or re-ordered (logged as changes of their forum)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session as OrmSession

from forumapp.core import audit
from forumapp.core.audit import committed_values, jsonable
from forumapp.core.localized import pick_language
from forumapp.people.models import Organisation
from forumapp.programme.models import Forum, ForumOrganiser, Session


def register() -> None:
    audit.track(Forum, "forum")
    audit.track(Session, "session")
    audit.add_change_source(_organiser_changes)


def _organiser_changes(session: OrmSession) -> list[tuple[str, Forum, dict]]:
    """Hosts, co-hosts and partners credited, dropped, re-roled or re-ordered: logged
    as changes of their forum ("organiser: 전라북도" co_host #2 -> co_host #1)."""
    by_forum: dict[Forum, dict[str, list[Any]]] = {}

    def note(row: ForumOrganiser, before: str | None, after: str | None) -> None:
        with session.no_autoflush:
            # A row taken out of forum.organisers has lost .forum (it is deleted as
            # an orphan later in this flush), not its forum_id.
            forum = row.forum or (session.get(Forum, row.forum_id) if row.forum_id else None)
            organisation = row.organisation or (
                session.get(Organisation, row.organisation_id) if row.organisation_id else None
            )
        if forum is None or forum in session.deleted or before == after:
            return  # a deleted forum takes its organisers along: its entry says so
        name = pick_language(organisation.name) if organisation else "?"
        changes = by_forum.setdefault(forum, {})
        key = f"organiser: {name}"
        if key in changes:
            key = f"{key} ({(after or before or '').split(' ')[0]})"
        changes[key] = [before, after]

    def credit(role, position) -> str:
        return f"{jsonable(role)} #{position}"

    for row in session.new:
        if isinstance(row, ForumOrganiser):
            note(row, None, credit(row.role, row.position))
    for row in session.deleted:
        if isinstance(row, ForumOrganiser):
            note(row, credit(*committed_values(row, "role", "position")), None)
    for row in session.dirty:
        if isinstance(row, ForumOrganiser) and session.is_modified(row):
            before = credit(*committed_values(row, "role", "position"))
            after = None if row.forum is None else credit(row.role, row.position)
            note(row, before, after)
    return [("update", forum, changes) for forum, changes in by_forum.items()]
