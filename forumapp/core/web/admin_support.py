"""Helpers the back-office views share: run a service, show its error, show a content text.

The choices for select fields live with their feature (``forumapp.people.choices``...).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, flash, render_template
from flask_babel import get_locale
from flask_wtf import FlaskForm

from forumapp.core.checks import Dependent, discard_changes
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.localized import fallback_order, pick_language

T = TypeVar("T")


def _field_named(form, name: str):
    """The field whose HTML name is ``name``, however deep (a row of a list of rows)."""
    for field in form:
        if field.name == name:
            return field
        if field.type == "FieldList":
            for entry in field:
                found = _field_named(entry.form, name) if entry.type == "FormField" else None
                if found is not None:
                    return found
                if entry.name == name:
                    return entry
    return None


def show_error(form: FlaskForm, error: ServiceError) -> None:
    """Put a service's refusal beside the field it names, or above the form."""
    target = None
    if error.field:
        target = getattr(form, error.field, None)
        if target is None:
            target = _field_named(form, error.field)
    if target is not None and hasattr(target, "errors"):
        if target.type == "FormField":
            # A text in several languages: its errors are a dict, so the message
            # goes beside the whole group (templates/admin/_admin.html reads this).
            target.extra_errors = [*getattr(target, "extra_errors", []), error.message]
        elif isinstance(target.errors, list):
            target.errors.append(error.message)
        else:
            target.errors = [*target.errors, error.message]
    else:
        flash(error.message, "error")


def submit(form: FlaskForm, action: Callable[[], T]) -> T | None:
    """Validate the form's shape, then run the service; None means "show the form again"."""
    if not form.validate_on_submit():
        return None
    try:
        return action()
    except NotFound:
        discard_changes()
        abort(404)
    except ServiceError as error:
        discard_changes()
        show_error(form, error)
        return None


def run(action: Callable[[], T]) -> T:
    """Call a service outside a form (loading a page); unknown ids are a 404."""
    try:
        return action()
    except NotFound:
        abort(404)


def values(form: FlaskForm, cls: type[T], **extra: Any) -> T:
    """The dataclass ``cls`` filled from the form fields of the same names."""
    names = {f.name for f in dataclasses.fields(cls)}
    data = {name: value for name, value in form.data.items() if name in names}
    return cls(**(data | extra))


def confirm_delete(what: str, dependents: list[Dependent], form: FlaskForm, cancel_url: str) -> str:
    return render_template(
        "admin/confirm_delete.html",
        what=what,
        dependents=dependents,
        form=form,
        cancel_url=cancel_url,
    )


# -- choices for <select> fields -------------------------------------------------------


def display(text: dict | None) -> str:
    """A content text in the interface's language when it exists."""

    return pick_language(text, fallback_order(str(get_locale() or "ko")))
