"""The /api/v1 blueprint, its OpenAPI registry and its error answers.

A feature's own errors are answered by its API module (``b2b.api``: SlotTaken), whose
route table ``api_blueprint`` is given.
"""

from __future__ import annotations

import logging

from flask import Blueprint
from sqlalchemy.exc import DataError, IntegrityError

from forumapp.accounts.api_auth import forget_user
from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.web.api_http import ApiError, error_response
from forumapp.core.web.api_spec import MAX_ID, ApiRoutes, ApiSpec

log = logging.getLogger("forumapp.api")

URL_PREFIX = "/api/v1"
spec = ApiSpec()


def api_blueprint(*tables: ApiRoutes) -> Blueprint:
    """A new /api/v1 blueprint with the common error answers and the tables' operations."""
    bp = Blueprint("api", __name__, url_prefix=URL_PREFIX)
    bp.url_value_preprocessor(refuse_impossible_path_values)
    bp.teardown_request(forget_user)
    for error, handler in (
        (ApiError, api_error),
        (NotFound, not_found),
        (ServiceError, refused),
        (IntegrityError, integrity_conflict),
        (DataError, data_refused),
    ):
        bp.register_error_handler(error, handler)
    for table in tables:
        table.register(bp)
    return bp


def refuse_impossible_path_values(_endpoint, values) -> None:
    """An id beyond 32 bits or a NUL in a key names nothing; asking the database would
    fail (integer out of range, NUL in text) instead of answering "not found"."""
    for value in (values or {}).values():
        if (isinstance(value, int) and value > MAX_ID) or (
            isinstance(value, str) and "\x00" in value
        ):
            raise ApiError(404, "not_found", "No such resource.")


def api_error(exc: ApiError):
    return error_response(exc)


def error_fields(exc: ServiceError) -> dict[str, list[str]]:
    return {exc.field: [exc.message]} if exc.field else {}


def not_found(exc: NotFound):
    return error_response(ApiError(404, "not_found", exc.message))


def refused(exc: ServiceError):
    """A business rule said no: well-formed, not acceptable (422), beside its field."""
    return error_response(ApiError(422, "refused", exc.message, error_fields(exc)))


def integrity_conflict(exc: IntegrityError):
    # A concurrent write won a unique constraint (two creates of one slug at once):
    # the state changed under the request, which is a conflict, not a server fault.
    log.warning("API integrity conflict: %s", str(exc.orig).splitlines()[0] if exc.orig else exc)
    return error_response(
        ApiError(409, "conflict", "Someone changed this at the same time; reload and retry.")
    )


def data_refused(exc: DataError):
    # Validation should have caught it; answer 400 all the same, and log it to fix.
    log.error("API value refused by the database: %s", exc)
    return error_response(ApiError(400, "invalid_value", "A value is out of range."))
