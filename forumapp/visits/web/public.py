"""A public delegation visit: its page and its itinerary feed (on the public blueprint)."""

from __future__ import annotations

from flask import abort, render_template, url_for

from forumapp.core.i18n import current_lang
from forumapp.core.web.responses import conditional, etag_for, webcal
from forumapp.core.web.routes import Routes
from forumapp.programme.documents import ical
from forumapp.visits import public as public_visits

routes = Routes()


@routes.route("/visits/<slug>/")
def visit(slug: str):
    summary = public_visits.public_visit(slug)
    if summary is None:
        abort(404)
    feed = url_for("public.visit_ics", slug=slug, _external=True)
    return render_template("public/visit.html", visit=summary, feed=feed, feed_webcal=webcal(feed))


@routes.route("/visits/<slug>/itinerary.ics")
def visit_ics(slug: str):
    visit = public_visits.public_visit(slug)
    if visit is None:
        abort(404)
    lang = current_lang()
    ctx = ical.FeedContext(lang=lang, stamp=visit.updated_at or visit.arrives_at)
    # Visits have no releases; the itinerary is small, so the ETag is the content's hash.
    body = ical.visit_calendar(visit, ctx)
    return conditional(
        etag_for("visit", body),
        lambda: body,
        ical.CONTENT_TYPE,
        download_name=visit.text(visit.title, lang),
        extension="ics",
    )
