"""B2B downloads: a company's own agenda (.ics, .pdf, a subscribable feed) and the
organiser's table sheets and table tents (PDF)."""

from __future__ import annotations

import logging
from urllib.parse import quote

from flask import Response, abort, current_app, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from forumapp.accounts.permissions import organiser_required
from forumapp.b2b import agenda as b2b_agenda
from forumapp.b2b.documents.agenda_pdf import AgendaPdfLabels, agenda_pdf
from forumapp.b2b.documents.table_sheets import TablePdfLabels, table_sheets_pdf, table_tents_pdf
from forumapp.b2b.web.forms import ActionForm
from forumapp.b2b.web.support import act, company_required, run
from forumapp.core.filenames import ascii_filename
from forumapp.core.web.routes import Routes
from forumapp.pdf.fonts import FontChain, FontSetupError, load_chain, parse_font_dirs
from forumapp.programme.documents.ical import CONTENT_TYPE as ICS_CONTENT_TYPE

routes = Routes()


log = logging.getLogger(__name__)
PDF_TYPE = "application/pdf"


def _lang() -> str:
    return str(get_locale() or "en")


def _chain() -> FontChain:
    try:
        return load_chain(parse_font_dirs(current_app.config.get("PDF_FONT_DIRS")))
    except FontSetupError:
        log.exception("PDF fonts are not installed")
        abort(503, _("PDF fonts are not installed on the server."))


def _download(data: bytes, content_type: str, filename: str, inline: bool = False) -> Response:
    response = Response(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{filename}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    # Agendas carry contacts: never in a shared cache.
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _page_label() -> str:
    return _("page %(page)s", page="{page}")


def _agenda_pdf_labels() -> AgendaPdfLabels:
    return AgendaPdfLabels(
        heading=_("B2B meeting agenda"),
        times_in=_("Times in %(zone)s.", zone="{zone}"),
        time=_("Time"),
        table=_("Table"),
        company=_("Company"),
        interpreter=_("Interpreter"),
        contact=_("Contact"),
        no_meetings=_("No meetings yet."),
        not_published=_("The organiser has not published the meeting schedule yet."),
        page=_page_label(),
        meetings=_("%(count)s meetings", count="{count}"),
    )


def _table_labels() -> TablePdfLabels:
    return TablePdfLabels(
        table=_("Table %(name)s", name="{name}"),
        kept_by=_("Kept by %(name)s", name="{name}"),
        times_in=_("Times in %(zone)s.", zone="{zone}"),
        time=_("Time"),
        companies=_("Companies"),
        interpreter=_("Interpreter"),
        held=_("Held"),
        notes=_("Notes"),
        no_meetings=_("No meetings at this table."),
        page=_page_label(),
    )


# -- companies: their own agenda only ----------------------------------------------------------


@routes.route("/<int:matchmaking_id>/agenda.ics")
@company_required
def agenda_ics(matchmaking_id: int):
    agenda = run(lambda: b2b_agenda.company_agenda(current_user, matchmaking_id, _lang()))
    return _download(
        b2b_agenda.agenda_ics(agenda), ICS_CONTENT_TYPE, b2b_agenda.agenda_filename(agenda, "ics")
    )


@routes.route("/<int:matchmaking_id>/agenda.pdf")
@company_required
def agenda_pdf_download(matchmaking_id: int):
    agenda = run(lambda: b2b_agenda.company_agenda(current_user, matchmaking_id, _lang()))
    data = agenda_pdf(agenda, _chain(), _agenda_pdf_labels())
    return _download(data, PDF_TYPE, b2b_agenda.agenda_filename(agenda, "pdf"), inline=True)


@routes.route("/<int:matchmaking_id>/agenda/feed/<any(create, revoke):action>", methods=["POST"])
@company_required
def agenda_feed_link(matchmaking_id: int, action: str):
    if action == "create":
        act(
            ActionForm(),
            lambda: b2b_agenda.feed_token(current_user, matchmaking_id),
            _("Your calendar link is ready; paste it into your calendar app."),
        )
    else:
        act(
            ActionForm(),
            lambda: b2b_agenda.revoke_feed(current_user, matchmaking_id),
            _("The old calendar link no longer works; here is a new one."),
        )
    return redirect(url_for("b2b.agenda", matchmaking_id=matchmaking_id))


@routes.route("/feeds/<token>.ics")
def agenda_feed(token: str):
    """The subscribed feed: no login (calendar apps have none), the signed token is the key."""
    agenda = run(lambda: b2b_agenda.agenda_from_token(token, request.args.get("lang")))
    response = Response(b2b_agenda.agenda_ics(agenda), content_type=ICS_CONTENT_TYPE)
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


# -- organisers ------------------------------------------------------------------------------


@routes.route("/organiser/<int:matchmaking_id>/<any(tables, tents):kind>.pdf")
@organiser_required
def organiser_table_pdf(matchmaking_id: int, kind: str):
    sheets = run(lambda: b2b_agenda.table_sheets(matchmaking_id, _lang()))
    build = table_sheets_pdf if kind == "tables" else table_tents_pdf
    data = build(sheets, _chain(), _table_labels())
    filename = ascii_filename(f"b2b-{matchmaking_id}-{kind}", "pdf")
    return _download(data, PDF_TYPE, filename, inline=True)
