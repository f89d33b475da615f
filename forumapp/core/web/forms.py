"""Pieces every back-office form shares."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional


def optional_id(value) -> int | None:
    """Coerce a <select> value to an id, '' (the "none" choice) to None."""
    if value in (None, "", "None"):
        return None
    return int(value)


class LocalizedTextForm(Form):
    """One text in the content languages; rendered as a group of inputs."""

    ko = StringField(_l("Korean"))
    en = StringField(_l("English"))
    ru = StringField(_l("Russian"))


class LocalizedNameForm(LocalizedTextForm):
    """A name or title, which guests also have in their own language (Kazakh, Uzbek).

    Other texts show ko/en/ru only; the services keep whatever languages a form
    does not show."""

    kk = StringField(_l("Kazakh"))
    uz = StringField(_l("Uzbek"))


class LocalizedLongTextForm(Form):
    ko = TextAreaField(_l("Korean"))
    en = TextAreaField(_l("English"))
    ru = TextAreaField(_l("Russian"))


def count_field(label):
    return IntegerField(label, validators=[Optional(), NumberRange(min=0)])


class ConfirmForm(FlaskForm):
    """A bare POST with a CSRF token: delete, move, remove."""

    confirm = HiddenField(default="yes")


try:  # WTForms 3.3 deprecates (value, label) tuples in favour of SelectChoice
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - older WTForms
    SelectChoice = None


def option(value, label):
    """One <option> in whatever form the installed WTForms prefers."""
    # Keep lazy labels lazy: str() here would freeze them in the language of import time.
    return SelectChoice(value, label) if SelectChoice else (value, label)


def none_choice(label=None):
    return option("", label or "—")
