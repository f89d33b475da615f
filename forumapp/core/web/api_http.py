"""What every API view shares: JSON errors, bodies checked against the published schema,
pagination, and conditional GETs (ETag / If-None-Match)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlencode

from flask import Response, request
from jsonschema import Draft202012Validator, FormatChecker

from forumapp.core.web.api_spec import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE

MAX_BODY_BYTES = 64 * 1024
# Dates outside these years cannot be an event, and near year 1 or 9999 converting a
# local time to UTC overflows Python's datetime.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
JSON_TYPE = "application/json"


class ApiError(Exception):
    """An answer with a JSON error body: ``{"error", "message", "fields"}``."""

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.fields = fields or {}
        self.headers = headers or {}


def bad_request(
    fields: dict[str, list[str]], message: str = "Some fields are not valid."
) -> ApiError:
    return ApiError(400, "validation_failed", message, fields)


def error_response(exc: ApiError) -> Response:
    response = json_response(
        {"error": exc.error, "message": exc.message, "fields": exc.fields}, status=exc.status
    )
    response.headers.update(exc.headers)
    return response


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dump(payload: Any) -> bytes:
    return json.dumps(
        payload, ensure_ascii=False, default=_jsonable, separators=(",", ":")
    ).encode()


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    response = Response(dump(payload), status=status, content_type=JSON_TYPE)
    if headers:
        response.headers.update(headers)
    return response


def etag_of(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:40]


def conditional(
    body: bytes, etag: str, *, private: bool, headers: dict[str, str] | None = None
) -> Response:
    """200 with the body, or 304 when the client's If-None-Match holds this ETag."""
    if etag in request.if_none_match or request.if_none_match.star_tag:
        response = Response(status=304)
    else:
        response = Response(body, status=200, content_type=JSON_TYPE)
        if headers:
            response.headers.update(headers)
    response.set_etag(etag)
    # Either way the client must ask again before reusing it; private answers depend on
    # the token, so shared caches must keep them apart (or not keep them at all).
    response.headers["Cache-Control"] = "private, no-cache" if private else "public, no-cache"
    if private:
        response.headers["Vary"] = "Authorization"
    return response


def read(payload: Any, *, private: bool, headers: dict[str, str] | None = None) -> Response:
    body = dump(payload)
    return conditional(body, etag_of(body), private=private, headers=headers)


# -- query parameters -------------------------------------------------------------------


def int_arg(name: str, default: int, low: int, high: int, errors: dict[str, list[str]]) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        errors[name] = [f"Give a whole number from {low} to {high}."]
        return default
    if not low <= value <= high:
        errors[name] = [f"Give a whole number from {low} to {high}."]
        return default
    return value


def date_arg(name: str, errors: dict[str, list[str]]) -> date | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    parsed = parse_date(raw)
    if parsed is None:
        errors[name] = ["Give a date as YYYY-MM-DD."]
    return parsed


def parse_date(raw: str) -> date | None:
    if len(raw) != 10:
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        return None
    return value if EARLIEST_YEAR <= value.year <= LATEST_YEAR else None


@dataclass(frozen=True)
class PageRequest:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def page_request(errors: dict[str, list[str]] | None = None) -> PageRequest:
    """``?page=&per_page=``, checked; raises 400 unless the caller collects errors."""
    own = errors is None
    errors = {} if errors is None else errors
    page = int_arg("page", 1, 1, MAX_PAGE, errors)
    per_page = int_arg("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE, errors)
    if own and errors:
        raise bad_request(errors)
    return PageRequest(page, per_page)


def _page_url(page: int, per_page: int) -> str:
    args = [(k, v) for k, v in request.args.items(multi=True) if k not in ("page", "per_page")]
    args += [("page", str(page)), ("per_page", str(per_page))]
    return f"{request.path}?{urlencode(args)}"


def paginate(
    items: Sequence[Any], wanted: PageRequest, render: Callable[[Any], dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, str]]:
    """One page of ``items`` as ``{items, page, per_page, total, next, previous}`` and its
    Link header. URLs are relative, so a cached body does not depend on the host name."""
    total = len(items)
    chunk = items[wanted.offset : wanted.offset + wanted.per_page]
    has_next = wanted.offset + wanted.per_page < total
    has_previous = wanted.page > 1
    next_url = _page_url(wanted.page + 1, wanted.per_page) if has_next else None
    previous_url = _page_url(wanted.page - 1, wanted.per_page) if has_previous else None
    links = []
    if next_url:
        links.append(f'<{next_url}>; rel="next"')
    if previous_url:
        links.append(f'<{previous_url}>; rel="prev"')
    payload = {
        "items": [render(item) for item in chunk],
        "page": wanted.page,
        "per_page": wanted.per_page,
        "total": total,
        "next": next_url,
        "previous": previous_url,
    }
    return payload, ({"Link": ", ".join(links)} if links else {})


# -- request bodies -------------------------------------------------------------------------


def _field_names(error) -> list[str]:
    """Where a schema error belongs, read from the error's structure (the schema, the
    instance, the path), never from jsonschema's English message."""
    path = [str(p) for p in error.absolute_path]
    names = [""]
    if isinstance(error.instance, dict):
        if error.validator == "required":
            names = [n for n in error.validator_value if n not in error.instance] or names
        elif error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            names = [n for n in error.instance if n not in known] or names
    return [".".join(p for p in (*path, name) if p) or "body" for name in names]


MESSAGES = {
    "required": "This field is required.",
    "additionalProperties": "Unknown field.",
    "type": "Must be of type {value}.",
    "maxLength": "At most {value} characters.",
    "minLength": "At least {value} character(s).",
    "maximum": "At most {value}.",
    "minimum": "At least {value}.",
    "pattern": "Not in the expected format.",
    "format": "Not a valid {value}.",
    "maxItems": "At most {value} items.",
    "minItems": "At least {value} item(s).",
}


def _message(error) -> str:
    if error.validator == "enum":
        return "Choose one of: " + ", ".join(map(str, error.validator_value)) + "."
    template = MESSAGES.get(error.validator, "Not valid here.")
    return template.format(value=error.validator_value)


def _unsafe_text(value: Any, where: str, errors: dict[str, list[str]]) -> None:
    """NUL cannot be stored in PostgreSQL text, and lone surrogates cannot be UTF-8."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            errors.setdefault(where or "body", []).append("Not valid Unicode text.")
            return
        if "\x00" in value:
            errors.setdefault(where or "body", []).append("Must not contain NUL characters.")
    elif isinstance(value, dict):
        for key, item in value.items():
            _unsafe_text(key, where or "body", errors)
            _unsafe_text(item, f"{where}.{key}" if where else str(key), errors)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _unsafe_text(item, f"{where}.{index}" if where else str(index), errors)


_validators: dict[int, Draft202012Validator] = {}


def _validator(schema: dict[str, Any], components: dict[str, Any]) -> Draft202012Validator:
    key = id(schema)
    if key not in _validators:
        # "#/components/schemas/X" resolves against this root, as in the published document.
        root = {**schema, "components": {"schemas": components}}
        _validators[key] = Draft202012Validator(root, format_checker=FormatChecker())
    return _validators[key]


def read_body(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    """The request's JSON object, valid against ``schema``; 413, 415 or 400 otherwise."""
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise ApiError(413, "too_large", f"The body can be at most {MAX_BODY_BYTES} bytes.")
    if request.mimetype != JSON_TYPE:
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json.")
    raw = request.get_data(cache=True)
    if len(raw) > MAX_BODY_BYTES:
        raise ApiError(413, "too_large", f"The body can be at most {MAX_BODY_BYTES} bytes.")
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "invalid_json", "The body is not valid JSON.") from None
    errors: dict[str, list[str]] = {}
    _unsafe_text(body, "", errors)
    if errors:
        raise bad_request(errors)
    for error in _validator(schema, components).iter_errors(body):
        message = _message(error)
        for name in _field_names(error):
            said = errors.setdefault(name, [])
            if message not in said:  # one "required" error per missing field, say it once
                said.append(message)
    if errors:
        raise bad_request(errors)
    return body


def body_date(body: dict[str, Any], name: str, errors: dict[str, list[str]]) -> date | None:
    raw = body.get(name)
    if raw is None:
        return None
    parsed = parse_date(raw)
    if parsed is None:
        errors[name] = [f"Give a date between {EARLIEST_YEAR} and {LATEST_YEAR} as YYYY-MM-DD."]
    return parsed


def body_time(body: dict[str, Any], name: str, errors: dict[str, list[str]]) -> time | None:
    raw = body.get(name)
    if raw is None:
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        errors[name] = ["Give a time as HH:MM."]
        return None
