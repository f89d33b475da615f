"""Interface language: ko, en, ru; chosen by ?lang=, then cookie, then account, then browser."""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from forumapp.core.extensions import babel

LANGUAGE_COOKIE = "lang"
LANGUAGE_NAMES = {"ko": "한국어", "en": "English", "ru": "Русский"}


def select_locale() -> str | None:
    if not has_request_context():
        return None  # the CLI and background work: BABEL_DEFAULT_LOCALE
    supported = list(LANGUAGE_NAMES)
    wanted = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    if wanted in supported:
        return wanted
    if current_user.is_authenticated and current_user.preferred_language in supported:
        return current_user.preferred_language
    return request.accept_languages.best_match(supported) or current_app.config.get(
        "BABEL_DEFAULT_LOCALE", "ko"
    )


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)

    @app.after_request
    def remember_language(response):
        # A link with ?lang= switches the interface for the rest of the visit.
        wanted = request.args.get("lang")
        if wanted in LANGUAGE_NAMES and request.cookies.get(LANGUAGE_COOKIE) != wanted:
            response.set_cookie(
                LANGUAGE_COOKIE, wanted, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
            )
        return response

    @app.context_processor
    def language_context():
        lang = current_lang()
        g.lang = lang
        return {"current_lang": lang, "language_names": LANGUAGE_NAMES}


def current_lang() -> str:
    """The interface language of this request: ko, en or ru."""
    return str(get_locale() or "ko")
