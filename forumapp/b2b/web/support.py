"""What the B2B pages share: run a service, show its refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort, flash
from flask_wtf import FlaskForm

from forumapp.accounts.models import UserRole
from forumapp.accounts.permissions import role_required
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.unit_of_work import discard

T = TypeVar("T")

company_required = role_required(UserRole.COMPANY)


def run(action: Callable[[], T]) -> T:
    """Call a service for a page; an id that is unknown or not the user's is a 404."""
    try:
        return action()
    except NotFound:
        discard()
        abort(404)


def show_error(form: FlaskForm, error: ServiceError) -> None:
    target = getattr(form, error.field, None) if error.field else None
    if target is not None and isinstance(getattr(target, "errors", None), list):
        target.errors.append(error.message)
    else:
        flash(error.message, "error")


def submit(form: FlaskForm, action: Callable[[], T]) -> T | None:
    """Validate the form's shape, then run the service; None means "show the form again"."""
    if not form.validate_on_submit():
        return None
    try:
        return action()
    except NotFound:
        discard()
        abort(404)
    except ServiceError as error:
        discard()
        show_error(form, error)
        return None


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
