from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField

from forumapp.core.web.forms import option


class ImportUploadForm(FlaskForm):
    kind = SelectField(
        _l("What the file lists"),
        choices=[option("people", _l("People")), option("organisations", _l("Organisations"))],
    )
    file = FileField(
        _l("CSV or Excel file"),
        validators=[
            FileRequired(_l("Choose a file.")),
            FileAllowed(["csv", "txt", "xlsx"], _l("Use a .csv or .xlsx file.")),
        ],
        description=_l("The first row names the columns; nothing is written before you confirm."),
    )
