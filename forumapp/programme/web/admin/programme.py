"""Programme editor (day grid, shift a block, change room) and publishing releases."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forumapp.accounts.permissions import organiser_required
from forumapp.core.localized import pick_language
from forumapp.core.web.admin_support import run, submit
from forumapp.core.web.routes import Routes
from forumapp.programme import clash_text
from forumapp.programme import forums as forum_service
from forumapp.programme import releases as release_service
from forumapp.programme import sessions as session_service
from forumapp.programme.clashes import clash_report
from forumapp.programme.editor import day_grid
from forumapp.programme.release_preview import release_preview
from forumapp.programme.web.admin.session_forms import MoveRoomForm, PublishForm, ShiftForm
from forumapp.programme.web.admin.sessions import room_choices

routes = Routes()


def _render_grid(forum, day: date, shift_form: ShiftForm | None = None):
    if not forum.start_date <= day <= forum.end_date:
        abort(404)
    report = clash_report()
    grid = day_grid(forum, day)
    shift_form = shift_form or ShiftForm(prefix="shift")
    return render_template(
        "admin/programme/grid.html",
        forum=forum,
        grid=grid,
        report=report,
        shift_form=shift_form,
        rooms=forum.venue.rooms if forum.venue else [],
        warnings=clash_text.warnings(report.for_forum(forum.id), report),
        page_title=_("Programme of %(day)s", day=day.isoformat()),
    )


@routes.route("/forums/<int:forum_id>/grid/")
@routes.route("/forums/<int:forum_id>/grid/<day>")
@organiser_required
def programme_grid(forum_id: int, day: str | None = None):
    forum = run(lambda: forum_service.get_forum(forum_id))
    try:
        wanted = date.fromisoformat(day) if day else forum.start_date
    except ValueError:
        abort(404)
    return _render_grid(forum, wanted)


@routes.route("/forums/<int:forum_id>/grid/<day>/shift", methods=["POST"])
@organiser_required
def shift_sessions(forum_id: int, day: str):
    forum = run(lambda: forum_service.get_forum(forum_id))
    try:
        wanted = date.fromisoformat(day)
    except ValueError:
        abort(404)
    form = ShiftForm(prefix="shift")
    moved = submit(
        form,
        lambda: session_service.shift_sessions(
            forum_id, form.session_ids.data or [], form.minutes.data
        ),
    )
    if moved:
        flash(_("%(count)d sessions moved.", count=moved), "success")
        return redirect(url_for("admin.programme_grid", forum_id=forum_id, day=day))
    forum = run(lambda: forum_service.get_forum(forum_id))
    return _render_grid(forum, wanted, form), 400


@routes.route("/sessions/<int:session_id>/room", methods=["POST"])
@organiser_required
def move_session_room(session_id: int):
    session = run(lambda: session_service.get_session(session_id))
    form = MoveRoomForm()
    form.room_id.choices = room_choices(session.forum)
    back = request.form.get("back") or ""
    moved = submit(
        form, lambda: session_service.move_session_to_room(session_id, form.room_id.data)
    )
    if moved:
        flash(_("Room changed."), "success")
    # Only our own grid pages are valid destinations (no open redirect).
    if not back.startswith("/admin/"):
        back = url_for("admin.edit_session", session_id=session_id)
    return redirect(back)


@routes.route("/forums/<int:forum_id>/release", methods=["GET", "POST"])
@organiser_required
def release(forum_id: int):
    forum = run(lambda: forum_service.get_forum(forum_id))
    form = PublishForm()
    published = submit(
        form,
        lambda: release_service.publish(
            forum_id, form.name.data, current_user._get_current_object()
        ),
    )
    if published:
        flash(
            _(
                "Release %(number)d “%(name)s” published.",
                number=published.number,
                name=published.name,
            ),
            "success",
        )
        return redirect(url_for("admin.release", forum_id=forum_id))
    return render_template(
        "admin/programme/release.html",
        forum=forum,
        form=form,
        preview=run(lambda: release_preview(forum_id)),
        page_title=_("Publish %(title)s", title=pick_language(forum.title)),
    )
