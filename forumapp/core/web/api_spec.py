"""The OpenAPI 3.1 document, written beside the views it describes.

An API module declares each view with ``ApiRoutes.operation``, which keeps the Flask
route and the operation's entry in the document together: ``forumapp.api.views`` adds a
module's table to the document (``ApiSpec.include``) and to the blueprint
(``ApiRoutes.register``), so neither can exist without the other.
Request bodies are validated against the very schema the document publishes
(``forumapp.core.web.api_http.read_body``), and the errors every operation can answer are
added here from what the operation takes (auth, path ids, query, body).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint

API_TITLE = "forumapp API"
API_VERSION = "1.0.0"
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL
MAX_PAGE = 10_000
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20

ERROR_DESCRIPTIONS = {
    400: "The request is malformed: `fields` names each bad field or parameter.",
    401: "No valid API token (send `Authorization: Bearer <token>`).",
    403: "The token's account may not use this operation.",
    404: "No such resource, or not one of the caller's own.",
    409: "Conflict with the current state (e.g. the slot was booked by someone else).",
    413: "The request body is too large.",
    415: "The request body must be `application/json`.",
    422: "Well-formed, but a business rule refused it: `fields` says where.",
}

ROLE_DESCRIPTIONS = {
    "organiser": "Needs an organiser's token.",
    "company": "Needs a company representative's token; acts on the caller's own company only.",
}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


@dataclass
class Operation:
    rule: str  # the Flask rule, e.g. /forums/<slug>
    method: str
    endpoint: str
    summary: str
    tag: str
    role: str | None = None  # None (public), "organiser" or "company"
    query: list[dict[str, Any]] = field(default_factory=list)
    body: dict[str, Any] | None = None  # JSON schema of the request body
    responses: dict[int, tuple[str, dict[str, Any] | None]] = field(default_factory=dict)
    paginated: bool = False
    conflict: bool = False  # may answer 409
    refusable: bool = False  # a read a business rule can refuse (422); writes always can
    description: str = ""

    @property
    def path(self) -> str:
        return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", self.rule)

    @property
    def path_params(self) -> list[tuple[str, str]]:
        return [
            (name, converter or "string")
            for converter, name in re.findall(r"<(?:([a-z]+):)?([a-z_]+)>", self.rule)
        ]

    @property
    def cacheable(self) -> bool:
        return self.method == "GET"


class ApiRoutes:
    """One API module's operations (with their views) and its own error answers."""

    def __init__(self) -> None:
        self.operations: list[tuple[Operation, Callable]] = []
        self.error_handlers: list[tuple[type[Exception], Callable]] = []

    def operation(self, rule: str, method: str = "GET", **details: Any) -> Callable:
        def declare(view: Callable) -> Callable:
            self.operations.append((Operation(rule, method, view.__name__, **details), view))
            return view

        return declare

    def errorhandler(self, error: type[Exception]) -> Callable:
        def declare(handler: Callable) -> Callable:
            self.error_handlers.append((error, handler))
            return handler

        return declare

    def register(self, bp: Blueprint) -> None:
        for op, view in self.operations:
            bp.add_url_rule(op.rule, op.endpoint, view, methods=[op.method])
        for error, handler in self.error_handlers:
            bp.register_error_handler(error, handler)


class ApiSpec:
    """Every operation of the API and the schemas they name."""

    def __init__(self) -> None:
        self.operations: dict[str, Operation] = {}  # by endpoint name
        self.schemas: dict[str, dict[str, Any]] = {}

    def schema(self, name: str, definition: dict[str, Any]) -> dict[str, str]:
        self.schemas[name] = definition
        return ref(name)

    def include(self, routes: ApiRoutes) -> None:
        for op, _view in routes.operations:
            if op.endpoint in self.operations:
                raise ValueError(f"duplicate API endpoint {op.endpoint}")
            self.operations[op.endpoint] = op

    # -- the document ---------------------------------------------------------------
    def document(self, server_url: str) -> dict[str, Any]:
        paths: dict[str, dict[str, Any]] = {}
        for op in self.operations.values():
            paths.setdefault(op.path, {})[op.method.lower()] = self._operation_object(op)
        return {
            "openapi": "3.1.0",
            "info": {
                "title": API_TITLE,
                "version": API_VERSION,
                "description": (
                    "Published forum programmes (public), forum and session management "
                    "(organisers) and B2B matchmaking (company representatives). "
                    "Authenticate with a personal API token: `Authorization: Bearer fa_...`; "
                    "browser session cookies are not accepted. Errors are "
                    '`{"error", "message", "fields"}`.'
                ),
            },
            "servers": [{"url": server_url}],
            "tags": sorted(
                ({"name": t} for t in {o.tag for o in self.operations.values()}),
                key=lambda t: t["name"],
            ),
            "paths": dict(sorted(paths.items())),
            "components": {
                "schemas": {**COMMON_SCHEMAS, **self.schemas},
                "securitySchemes": {
                    "bearerToken": {
                        "type": "http",
                        "scheme": "bearer",
                        "description": "A personal API token (`forumapp tokens create`).",
                    }
                },
                "headers": {
                    "ETag": {"description": "Entity tag of the body", "schema": {"type": "string"}},
                    "Link": {
                        "description": "RFC 8288 links to the next and previous pages",
                        "schema": {"type": "string"},
                    },
                },
            },
        }

    def _operation_object(self, op: Operation) -> dict[str, Any]:
        parameters = [
            {
                "name": name,
                "in": "path",
                "required": True,
                "schema": (
                    {"type": "integer", "minimum": 1, "maximum": MAX_ID}
                    if converter == "int"
                    else {"type": "string", "minLength": 1, "maxLength": 80}
                ),
            }
            for name, converter in op.path_params
        ]
        parameters += op.query
        if op.paginated:
            parameters += PAGE_PARAMETERS
        if op.cacheable:
            parameters.append(
                {
                    "name": "If-None-Match",
                    "in": "header",
                    "required": False,
                    "description": "An ETag from an earlier answer: 304 when unchanged.",
                    "schema": {"type": "string", "maxLength": 200},
                }
            )
        responses: dict[str, Any] = {}
        for status, (description, schema) in sorted(op.responses.items()):
            response: dict[str, Any] = {"description": description}
            if schema is not None:
                response["content"] = {"application/json": {"schema": schema}}
            if op.cacheable and 200 <= status < 300:
                response["headers"] = {"ETag": {"$ref": "#/components/headers/ETag"}}
                if op.paginated:
                    response["headers"]["Link"] = {"$ref": "#/components/headers/Link"}
            responses[str(status)] = response
        if op.cacheable:
            responses["304"] = {
                "description": "Not modified: the If-None-Match ETag is still current.",
                "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
            }
        for status in self._error_statuses(op):
            responses[str(status)] = {
                "description": ERROR_DESCRIPTIONS[status],
                "content": {"application/json": {"schema": ref("Error")}},
            }
        obj: dict[str, Any] = {
            "operationId": op.endpoint,
            "summary": op.summary,
            "tags": [op.tag],
            "parameters": parameters,
            "responses": dict(sorted(responses.items())),
        }
        description = " ".join(filter(None, [op.description, ROLE_DESCRIPTIONS.get(op.role)]))
        if description:
            obj["description"] = description
        if op.role:
            obj["security"] = [{"bearerToken": []}]
        else:
            obj["security"] = []
        if op.body is not None:
            obj["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": op.body}},
            }
        return obj

    @staticmethod
    def _error_statuses(op: Operation) -> list[int]:
        statuses = set()
        if op.query or op.paginated or op.body is not None:
            statuses.add(400)
        if op.role:
            statuses |= {401, 403}
        if op.path_params or op.role == "company":
            statuses.add(404)
        if op.body is not None:
            statuses |= {413, 415}
        if op.method != "GET" or op.refusable:
            statuses.add(422)
        if op.conflict:
            statuses.add(409)
        return sorted(statuses)


PAGE_PARAMETERS = [
    {
        "name": "page",
        "in": "query",
        "required": False,
        "description": "Page number, from 1.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    },
    {
        "name": "per_page",
        "in": "query",
        "required": False,
        "description": f"Items per page, at most {MAX_PER_PAGE}.",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_PER_PAGE,
            "default": DEFAULT_PER_PAGE,
        },
    },
]

COMMON_SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {
        "type": "object",
        "required": ["error", "message", "fields"],
        "properties": {
            "error": {"type": "string", "description": "A stable, machine-readable code."},
            "message": {"type": "string", "description": "What went wrong, for a person."},
            "fields": {
                "type": "object",
                "description": "Field or parameter name -> what is wrong with it.",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
    },
    "Localized": {
        "type": "object",
        "description": "One text in several languages, keyed by ISO 639-1 code.",
        "additionalProperties": {"type": "string"},
    },
    "Page": {
        "type": "object",
        "required": ["page", "per_page", "total", "next", "previous"],
        "properties": {
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0},
            "next": {**nullable({"type": "string"}), "description": "URL of the next page"},
            "previous": nullable({"type": "string"}),
        },
    },
}


def page_of(item_schema: dict[str, Any]) -> dict[str, Any]:
    """A page of items: the items plus the Page fields."""
    return {
        "allOf": [
            ref("Page"),
            {
                "type": "object",
                "required": ["items"],
                "properties": {"items": {"type": "array", "items": item_schema}},
            },
        ]
    }
