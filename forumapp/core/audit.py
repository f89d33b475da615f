"""The audit log, written by a session hook so no service can forget it.

``before_flush`` notes which tracked rows are new, changed (and which columns)
or deleted; ``after_flush`` writes one ``audit_entry`` row per change in the
same transaction, once new rows have their ids. Rolled back work leaves no log.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import Enum
from typing import Any

from flask import has_request_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession

from forumapp.core.audit_model import AuditEntry
from forumapp.core.extensions import db
from forumapp.core.localized import pick_language
from forumapp.people.models import Organisation
from forumapp.programme.models import Forum, ForumOrganiser, Session
from forumapp.visits.agreement_model import Agreement
from forumapp.visits.models import DelegationVisit

TRACKED = {Forum: "forum", Session: "session", DelegationVisit: "visit", Agreement: "agreement"}
_PENDING = "forumapp_audit_pending"
# Columns every save touches; listing them would hide what really changed.
_NOISE = frozenset({"updated_at", "created_at", "sequence"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _changes(obj) -> dict[str, list[Any]]:
    changed = {}
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key in _NOISE:
            continue
        history = inspect(obj).attrs[attr.key].history
        if history.has_changes():
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            if before != after:
                changed[attr.key] = [_jsonable(before), _jsonable(after)]
    return changed


def _label(obj) -> str:
    title = getattr(obj, "title", None)
    return (pick_language(title) if isinstance(title, dict) else "")[:255]


def _before_flush(session: OrmSession, _context, _instances) -> None:
    pending = session.info.setdefault(_PENDING, [])
    for obj in session.new:
        if type(obj) in TRACKED:
            pending.append(("create", obj, {}))
    for obj in session.dirty:
        if type(obj) in TRACKED and session.is_modified(obj, include_collections=False):
            changed = _changes(obj)
            if changed:
                pending.append(("update", obj, changed))
    for obj in session.deleted:
        if type(obj) in TRACKED:
            pending.append(("delete", obj, {}))
    pending += _organiser_changes(session)


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
        return f"{_jsonable(role)} #{position}"

    for row in session.new:
        if isinstance(row, ForumOrganiser):
            note(row, None, credit(row.role, row.position))
    for row in session.deleted:
        if isinstance(row, ForumOrganiser):
            note(row, credit(*_committed(row, "role", "position")), None)
    for row in session.dirty:
        if isinstance(row, ForumOrganiser) and session.is_modified(row):
            before = credit(*_committed(row, "role", "position"))
            after = None if row.forum is None else credit(row.role, row.position)
            note(row, before, after)
    return [("update", forum, changes) for forum, changes in by_forum.items()]


def _committed(obj, *keys: str) -> list[Any]:
    """The values ``keys`` had before this flush's changes."""
    values = []
    for key in keys:
        history = inspect(obj).attrs[key].history
        values.append(history.deleted[0] if history.deleted else getattr(obj, key))
    return values


def _who() -> tuple[int | None, str | None]:
    if not has_request_context():
        return None, None
    from flask_login import current_user

    if current_user and current_user.is_authenticated:
        return current_user.id, current_user.email
    return None, None


def _after_flush(session: OrmSession, _context) -> None:
    pending = session.info.pop(_PENDING, [])
    if not pending:
        return
    user_id, email = _who()
    rows = [
        {
            "user_id": user_id,
            "user_email": email,
            "action": action,
            "entity": TRACKED[type(obj)],
            "entity_id": obj.id,
            "label": _label(obj),
            "changes": changes,
        }
        for action, obj, changes in pending
        if obj.id is not None
    ]
    if rows:
        # Core insert on the flush's own connection: adding ORM objects here
        # would need another flush, inside this one.
        session.connection().execute(AuditEntry.__table__.insert(), rows)


def _after_rollback(session: OrmSession, _previous_transaction) -> None:
    session.info.pop(_PENDING, None)


def install() -> None:
    """Attach the hooks to the app's session class (idempotent)."""
    session_class = db.session.session_factory.class_
    for name, hook in (
        ("before_flush", _before_flush),
        ("after_flush", _after_flush),
        ("after_soft_rollback", _after_rollback),
    ):
        if not event.contains(session_class, name, hook):
            event.listen(session_class, name, hook)


def recent_entries(limit: int = 200, entity: str | None = None, entity_id: int | None = None):
    query = db.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    return list(db.session.scalars(query.limit(limit)))
