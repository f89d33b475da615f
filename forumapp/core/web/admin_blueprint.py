"""The back-office blueprint ("admin"); each area's page module brings a route table."""

from __future__ import annotations

from flask import Blueprint

from forumapp.core import audit
from forumapp.core.web.routes import Routes, blueprint


def admin_blueprint(*tables: Routes) -> Blueprint:
    bp = blueprint("admin", __name__, *tables)

    @bp.record_once
    def _install_audit_log(state) -> None:
        # Every change made through the back office lands in the audit log; the hook
        # is attached when the blueprint is registered, not at import time.
        with state.app.app_context():
            audit.install()

    return bp
