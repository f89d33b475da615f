"""Is the database there, and is its schema at the code's revision?"""

from __future__ import annotations

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy.exc import OperationalError

from forumapp.core.errors import DatabaseNotReady
from forumapp.core.extensions import db


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def schema_problem() -> str | None:
    """A one-line reason the database cannot be used yet, or None when it is ready."""
    migrate_ext = current_app.extensions["migrate"]
    script = ScriptDirectory(migrate_ext.directory)
    heads = set(script.get_heads())
    try:
        with db.engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except OperationalError as exc:
        return f"cannot reach the database: {_first_line(exc)}"
    if current != heads:
        at = ", ".join(sorted(current)) or "an empty schema"
        return (
            f"the database is at {at} but the code expects {', '.join(sorted(heads))}; "
            "run `forumapp db upgrade`"
        )
    return None


def require_database() -> None:
    """Stop with one line when the database is unreachable or not migrated."""
    problem = schema_problem()
    if problem:
        raise DatabaseNotReady(problem)
