"""The audit log, written by a session hook so no service can forget it.

``before_flush`` notes which tracked rows are new, changed (and which columns)
or deleted; ``after_flush`` writes one ``audit_entry`` row per change in the
same transaction, once new rows have their ids. Rolled back work leaves no log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession

from forumapp.core.audit_model import AuditEntry
from forumapp.core.extensions import db
from forumapp.core.localized import pick_language

# Which model classes are logged, under which entity name; and functions that log more
# (a change of a child row as a change of its parent). Features register theirs (track,
# add_change_source) from their audit module; the app factory calls their register().
TRACKED: dict[type, str] = {}
ChangeSource = Callable[[OrmSession], list[tuple[str, Any, dict]]]
_SOURCES: list[ChangeSource] = []
_PENDING = "forumapp_audit_pending"
# Columns every save touches; listing them would hide what really changed.
_NOISE = frozenset({"updated_at", "created_at", "sequence"})


def track(model: type, entity: str) -> None:
    """Log creations, changes and deletions of ``model`` rows as ``entity``."""
    TRACKED[model] = entity


def add_change_source(source: ChangeSource) -> None:
    """Also log what ``source(session)`` finds before each flush: (action, row, changes)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
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
                changed[attr.key] = [jsonable(before), jsonable(after)]
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
    for source in _SOURCES:
        pending += source(session)


def committed_values(obj, *keys: str) -> list[Any]:
    """The values ``keys`` had before this flush's changes."""
    values = []
    for key in keys:
        history = inspect(obj).attrs[key].history
        values.append(history.deleted[0] if history.deleted else getattr(obj, key))
    return values


def _who() -> tuple[int | None, str | None]:
    if not has_request_context():
        return None, None

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
