"""Organisers run the scheduler as a background job and follow its progress.

Starting a run waits a moment: a small session is solved before the page would even
change, and the organiser lands straight on the draft. A longer run gets a progress
page that static/b2b-jobs.js refreshes (and a plain link does without JavaScript).
"""

from __future__ import annotations

from flask import current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from forumapp.accounts.permissions import organiser_required
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import runs as b2b_runs
from forumapp.b2b.web.forms import ActionForm
from forumapp.b2b.web.support import run
from forumapp.core import jobs
from forumapp.core.errors import ServiceError
from forumapp.core.job_model import BackgroundJob, JobStatus
from forumapp.core.unit_of_work import discard
from forumapp.core.web.routes import Routes

routes = Routes()


# How long the "run" button waits before showing the progress page instead.
DEFAULT_WAIT_SECONDS = 2.0


def _run_finished_message(job: BackgroundJob) -> str:
    result = job.result or {}
    return _(
        "Draft schedule ready: %(meetings)d meetings, value %(value)s of at most %(bound)s. "
        "Review it, lock what must stay, then publish.",
        meetings=result.get("meetings", 0),
        value=result.get("value", "?"),
        bound=result.get("upper_bound", "?"),
    )


def _state(job: BackgroundJob) -> str:
    return "lost" if jobs.is_stale(job) else job.status.value


@routes.route("/organiser/<int:matchmaking_id>/run", methods=["POST"])
@organiser_required
def organiser_run(matchmaking_id: int):
    form = ActionForm()
    back = redirect(url_for("b2b.organiser_session", matchmaking_id=matchmaking_id))
    if not form.validate_on_submit():
        return back
    config = current_app.config
    try:
        job = run(
            lambda: b2b_runs.start_run(
                matchmaking_id,
                current_user,
                time_limit=float(config.get("B2B_SCHEDULER_SECONDS", b2b_runs.DEFAULT_TIME_LIMIT)),
                locale=str(get_locale() or ""),
            )
        )
    except ServiceError as error:
        discard()
        flash(error.message, "error")
        return back
    job = jobs.wait(job.id, float(config.get("JOBS_WAIT_SECONDS", DEFAULT_WAIT_SECONDS)))
    if job.status == JobStatus.FINISHED:
        flash(_run_finished_message(job), "success")
        return back
    if job.status == JobStatus.FAILED:
        flash(job.error or _("The scheduler run failed."), "error")
        return back
    return redirect(url_for("b2b.organiser_job", matchmaking_id=matchmaking_id, job_id=job.id))


@routes.route("/organiser/<int:matchmaking_id>/runs/<job_id>")
@organiser_required
def organiser_job(matchmaking_id: int, job_id: str):
    job = run(lambda: b2b_runs.get_run(matchmaking_id, job_id))
    if job.status == JobStatus.FINISHED:
        flash(_run_finished_message(job), "success")
        return redirect(url_for("b2b.organiser_session", matchmaking_id=matchmaking_id))
    return render_template(
        "b2b/organiser_job.html",
        matchmaking=run(lambda: b2b_sessions.get_matchmaking(matchmaking_id)),
        job=job,
        state=_state(job),
        form=ActionForm(),
    )


@routes.route("/organiser/<int:matchmaking_id>/runs/<job_id>.json")
@organiser_required
def organiser_job_status(matchmaking_id: int, job_id: str):
    job = run(lambda: b2b_runs.get_run(matchmaking_id, job_id))
    response = jsonify(
        state=_state(job),
        progress=job.progress,
        message=job.message,
        error=job.error,
        done=job.done,
    )
    response.headers["Cache-Control"] = "no-store"
    return response
