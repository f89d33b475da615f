"""The JSON API under /api/v1 and its OpenAPI document; ``init_app`` attaches both."""

from __future__ import annotations

from flask import Flask, request

from forumapp.api.blueprint import URL_PREFIX, api_blueprint, spec
from forumapp.b2b import api as b2b
from forumapp.core.extensions import csrf
from forumapp.core.web.api_http import read
from forumapp.programme import api as public
from forumapp.programme import manage_api as manage

# The API modules whose operations make up /api/v1 and its OpenAPI document.
TABLES = (b2b.operations, public.operations, manage.operations)
for _table in TABLES:
    spec.include(_table)


def openapi_document():
    # The server URL follows the request, so the document works behind any host name.
    return read(spec.document(request.host_url.rstrip("/") + URL_PREFIX), private=False)


def init_app(app: Flask) -> None:
    bp = api_blueprint(*TABLES)
    bp.add_url_rule("/openapi.json", view_func=openapi_document)
    # Only bearer tokens authorise API calls (see auth.py), never the session cookie,
    # so a cross-site form cannot act for a logged-in browser: CSRF tokens are moot here.
    csrf.exempt(bp)
    app.register_blueprint(bp)
