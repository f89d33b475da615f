from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from forumapp.core.web.forms import (
    LocalizedLongTextForm,
    LocalizedNameForm,
    LocalizedTextForm,
    count_field,
    option,
    optional_id,
)
from forumapp.programme.models import SessionKind, SessionRoleKind


class SessionForm(FlaskForm):
    title = FormField(LocalizedNameForm, label=_l("Title"))
    kind = SelectField(
        _l("Kind"),
        choices=[option(k.value, k.value.replace("_", " ")) for k in SessionKind],
        default=SessionKind.PRESENTATION.value,
    )
    day = DateField(_l("Day"), validators=[DataRequired()])
    starts = TimeField(_l("Starts"), validators=[DataRequired()])
    ends = TimeField(_l("Ends"), validators=[DataRequired()])
    room_id = SelectField(_l("Room"), coerce=optional_id, validate_choice=False)
    expected_attendance = count_field(_l("Expected attendance"))
    track = StringField(_l("Track"), validators=[Optional(), Length(max=80)])
    language = StringField(_l("Spoken language"), validators=[Optional(), Length(max=8)])
    interpretation = StringField(_l("Interpretation into"), description=_l("e.g. ko, en, ru"))
    time_provisional = BooleanField(_l("Time not confirmed yet"))
    description = FormField(LocalizedLongTextForm, label=_l("Description"))


class RoleForm(FlaskForm):
    person_id = SelectField(_l("Person"), coerce=optional_id, validate_choice=False)
    role = SelectField(
        _l("Role"),
        choices=[option(k.value, k.value.replace("_", " ")) for k in SessionRoleKind],
        default=SessionRoleKind.SPEAKER.value,
    )
    topic = FormField(LocalizedTextForm, label=_l("Topic (if not the session's)"))


class SpeakerRowForm(Form):
    """One speaker of a session being created; rows left without a person are ignored."""

    person_id = SelectField(_l("Person"), coerce=optional_id, validate_choice=False)
    role = SelectField(
        _l("Role"),
        choices=[option(k.value, k.value.replace("_", " ")) for k in SessionRoleKind],
        default=SessionRoleKind.SPEAKER.value,
    )


SPEAKER_ROWS_SHOWN = 3
SPEAKER_ROWS_MAX = 30


class NewSessionForm(SessionForm):
    """The session form plus its first speakers, so a session is complete in one save."""

    speakers = FieldList(
        FormField(SpeakerRowForm),
        label=_l("Speakers"),
        min_entries=SPEAKER_ROWS_SHOWN,
        max_entries=SPEAKER_ROWS_MAX,
    )


class ShiftForm(FlaskForm):
    session_ids = SelectMultipleField(_l("Sessions"), coerce=int, validate_choice=False)
    minutes = IntegerField(
        _l("Shift by minutes"),
        validators=[DataRequired(), NumberRange(min=-1440, max=1440)],
        description=_l("Negative moves earlier."),
    )


class MoveRoomForm(FlaskForm):
    room_id = SelectField(_l("Room"), coerce=optional_id, validate_choice=False)


class PublishForm(FlaskForm):
    name = StringField(_l("Release name"), validators=[DataRequired(), Length(max=120)])
