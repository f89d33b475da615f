"""What the B2B pages share: run a service, show its refusal.

``submit`` is the back office's (core/web/admin_support.py), one helper for every form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort, flash
from flask_wtf import FlaskForm

from forumapp.accounts.models import UserRole
from forumapp.accounts.permissions import role_required
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.unit_of_work import discard
from forumapp.core.web.admin_support import submit

__all__ = ["act", "company_required", "run", "submit"]

T = TypeVar("T")

company_required = role_required(UserRole.COMPANY)


def run(action: Callable[[], T]) -> T:
    """Call a service for a page; an id that is unknown or not the user's is a 404."""
    try:
        return action()
    except NotFound:
        discard()
        abort(404)


def act(form: FlaskForm, action: Callable[[], object], done: str) -> bool:
    """A button press (accept, cancel, lock...): flash what happened or why not."""
    if not form.validate_on_submit():
        abort(400)
    try:
        action()
    except NotFound:
        discard()
        abort(404)
    except ServiceError as error:
        discard()
        flash(error.message, "error")
        return False
    flash(done, "success")
    return True
