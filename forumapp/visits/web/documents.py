"""Organiser documents from the live data as PDF downloads: a delegation's itinerary and a
forum's badges (speakers, delegations, staff), on the shared "documents" blueprint."""

from __future__ import annotations

from flask import abort, request
from flask_babel import gettext as _

from forumapp.accounts.permissions import organiser_required
from forumapp.core.web.pdf_documents import (
    default_lang,
    font_chain,
    pdf_etag,
    pdf_options,
    pdf_response,
)
from forumapp.core.web.routes import Routes
from forumapp.pdf import labels
from forumapp.programme.documents.badges_pdf import LAYOUTS, badges_pdf
from forumapp.visits import documents as visit_documents
from forumapp.visits.itinerary_pdf import itinerary_pdf

routes = Routes()


@routes.route("/admin/visits/<slug>/itinerary.pdf")
@organiser_required
def itinerary(slug: str):
    """A delegation's itinerary from the live data (organisers print it the evening before)."""
    langs, size = pdf_options(default_lang())
    visit = visit_documents.visit_document(slug)
    if visit is None:
        abort(404)
    lang_key = "+".join(langs)
    etag = pdf_etag("itinerary", repr(visit), lang_key, size)
    return pdf_response(
        etag,
        lambda: itinerary_pdf(visit, font_chain(), langs, size),
        f"{slug}-itinerary-{lang_key}-{size}.pdf",
        public=False,
    )


@routes.route("/admin/forums/<slug>/badges.pdf")
@organiser_required
def badges(slug: str):
    """Badges for speakers, delegations (``?visit=slug`` adds one) and staff."""
    layout = (request.args.get("layout") or "a6").lower()
    if layout not in LAYOUTS:
        abort(
            400,
            _("Unknown badge layout “%(layout)s”. Use a6 or a4x4.", layout=request.args["layout"]),
        )
    visit_slugs = tuple(request.args.getlist("visit"))
    data = visit_documents.forum_badges(slug, visit_slugs)
    if data is None:
        abort(404)
    title = labels.pick_title(data.title)
    etag = pdf_etag("badges", repr(data), layout)
    return pdf_response(
        etag,
        lambda: badges_pdf(data.badges, font_chain(), title, layout),
        f"{slug}-badges-{layout}.pdf",
        public=False,
    )
