"""Translated names of session roles and kinds, shared by pages, calendars and the CLI.

Exports take a ``role_label`` callable rather than importing Flask-Babel, so they stay
usable (in English) without an application; the web and the CLI pass ``role_label``
from here, which speaks the current locale.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "keynote": _l("Keynote"),
    "speaker": _l("Speaker"),
    "moderator": _l("Moderator"),
    "panellist": _l("Panellist"),
    "discussant": _l("Discussant"),
    "opening_remarks": _l("Opening remarks"),
    "welcome_remarks": _l("Welcome remarks"),
    "congratulatory_remarks": _l("Congratulatory remarks"),
    "performer": _l("Performer"),
}

KIND_LABELS = {
    "opening_ceremony": _l("Opening ceremony"),
    "keynote": _l("Keynote"),
    "panel": _l("Panel"),
    "presentation": _l("Presentation"),
    "b2b": _l("B2B meetings"),
    "networking": _l("Networking"),
    "break": _l("Break"),
    "cultural": _l("Cultural programme"),
    "site_visit": _l("Site visit"),
    "signing": _l("Signing"),
    "press": _l("Press"),
}


def role_label(role: str) -> str:
    label = ROLE_LABELS.get(role)
    return str(label) if label is not None else role.replace("_", " ")


def kind_label(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return str(label) if label is not None else kind.replace("_", " ")
