"""Template filters: pick a translation, show a UTC time on the event's wall clock."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, g

from forumapp.core.localized import DEFAULT_FALLBACK, fallback_order, pick_language
from forumapp.core.timezones import get_zone


def init_app(app: Flask) -> None:
    @app.template_filter("l10n")
    def l10n(text: dict | None, forum_order=None) -> str:
        lang = getattr(g, "lang", None)
        return pick_language(text, fallback_order(lang, forum_order or DEFAULT_FALLBACK))

    @app.template_filter("localtime")
    def localtime(value: datetime | None, zone: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
        if value is None:
            return ""
        return value.astimezone(get_zone(zone)).strftime(fmt)

    @app.template_filter("person_name")
    def person_name(person) -> str:
        return person.display_name(getattr(g, "lang", "ko")) if person else ""
