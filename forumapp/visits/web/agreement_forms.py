from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from forumapp.core.web.forms import (
    LocalizedLongTextForm,
    LocalizedNameForm,
    LocalizedTextForm,
    option,
    optional_id,
)
from forumapp.visits.agreement_model import AgreementKind, AgreementStatus, FollowUpStatus


class AgreementForm(FlaskForm):
    title = FormField(LocalizedNameForm, label=_l("Title"))
    kind = SelectField(
        _l("Kind"), choices=[option(k.value, k.value.upper()) for k in AgreementKind]
    )
    status = SelectField(_l("Status"), choices=[option(s.value, s.value) for s in AgreementStatus])
    signed_on = DateField(_l("Signed on"), validators=[Optional()])
    expires_on = DateField(_l("Expires on"), validators=[Optional()])
    visit_id = SelectField(_l("Visit"), coerce=optional_id, validate_choice=False)
    forum_id = SelectField(_l("Forum"), coerce=optional_id, validate_choice=False)
    summary = FormField(LocalizedLongTextForm, label=_l("Summary"))


class PartyForm(FlaskForm):
    organisation_id = SelectField(_l("Organisation"), coerce=optional_id, validate_choice=False)
    signatory_id = SelectField(_l("Signatory"), coerce=optional_id, validate_choice=False)


class FollowUpForm(FlaskForm):
    title = FormField(LocalizedTextForm, label=_l("Action"))
    status = SelectField(
        _l("Status"), choices=[option(s.value, s.value.replace("_", " ")) for s in FollowUpStatus]
    )
    due_on = DateField(_l("Due on"), validators=[Optional()])
    done_on = DateField(_l("Done on"), validators=[Optional()])
    host_owner_id = SelectField(_l("Our owner"), coerce=optional_id, validate_choice=False)
    host_owner_note = StringField(_l("Our owner (note)"), validators=[Optional(), Length(max=200)])
    partner_owner_id = SelectField(_l("Partner's owner"), coerce=optional_id, validate_choice=False)
    partner_owner_note = StringField(
        _l("Partner's owner (note)"), validators=[Optional(), Length(max=200)]
    )
    visit_id = SelectField(_l("Visit"), coerce=optional_id, validate_choice=False)
    forum_id = SelectField(_l("Forum"), coerce=optional_id, validate_choice=False)
    agreement_id = SelectField(_l("Agreement"), coerce=optional_id, validate_choice=False)
    details = TextAreaField(_l("Details"), validators=[Optional()])
