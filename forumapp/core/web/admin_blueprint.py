"""The back-office blueprint; each area module adds its routes to it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("admin", __name__)


@bp.record_once
def _install_audit_log(state) -> None:
    # Every change made through the back office lands in the audit log; the hook
    # is attached once when the blueprint is registered, not at import time.
    from forumapp.core import audit

    with state.app.app_context():
        audit.install()
