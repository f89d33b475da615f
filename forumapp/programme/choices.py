"""Select-field choices for the back office: forums, in the interface language."""

from __future__ import annotations

from forumapp.core.web.admin_support import display
from forumapp.core.web.forms import none_choice, option
from forumapp.programme import forums as forum_service


def forum_choices() -> list:
    return [
        none_choice(),
        *(option(f.id, display(f.title)) for f in forum_service.list_forums()),
    ]
