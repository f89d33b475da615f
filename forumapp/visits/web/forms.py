from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional

from forumapp.core.web.forms import (
    LocalizedLongTextForm,
    LocalizedNameForm,
    LocalizedTextForm,
    option,
    optional_id,
)
from forumapp.visits.models import ItineraryKind, VisitStatus


class VisitForm(FlaskForm):
    title = FormField(LocalizedNameForm, label=_l("Title"))
    slug = StringField(_l("Address (slug)"), validators=[DataRequired(), Length(max=80)])
    visiting_country = StringField(
        _l("Visiting country (2 letters)"), validators=[DataRequired(), Length(2, 2)]
    )
    visiting_region = FormField(LocalizedTextForm, label=_l("Visiting region"))
    visiting_organisation_id = SelectField(
        _l("Visiting organisation"), coerce=optional_id, validate_choice=False
    )
    head_of_delegation_id = SelectField(
        _l("Head of delegation"), coerce=optional_id, validate_choice=False
    )
    host_organisation_id = SelectField(
        _l("Host organisation"), coerce=optional_id, validate_choice=False
    )
    timezone = StringField(_l("Time zone"), validators=[DataRequired()], default="Asia/Seoul")
    arrives_at = DateTimeLocalField(
        _l("Arrives (local time)"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()]
    )
    departs_at = DateTimeLocalField(
        _l("Departs (local time)"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()]
    )
    status = SelectField(_l("Status"), choices=[option(s.value, s.value) for s in VisitStatus])
    topics = StringField(_l("Topics"), description=_l("Short codes separated by commas."))
    is_public = BooleanField(_l("Public summary page"))
    purpose = FormField(LocalizedLongTextForm, label=_l("Purpose"))


class ListedPersonForm(FlaskForm):
    """A member or a host: who, and their role in the visit."""

    person_id = SelectField(_l("Person"), coerce=optional_id, validate_choice=False)
    role = FormField(LocalizedTextForm, label=_l("Role"))


class ItineraryForm(FlaskForm):
    title = FormField(LocalizedTextForm, label=_l("Title"))
    kind = SelectField(
        _l("Kind"), choices=[option(k.value, k.value.replace("_", " ")) for k in ItineraryKind]
    )
    day = DateField(_l("Day"), validators=[DataRequired()])
    starts = TimeField(_l("Starts"), validators=[DataRequired()])
    ends = TimeField(_l("Ends"), validators=[DataRequired()])
    location = FormField(LocalizedTextForm, label=_l("Location"))
    participant_ids = SelectMultipleField(_l("Participants"), coerce=int, validate_choice=False)
    time_provisional = BooleanField(_l("Time not confirmed yet"))
    description = FormField(LocalizedLongTextForm, label=_l("Description"))


class PressContactForm(FlaskForm):
    officer = StringField(_l("Officer"), validators=[DataRequired(), Length(max=120)])
    department = FormField(LocalizedTextForm, label=_l("Department"))
    position = FormField(LocalizedTextForm, label=_l("Position"))
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=64)])
    email = StringField(_l("E-mail"), validators=[Optional(), Length(max=255)])
    notes = TextAreaField(_l("Notes"), validators=[Optional()])
