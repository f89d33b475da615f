"""Forms of the B2B pages: they check shape; the services check the rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from forumapp.b2b import limits
from forumapp.b2b.models import MatchmakingMode, RequestPreference
from forumapp.b2b.profiles import SECTOR_LABELS

try:  # WTForms 3.3 deprecates (value, label) tuples in favour of SelectChoice
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - older WTForms
    SelectChoice = None


def option(value, label):
    # Keep lazy labels lazy: str() here would freeze them in the language of import time.
    return SelectChoice(value, label) if SelectChoice else (value, label)


def sector_choices() -> list:
    return [option(s.value, label) for s, label in SECTOR_LABELS.items()]


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class ProfileForm(FlaskForm):
    country = StringField(
        _l("Country (two letters, e.g. KR, KZ)"), validators=[DataRequired(), Length(max=2)]
    )
    languages = StringField(
        _l("Languages you meet in (codes, comma-separated: ko, ru, kk, en)"),
        validators=[DataRequired(), Length(max=60)],
    )
    sectors = MultiCheckboxField(_l("Sectors"), choices=sector_choices)
    offers = TextAreaField(_l("What you offer"), validators=[Length(max=limits.PROFILE_TEXT_MAX)])
    needs = TextAreaField(
        _l("What you are looking for"), validators=[Length(max=limits.PROFILE_TEXT_MAX)]
    )
    products = TextAreaField(_l("Products"), validators=[Length(max=limits.PROFILE_TEXT_MAX)])
    contact_name = StringField(
        _l("Contact person"), validators=[Length(max=limits.CONTACT_NAME_MAX)]
    )
    contact_email = StringField(
        _l("Contact e-mail"), validators=[Length(max=limits.CONTACT_EMAIL_MAX)]
    )
    contact_phone = StringField(
        _l("Contact phone"), validators=[Length(max=limits.CONTACT_PHONE_MAX)]
    )


class RequestForm(FlaskForm):
    preference = SelectField(
        _l("How important is this meeting?"),
        choices=[
            option(RequestPreference.MEET.value, _l("We would like to meet")),
            option(RequestPreference.MUST_MEET.value, _l("We must meet")),
        ],
        default=RequestPreference.MEET.value,
    )
    message = TextAreaField(_l("Message"), validators=[Length(max=limits.REQUEST_MESSAGE_MAX)])


class BookForm(FlaskForm):
    slot = HiddenField(validators=[DataRequired()])


class ActionForm(FlaskForm):
    """A bare POST with a CSRF token: accept, decline, cancel, join, lock, publish."""


class MatchmakingForm(FlaskForm):
    session_id = SelectField(_l("B2B session of the programme"), coerce=int)
    slot_minutes = IntegerField(
        _l("Meeting length (minutes)"), default=20, validators=[DataRequired(), NumberRange(1)]
    )
    break_minutes = IntegerField(
        _l("Break between meetings (minutes)"), default=5, validators=[NumberRange(0)]
    )
    table_count = IntegerField(
        _l("Tables"), default=10, validators=[DataRequired(), NumberRange(1, 500)]
    )
    mode = SelectField(
        _l("Mode"),
        choices=[
            option(MatchmakingMode.REQUEST_THEN_SCHEDULE.value, _l("Requests, then we schedule")),
            option(MatchmakingMode.SELF_BOOKING.value, _l("Companies book free slots themselves")),
        ],
    )
    meeting_cap = IntegerField(
        _l("Most meetings per company (empty: no limit)"),
        validators=[Optional(), NumberRange(0)],
    )


class OutcomeForm(FlaskForm):
    status = SelectField(
        _l("The meeting"),
        choices=[
            option("held", _l("was held")),
            option("no_show", _l("did not take place (no-show)")),
            option("scheduled", _l("not yet recorded")),
        ],
    )
    currency = StringField(_l("Currency"), default="USD", validators=[Length(max=3)])
    consultation_amount = IntegerField(
        _l("Consultation amount (상담액)"), default=0, validators=[Optional(), NumberRange(0)]
    )
    negotiation_amount = IntegerField(
        _l("Amount under negotiation (계약추진액)"),
        default=0,
        validators=[Optional(), NumberRange(0)],
    )
    contract_amount = IntegerField(
        _l("Contract signed amount (계약체결액)"),
        default=0,
        validators=[Optional(), NumberRange(0)],
    )
    mou_signed = BooleanField(_l("MOU signed"))
    follow_up_note = TextAreaField(_l("Follow-up"), validators=[Length(max=4000)])
