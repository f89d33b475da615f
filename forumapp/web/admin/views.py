"""Organiser back office. This is its front door; the areas behind it grow per issue."""

from __future__ import annotations

from flask import Blueprint, render_template

from forumapp.services import dashboard as dashboard_service
from forumapp.web.security import organiser_required

bp = Blueprint("admin", __name__)


@bp.route("/")
@organiser_required
def dashboard():
    return render_template("admin/dashboard.html", board=dashboard_service.organiser_dashboard())
