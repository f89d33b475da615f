"""Public pages: no login needed, published forums only."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from forumapp.domain.programme import sessions_by_local_day
from forumapp.domain.timezones import get_zone
from forumapp.services import programme

bp = Blueprint("public", __name__)


@bp.route("/")
def index():
    return render_template("public/index.html", forums=programme.published_forums())


@bp.route("/forums/<slug>/")
def forum(slug: str):
    published = programme.published_programme(slug)
    if published is None:
        abort(404)
    days = sessions_by_local_day(published, get_zone(published.timezone))
    return render_template("public/forum.html", programme=published, days=days)


@bp.route("/healthz")
def health():
    from forumapp.services.database import schema_problem

    problem = schema_problem()
    if problem:
        return {"status": "unavailable", "reason": problem}, 503
    return {"status": "ok"}
