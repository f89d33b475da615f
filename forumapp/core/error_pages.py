"""Error pages: every failure a user can cause gets a clear page, never a 500."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from forumapp.core.extensions import db

log = logging.getLogger("forumapp.errors")


def _wants_json() -> bool:
    return request.path.startswith("/api/") or (request.accept_mimetypes.best == "application/json")


def _error_response(status: int, error: str, message: str) -> Response:
    if _wants_json():
        response = jsonify({"error": error, "message": message, "fields": {}})
    else:
        response = make_response(
            render_template("errors/error.html", status=status, message=message)
        )
    response.status_code = status
    return response


def _has_nul(values) -> bool:
    return any("\x00" in value for _key, value in values.items(multi=True))


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_nul_characters():
        # PostgreSQL text cannot hold NUL, so a form field or query value with one
        # would reach the database as an error; no real input has it. (The JSON API
        # checks its own bodies and answers with a field message.)
        if request.path.startswith("/api/"):
            return None
        if _has_nul(request.args) or (request.method == "POST" and _has_nul(request.form)):
            return _error_response(
                400, "nul_character", _("The request holds a NUL character; remove it and retry.")
            )
        return None

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return _error_response(
            400, "csrf_failed", "The form expired or was sent from elsewhere. Reload and try again."
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return _error_response(exc.code or 500, exc.name.lower().replace(" ", "_"), exc.description)

    @app.errorhandler(OperationalError)
    def database_unavailable(exc: DBAPIError):
        # The database went away (restart, network); pool_pre_ping reconnects
        # once it is back, so a clean 503 is the honest answer meanwhile.

        db.session.rollback()
        log.error(
            "database unavailable: %s", str(exc.orig).strip().splitlines()[0] if exc.orig else exc
        )
        response = _error_response(
            503,
            "database_unavailable",
            "The database is not reachable right now. Please retry shortly.",
        )
        response.headers["Retry-After"] = "30"
        return response
