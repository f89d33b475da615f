"""Organiser back office: the dashboard here, each area in its own module."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _

from forumapp.core.outbox import counts as outbox_counts
from forumapp.models.outbox import OutboxStatus
from forumapp.services import audit
from forumapp.services import dashboard as dashboard_service
from forumapp.web.admin import clash_text
from forumapp.web.admin.blueprint import bp
from forumapp.web.security import organiser_required

__all__ = ["bp"]


@bp.route("/")
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


@bp.route("/audit/")
@organiser_required
def audit_log():
    entity = request.args.get("entity") or None
    entity_id = request.args.get("id", type=int)
    return render_template(
        "admin/audit.html",
        entries=audit.recent_entries(entity=entity, entity_id=entity_id),
        page_title=_("Audit log"),
    )


# Registering the areas' routes on the blueprint is what importing them does.
from forumapp.web.admin import (  # noqa: E402
    agreements,  # noqa: F401
    forums,  # noqa: F401
    imports,  # noqa: F401
    outbox,  # noqa: F401
    people,  # noqa: F401
    programme,  # noqa: F401
    sessions,  # noqa: F401
    venues,  # noqa: F401
    visits,  # noqa: F401
)
