"""The public blueprint: no login needed. Programme pages and feeds (programme/web/public/)
and the public visit pages (visits/web/public.py) bring their route tables to it."""

from flask import Blueprint, current_app, g, request

from forumapp.core.extensions import limiter
from forumapp.core.web.routes import Routes, blueprint


def public_blueprint(*tables: Routes) -> Blueprint:
    bp = blueprint("public", __name__, *tables)
    bp.before_request(fresh_locale)
    return bp


@limiter.request_filter
def _unlimited_public_read() -> bool:
    """Public reads carry no rate limit (none is configured for them: only the login POST
    is limited), so the limiter need not resolve limits for each of them. A conditional
    request then costs the limiter one call. A default limit set in the config
    (RATELIMIT_DEFAULT / RATELIMIT_APPLICATION) applies to them again."""
    config = current_app.config
    return (
        request.blueprint == "public"
        and request.method in ("GET", "HEAD")
        and not config.get("RATELIMIT_DEFAULT")
        and not config.get("RATELIMIT_APPLICATION")
    )


def fresh_locale() -> None:
    # Flask-Babel caches the locale on ``g``, which lives as long as the app context; when
    # one context serves several requests (the test client, the CLI's request contexts)
    # the first request's language would stick, and with it every ETag we compute.
    g.pop("_flask_babel", None)
    g.pop("lang", None)
