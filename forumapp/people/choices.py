"""Select-field choices for the back office: people and organisations, in the interface language."""

from __future__ import annotations

from forumapp.core.web.admin_support import display
from forumapp.core.web.forms import none_choice, option
from forumapp.people import operations as people_service


def person_choices(empty: bool = True) -> list:
    people = people_service.list_people()
    choices = [
        option(
            p.id,
            p.display_name("en")
            + (f" ({p.name_hangul})" if p.name_hangul and p.name_latin else "")
            + (f" · {display(p.organisation.name)}" if p.organisation else ""),
        )
        for p in people
    ]
    return [none_choice(), *choices] if empty else choices


def organisation_choices() -> list:
    return [
        none_choice(),
        *(option(o.id, display(o.name)) for o in people_service.list_organisations()),
    ]
