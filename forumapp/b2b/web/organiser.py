"""Organisers: set matchmaking up for a B2B session, see the request matrix, lock meetings,
publish. Scheduler runs: organiser_runs.py; documents and outcomes: their own modules."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _

from forumapp.accounts.permissions import organiser_required
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import profiles as b2b_profiles
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b import runs as b2b_runs
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.models import MatchmakingMode
from forumapp.b2b.web.forms import ActionForm, MatchmakingForm, option
from forumapp.b2b.web.support import act, run, submit
from forumapp.core.localized import pick_language
from forumapp.core.web.routes import Routes

routes = Routes()


@routes.route("/organiser/")
@organiser_required
def organiser_index():
    return render_template(
        "b2b/organiser_index.html",
        sessions=b2b_sessions.list_matchmaking(),
        open_sessions=b2b_sessions.programme_sessions_without_matchmaking(),
    )


@routes.route("/organiser/new", methods=["GET", "POST"])
@organiser_required
def organiser_new():
    form = MatchmakingForm()
    form.session_id.choices = [
        option(s.id, f"{s.forum.slug}: {pick_language(s.title, ('en', 'ko'))}")
        for s in b2b_sessions.programme_sessions_without_matchmaking()
    ]
    created = submit(
        form,
        lambda: b2b_sessions.create_for_programme_session(
            form.session_id.data,
            form.slot_minutes.data,
            form.break_minutes.data or 0,
            form.table_count.data,
            MatchmakingMode(form.mode.data),
            form.meeting_cap.data,
        ),
    )
    if created:
        return redirect(url_for("b2b.organiser_session", matchmaking_id=created.id))
    return render_template("b2b/organiser_new.html", form=form)


@routes.route("/organiser/<int:matchmaking_id>")
@organiser_required
def organiser_session(matchmaking_id: int):
    matchmaking = run(lambda: b2b_sessions.get_matchmaking(matchmaking_id))
    participants = b2b_profiles.directory(matchmaking_id, b2b_profiles.DirectoryFilter())
    return render_template(
        "b2b/organiser_session.html",
        matchmaking=matchmaking,
        participants=participants,
        matrix=b2b_requests.request_matrix(matchmaking_id),
        run=b2b_runs.current_run(matchmaking_id),
        meetings=b2b_schedule.meetings_of(matchmaking_id),
        name=b2b_profiles.display_name,
        form=ActionForm(),
    )


@routes.route("/organiser/<int:matchmaking_id>/publish", methods=["POST"])
@organiser_required
def organiser_publish(matchmaking_id: int):
    act(
        ActionForm(),
        lambda: b2b_schedule.publish(matchmaking_id),
        _("Published: every company was sent its agenda."),
    )
    return redirect(url_for("b2b.organiser_session", matchmaking_id=matchmaking_id))


@routes.route(
    "/organiser/<int:matchmaking_id>/meetings/<int:meeting_id>/<any(lock, unlock):action>",
    methods=["POST"],
)
@organiser_required
def organiser_lock(matchmaking_id: int, meeting_id: int, action: str):
    act(
        ActionForm(),
        lambda: b2b_schedule.set_locked(matchmaking_id, meeting_id, action == "lock"),
        _("Meeting locked.") if action == "lock" else _("Meeting unlocked."),
    )
    return redirect(url_for("b2b.organiser_session", matchmaking_id=matchmaking_id))
