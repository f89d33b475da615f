"""One transaction per request: committed when the view succeeds, rolled back when it fails.

The view runs; if it raises (an abort, a refused operation nobody caught, a bug), the
transaction is rolled back *before* the error handler renders its page, so an error
page never sees, or autoflushes, half of a change. If it returns a response below 400,
the transaction is committed before the response leaves, and the outbox's after-commit
hook wakes the mail deliverer; a 4xx/5xx answer (a form or API body refused after a
partial change) rolls back. A commit that fails raises like any other error: the
client gets the error page, never a success for a change that was not saved.

:func:`discard` is for a view that catches a refused operation and shows the form
again: what the operation half-applied is forgotten at once, so the page's own queries
do not autoflush it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TypeVar

from flask import Flask, current_app
from flask.cli import with_appcontext
from flask.typing import ResponseReturnValue

from forumapp.core import outbox
from forumapp.core.extensions import db

T = TypeVar("T")

CLI_MAIL_WAIT_SECONDS = 60.0

# Answers below this status commit the request's transaction.
FIRST_FAILURE_STATUS = 400


@contextmanager
def transaction() -> Iterator[None]:
    """Commit the session's transaction if the block succeeds, roll it back if it raises
    (CLI commands and jobs use this; requests get it from :class:`TransactionalFlask`)."""
    try:
        yield
    except BaseException:
        db.session.rollback()
        raise
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def saved() -> None:
    """The end of an operation: its changes are written (inside the open transaction, so
    constraints answer now and new rows have ids) and every loaded object will be read
    again, as after a commit, so a collection loaded before the change shows it. The
    commit itself belongs to the request, command or job."""
    db.session.flush()
    db.session.expire_all()


def discard() -> None:
    """Forget the current transaction's changes (a refused operation, the form shown again)."""
    db.session.rollback()


class TransactionalFlask(Flask):
    """Flask whose every view runs in one transaction (see the module docstring)."""

    def dispatch_request(self) -> ResponseReturnValue:
        try:
            value = super().dispatch_request()
            response = self.make_response(value)
        except BaseException:
            db.session.rollback()
            raise
        if response.status_code < FIRST_FAILURE_STATUS:
            try:
                db.session.commit()
            except BaseException:
                db.session.rollback()
                raise
        else:
            db.session.rollback()
        return response


def command_transaction(command: Callable[..., T]) -> Callable[..., T]:
    """For a ``forumapp`` command: Flask's app context, and the command's one transaction
    (committed when it returns, rolled back when it fails or exits with an error).

    Mail the command queued is delivered by this process's thread (without Redis); the
    command waits for it, up to ``CLI_MAIL_WAIT_SECONDS``, so that the process does not
    end with the thread mid-delivery (what it could not deliver stays queued)."""

    @wraps(command)
    def in_transaction(*args, **kwargs) -> T:
        with transaction():
            result = command(*args, **kwargs)
        outbox.wait_idle(current_app._get_current_object(), CLI_MAIL_WAIT_SECONDS)
        return result

    return with_appcontext(in_transaction)
