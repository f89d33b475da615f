"""Select-field choices for the back office: visits and agreements, in the interface language."""

from __future__ import annotations

from forumapp.core.web.admin_support import display
from forumapp.core.web.forms import none_choice, option
from forumapp.visits import agreements as agreement_service
from forumapp.visits import visits as visit_service


def visit_choices() -> list:
    return [
        none_choice(),
        *(option(v.id, display(v.title)) for v in visit_service.list_visits()),
    ]


def agreement_choices() -> list:
    return [
        none_choice(),
        *(option(a.id, display(a.title)) for a in agreement_service.list_agreements()),
    ]
