"""Organiser back office: the dashboard here, each area in its own module."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _

from forumapp.accounts.permissions import organiser_required
from forumapp.core import audit
from forumapp.core.outbox import counts as outbox_counts
from forumapp.core.outbox_model import OutboxStatus
from forumapp.core.web.routes import Routes
from forumapp.dashboard import board as dashboard_service
from forumapp.programme import clash_text

routes = Routes()


@routes.route("/")
@organiser_required
def dashboard():
    board = dashboard_service.organiser_dashboard()
    return render_template(
        "admin/dashboard.html",
        board=board,
        warnings=clash_text.warnings(board.clashes.clashes, board.clashes),
        failed_mail=outbox_counts()[OutboxStatus.FAILED],
        page_title=_("Dashboard"),
    )


@routes.route("/audit/")
@organiser_required
def audit_log():
    entity = request.args.get("entity") or None
    entity_id = request.args.get("id", type=int)
    return render_template(
        "admin/audit.html",
        entries=audit.recent_entries(entity=entity, entity_id=entity_id),
        page_title=_("Audit log"),
    )
