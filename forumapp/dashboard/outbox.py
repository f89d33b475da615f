"""The organisers' outbox page: mail that could not be delivered, and a way to resend it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from forumapp.accounts.permissions import organiser_required
from forumapp.core import outbox
from forumapp.core.outbox_model import OutboxStatus
from forumapp.core.web.forms import ConfirmForm
from forumapp.core.web.routes import Routes

routes = Routes()


RECENT = 50


@routes.route("/outbox/")
@organiser_required
def outbox_page():
    return render_template(
        "admin/outbox.html",
        counts=outbox.counts(),
        failed=outbox.messages(OutboxStatus.FAILED, limit=RECENT * 4),
        waiting=outbox.retrying(limit=RECENT * 4),
        recent=outbox.messages(OutboxStatus.SENT, limit=RECENT),
        OutboxStatus=OutboxStatus,
        page_title=_("Outgoing mail"),
    )


@routes.post("/outbox/<int:message_id>/resend")
@organiser_required
def resend_message(message_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not outbox.resend([message_id]):
        flash(_("That message is not waiting to be resent."), "error")
    else:
        flash(_("The message is queued again."), "success")
    return redirect(url_for("admin.outbox_page"))


@routes.post("/outbox/resend-failed")
@organiser_required
def resend_failed():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    count = outbox.resend()
    flash(
        ngettext("%(num)d message is queued again.", "%(num)d messages are queued again.", count),
        "success",
    )
    return redirect(url_for("admin.outbox_page"))
