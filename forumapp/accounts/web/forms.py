from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=255)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me signed in"))


class NewTokenForm(FlaskForm):
    # The length rule lives in the service (its message is the one shown).
    name = StringField(
        _l("Name"),
        description=_l("What the token is for, e.g. 'CI sync' or 'Registration desk'."),
    )


class RevokeTokenForm(FlaskForm):
    # Ids beyond 32 bits name no token (and would overflow the database's integer).
    token_id = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=2**31 - 1)])
