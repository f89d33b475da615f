"""Scheduler runs as background jobs: the organiser starts one, a page follows its progress,
and the schedule it finds is stored as the session's draft (see b2b_schedule)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from forumapp.accounts.models import User
from forumapp.b2b.matchmaking import get_matchmaking
from forumapp.b2b.scheduling import run_scheduler
from forumapp.core import jobs
from forumapp.core.job_model import BackgroundJob

DEFAULT_TIME_LIMIT = 30.0


def subject(matchmaking_id: int) -> str:
    return f"matchmaking:{matchmaking_id}"


@jobs.job_function
def schedule_job(
    ctx: jobs.JobContext, matchmaking_id: int, time_limit: float = DEFAULT_TIME_LIMIT
) -> dict[str, Any]:
    """The job: solve around the locked meetings and store the draft."""
    schedule = run_scheduler(matchmaking_id, time_limit=time_limit, progress=ctx)
    return {
        "value": schedule["value"],
        "upper_bound": schedule["upper_bound"],
        "optimal": schedule["value"] >= schedule["upper_bound"],
        "meetings": len(schedule["meetings"]),
        "unscheduled": len(schedule.get("unscheduled", [])),
        "seconds": round(float(schedule.get("seconds", 0.0)), 2),
    }


def start_run(
    matchmaking_id: int,
    user: User | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    locale: str | None = None,
) -> BackgroundJob:
    """Start (or find the already running) scheduler job of a matchmaking session."""
    get_matchmaking(matchmaking_id)
    return jobs.start(
        schedule_job,
        subject(matchmaking_id),
        {"matchmaking_id": matchmaking_id, "time_limit": float(time_limit)},
        user_id=user.id if user is not None else None,
        locale=locale,
        message=_("Waiting to start"),
    )


def get_run(matchmaking_id: int, job_id: str) -> BackgroundJob:
    """A scheduler job of this session (NotFound for another session's job)."""
    get_matchmaking(matchmaking_id)
    return jobs.get_job(job_id, subject(matchmaking_id))


def current_run(matchmaking_id: int) -> BackgroundJob | None:
    return jobs.active_job(subject(matchmaking_id))


def last_run(matchmaking_id: int) -> BackgroundJob | None:
    return jobs.latest_job(subject(matchmaking_id))
