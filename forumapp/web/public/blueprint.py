"""The public blueprint object, shared by the page, feed, my-schedule and visit modules."""

from flask import Blueprint

from forumapp.exports.labels import kind_label, role_label

bp = Blueprint("public", __name__)


@bp.context_processor
def label_helpers() -> dict:
    return {"role_label": role_label, "kind_label": kind_label}


@bp.before_request
def fresh_locale() -> None:
    # Flask-Babel caches the locale on ``g``, which lives as long as the app context; when
    # one context serves several requests (the test client, the CLI's request contexts)
    # the first request's language would stick, and with it every ETag we compute.
    from flask import g

    g.pop("_flask_babel", None)
    g.pop("lang", None)
