"""The JSON API under /api/v1 and its OpenAPI document; ``init_app`` attaches both."""

from __future__ import annotations

from flask import Flask, request

from forumapp.api.blueprint import bp, spec
from forumapp.b2b import api as b2b  # noqa: F401  (register their operations)
from forumapp.core.web.api_http import read
from forumapp.programme import api as public  # noqa: F401  (register their operations)
from forumapp.programme import manage_api as manage  # noqa: F401  (register their operations)


@bp.route("/openapi.json")
def openapi_document():
    # The server URL follows the request, so the document works behind any host name.
    return read(spec.document(request.host_url.rstrip("/") + bp.url_prefix), private=False)


def init_app(app: Flask) -> None:
    from forumapp.core.extensions import csrf

    # Only bearer tokens authorise API calls (see auth.py), never the session cookie,
    # so a cross-site form cannot act for a logged-in browser: CSRF tokens are moot here.
    csrf.exempt(bp)
    app.register_blueprint(bp)
