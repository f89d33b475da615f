from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, FormField, IntegerField, SelectField, StringField, TimeField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from forumapp.core.web.forms import (
    LocalizedLongTextForm,
    LocalizedNameForm,
    LocalizedTextForm,
    count_field,
    option,
    optional_id,
)
from forumapp.programme.models import OrganiserRole

ORGANISER_ROLE_LABELS = {
    OrganiserRole.HOST: _l("Host"),
    OrganiserRole.CO_HOST: _l("Co-host"),
    OrganiserRole.ORGANISER: _l("Organiser"),
    OrganiserRole.SPONSOR: _l("Sponsor"),
    OrganiserRole.PARTNER: _l("Partner"),
}


class ForumForm(FlaskForm):
    title = FormField(LocalizedNameForm, label=_l("Title"))
    slug = StringField(
        _l("Address (slug)"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("Lower-case letters, digits and hyphens, e.g. jeonbuk-2026."),
    )
    timezone = StringField(
        _l("Time zone"),
        validators=[DataRequired(), Length(max=64)],
        default="Asia/Seoul",
        description=_l("IANA name, e.g. Asia/Seoul or Asia/Almaty."),
    )
    start_date = DateField(_l("First day"), validators=[DataRequired()])
    end_date = DateField(_l("Last day"), validators=[DataRequired()])
    venue_id = SelectField(_l("Venue"), coerce=optional_id, validate_choice=False)
    expected_attendance = count_field(_l("Expected attendance"))
    language_fallback = StringField(
        _l("Language order"),
        default="ko, en, ru",
        description=_l("Which translation to show when the reader's language is missing."),
    )
    motto = FormField(LocalizedTextForm, label=_l("Motto"))
    description = FormField(LocalizedLongTextForm, label=_l("Description"))


class DuplicateForumForm(FlaskForm):
    slug = StringField(
        _l("Address (slug) of the copy"), validators=[DataRequired(), Length(max=80)]
    )
    start_date = DateField(
        _l("First day of the copy"),
        validators=[Optional()],
        description=_l("Sessions move with it; leave empty to keep the dates."),
    )


class DayForm(FlaskForm):
    day = DateField(_l("Date"), validators=[DataRequired()])
    opens_at = TimeField(_l("Opens"), validators=[DataRequired()])
    closes_at = TimeField(_l("Closes"), validators=[DataRequired()])
    label = FormField(LocalizedTextForm, label=_l("Label"))


class VenueForm(FlaskForm):
    name = FormField(LocalizedNameForm, label=_l("Name"))
    city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    country = StringField(_l("Country (2 letters)"), validators=[DataRequired(), Length(2, 2)])
    timezone = StringField(_l("Time zone"), validators=[DataRequired(), Length(max=64)])
    address = FormField(LocalizedTextForm, label=_l("Address"))
    website = StringField(_l("Website"), validators=[Optional(), Length(max=255)])


class RoomForm(FlaskForm):
    name = FormField(LocalizedTextForm, label=_l("Name"))
    capacity = count_field(_l("Capacity"))
    floor = StringField(_l("Floor"), validators=[Optional(), Length(max=40)])
    position = IntegerField(
        _l("Order on the grid"), validators=[Optional(), NumberRange(min=0, max=1000)]
    )


class ForumOrganiserForm(FlaskForm):
    """Credit an organisation in the forum (host, co-host, organiser, sponsor, partner)."""

    organisation_id = SelectField(_l("Organisation"), coerce=optional_id, validate_choice=False)
    role = SelectField(
        _l("Role"),
        choices=[option(role.value, label) for role, label in ORGANISER_ROLE_LABELS.items()],
        default=OrganiserRole.CO_HOST.value,
    )
