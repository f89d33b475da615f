from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FormField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from forumapp.core.web.forms import (
    LocalizedLongTextForm,
    LocalizedNameForm,
    LocalizedTextForm,
    option,
    optional_id,
)
from forumapp.people.models import OrganisationKind


class PersonForm(FlaskForm):
    name_hangul = StringField(_l("Name in Hangul"), validators=[Optional(), Length(max=120)])
    name_latin = StringField(_l("Name in Latin script"), validators=[Optional(), Length(max=160)])
    name_native = StringField(_l("Name in native script"), validators=[Optional(), Length(max=160)])
    title = FormField(LocalizedTextForm, label=_l("Position"))
    organisation_id = SelectField(_l("Organisation"), coerce=optional_id, validate_choice=False)
    email = StringField(_l("E-mail"), validators=[Optional(), Length(max=255)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=64)])
    languages = StringField(_l("Languages"), description=_l("e.g. ko, en, ru"))
    bio = FormField(LocalizedLongTextForm, label=_l("Biography"))


class OrganisationForm(FlaskForm):
    name = FormField(LocalizedNameForm, label=_l("Name"))
    kind = SelectField(_l("Kind"), choices=[option(k.value, k.value) for k in OrganisationKind])
    short_name = StringField(_l("Short name"), validators=[Optional(), Length(max=80)])
    country = StringField(_l("Country (2 letters)"), validators=[DataRequired(), Length(2, 2)])
    region = FormField(LocalizedTextForm, label=_l("Region"))
    sectors = StringField(_l("Sectors"), description=_l("Short codes separated by commas."))
    website = StringField(_l("Website"), validators=[Optional(), Length(max=255)])
    email = StringField(_l("E-mail"), validators=[Optional(), Length(max=255)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=64)])
    notes = TextAreaField(_l("Notes"), validators=[Optional()])
