"""Background jobs: the thread runner always, RQ against the local Redis when it answers."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from rq import SimpleWorker

from forumapp.b2b import requests as b2b_requests
from forumapp.b2b import runs as b2b_runs
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.models import MatchmakingStatus
from forumapp.core import jobs
from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from forumapp.core.job_model import BackgroundJob, JobStatus
from forumapp.core.models import utcnow
from tests.b2b_factories import company, matchmaking

pytestmark = pytest.mark.usefixtures("outbox_in_tmp")


@jobs.job_function
def adds(ctx: jobs.JobContext, a: int, b: int) -> dict:
    ctx.report(50, "half way")
    return {"sum": a + b}


@jobs.job_function
def refuses(ctx: jobs.JobContext) -> dict:
    raise ServiceError("Nothing to schedule.")


@jobs.job_function
def crashes(ctx: jobs.JobContext) -> dict:
    raise RuntimeError("boom")


RELEASE = threading.Event()


@jobs.job_function
def waits(ctx: jobs.JobContext) -> dict:
    RELEASE.wait(30)  # stays live while the test races to start more
    return {}


def not_a_job(ctx, **kwargs):
    return {}


@pytest.fixture
def thread_mode(app):
    app.config["JOBS_BACKEND"] = "thread"
    return app


def _requested_session(app):
    """Two accepted requests waiting for the scheduler."""
    with app.test_request_context("/"):
        mm = matchmaking()
        a = company(mm, "a@x.example", "Alpha")
        b = company(mm, "b@x.example", "Beta", "KZ", ["ru", "ko"])
        c = company(mm, "c@x.example", "Gamma")
        for sender, receiver in ((a, b), (c, b)):
            request = b2b_requests.request_meeting(sender.user, mm.id, receiver.id)
            b2b_requests.accept(receiver.user, request.id)
    return mm


def test_thread_job_runs_and_stores_its_result(thread_mode):
    job = jobs.start(adds, "test:adds", {"a": 2, "b": 3})
    assert job.status == JobStatus.QUEUED
    done = jobs.wait(job.id, 10)
    assert done.status == JobStatus.FINISHED
    assert done.result == {"sum": 5}
    assert done.progress == 100
    assert done.started_at is not None and done.finished_at is not None


def test_failures_are_stored_with_a_readable_message(thread_mode):
    refused = jobs.wait(jobs.start(refuses, "test:refuses", {}).id, 10)
    assert refused.status == JobStatus.FAILED
    assert refused.error == "Nothing to schedule."
    crashed = jobs.wait(jobs.start(crashes, "test:crashes", {}).id, 10)
    assert crashed.status == JobStatus.FAILED
    assert "RuntimeError" in crashed.error and "boom" not in crashed.error


def test_only_marked_functions_can_be_started(thread_mode):
    with pytest.raises(LookupError):
        jobs.start(not_a_job, "test:nope", {})
    assert db.session.scalar(db.select(db.func.count()).select_from(BackgroundJob)) == 0


def test_one_live_job_per_subject_and_dead_ones_are_noticed(thread_mode):
    old = utcnow() - timedelta(minutes=10)
    stuck = BackgroundJob(
        kind=jobs.kind_of(adds),
        subject="test:same",
        status=JobStatus.RUNNING,
        started_at=old,
        heartbeat_at=old,
    )
    waiting = BackgroundJob(kind=jobs.kind_of(adds), subject="test:other")
    db.session.add_all([stuck, waiting])
    db.session.commit()
    assert jobs.is_stale(stuck)
    assert jobs.active_job("test:same") is None  # died with its process
    assert jobs.start(adds, "test:other", {"a": 1, "b": 1}).id == waiting.id
    fresh = jobs.start(adds, "test:same", {"a": 1, "b": 1})
    assert fresh.id != stuck.id
    assert jobs.wait(fresh.id, 10).result == {"sum": 2}
    # The dead one is retired, not left looking live beside the new one.
    db.session.refresh(stuck)
    assert stuck.status == JobStatus.FAILED
    assert stuck.error == "Its process stopped; a newer job took over."


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_simultaneous_starts_on_one_subject_make_one_job(thread_mode):
    # Eight organisers press "run" at the same instant, each request with its own
    # session and connection: the unique index on live jobs lets one job in and
    # the others are handed that job (SQLite and PostgreSQL).
    app, starters = thread_mode, 8
    barrier = threading.Barrier(starters)
    outcomes: list[str] = []

    def press_run() -> None:
        with app.app_context(), app.test_request_context("/"):
            barrier.wait()
            try:
                outcomes.append(jobs.start(waits, "test:race", {}).id)
            except Exception as exc:  # reported by the assertion below
                outcomes.append(repr(exc))

    RELEASE.clear()
    threads = [threading.Thread(target=press_run) for _ in range(starters)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert len(outcomes) == starters and len(set(outcomes)) == 1, outcomes
        db.session.expire_all()
        rows = db.session.scalars(
            db.select(BackgroundJob).where(BackgroundJob.subject == "test:race")
        ).all()
        assert [row.id for row in rows] == outcomes[:1]
    finally:
        RELEASE.set()
    assert jobs.wait(outcomes[0], 10).status == JobStatus.FINISHED


def test_scheduler_run_in_a_thread_stores_the_draft(thread_mode):
    mm = _requested_session(thread_mode)
    with thread_mode.test_request_context("/"):
        job = b2b_runs.start_run(mm.id, time_limit=5)
        assert b2b_runs.current_run(mm.id) is None or b2b_runs.current_run(mm.id).id == job.id
        done = jobs.wait(job.id, 30)
    assert done.status == JobStatus.FINISHED, done.error
    assert done.result["meetings"] == 2
    assert done.result["value"] == done.result["upper_bound"] == 2
    assert done.result["optimal"] is True
    db.session.expire_all()
    assert b2b_runs.last_run(mm.id).id == job.id
    assert len(b2b_schedule.meetings_of(mm.id)) == 2
    assert db.session.get(type(mm), mm.id).status == MatchmakingStatus.SCHEDULED


def test_scheduler_run_failure_is_the_services_message(thread_mode):
    with thread_mode.test_request_context("/"):
        mm = matchmaking()
        alpha = company(mm, "a@x.example", "Alpha")
        alpha.participant.profile.languages = []  # as an import could leave it
        db.session.commit()
        job = b2b_runs.start_run(mm.id, time_limit=1, locale="en")
        done = jobs.wait(job.id, 10)
    assert done.status == JobStatus.FAILED
    assert "has no language" in done.error


# -- RQ --------------------------------------------------------------------------------------


@pytest.fixture
def rq_mode(app, rq_queue):
    """Scheduler runs go to a queue of their own on the real Redis."""
    app.config.update(JOBS_BACKEND="rq")
    return rq_queue


def test_rq_job_waits_for_a_worker_then_runs(app, rq_mode):
    job = jobs.start(adds, "test:rq", {"a": 20, "b": 22})
    assert rq_mode.count == 1
    assert jobs.wait(job.id, 0.3).status == JobStatus.QUEUED  # nobody works the queue yet
    SimpleWorker([rq_mode], connection=rq_mode.connection).work(burst=True)
    done = jobs.get_job(job.id)
    assert done.status == JobStatus.FINISHED
    assert done.result == {"sum": 42}


def test_worker_command_runs_a_scheduler_job(app, rq_mode, runner):
    mm = _requested_session(app)
    with app.test_request_context("/"):
        job = b2b_runs.start_run(mm.id, time_limit=5)
    assert jobs.get_job(job.id).status == JobStatus.QUEUED
    result = runner.invoke(args=["worker", "--burst", "--queue", rq_mode.name])
    assert result.exit_code == 0, result.output
    done = jobs.get_job(job.id)
    assert done.status == JobStatus.FINISHED, done.error
    assert done.result["meetings"] == 2
    assert len(b2b_schedule.meetings_of(mm.id)) == 2


def test_unreachable_redis_fails_the_job_plainly(app):
    app.config.update(JOBS_BACKEND="rq", REDIS_URL="redis://127.0.0.1:1/0")
    with app.test_request_context("/"), pytest.raises(ServiceError) as refused:
        jobs.start(adds, "test:down", {"a": 1, "b": 2})
    assert "Redis" in refused.value.message
    assert jobs.latest_job("test:down").status == JobStatus.FAILED


def test_worker_command_without_redis_says_so(app, runner):
    app.config.pop("REDIS_URL", None)
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code != 0
    assert "REDIS_URL is not set" in result.output


def test_ended_jobs_are_pruned_to_the_last_few_per_subject(thread_mode, monkeypatch):
    monkeypatch.setattr(jobs, "KEEP_DONE", 3)
    base = utcnow() - timedelta(days=30)
    for i in range(6):
        db.session.add(
            BackgroundJob(
                id=f"old{i}",
                kind=jobs.kind_of(adds),
                subject="test:prune",
                status=JobStatus.FINISHED,
                created_at=base + timedelta(days=i),
            )
        )
    db.session.add(
        BackgroundJob(
            id="elsewhere",
            kind=jobs.kind_of(adds),
            subject="test:x",
            status=JobStatus.FINISHED,
            created_at=base,
        )
    )
    db.session.commit()
    fresh = jobs.start(adds, "test:prune", {"a": 1, "b": 2})
    jobs.wait(fresh.id, 10)
    db.session.expire_all()
    kept = set(db.session.scalars(db.select(BackgroundJob.id)))
    # The new (live when pruning) job, the three newest ended ones, other subjects untouched.
    assert kept == {fresh.id, "old3", "old4", "old5", "elsewhere"}


def test_a_job_run_without_the_app_says_which_worker_to_use():
    # core builds no app: the app context comes from `forumapp worker` or the job thread.
    # A new thread has no app context (any test's context stays in its own thread).
    errors: list[str] = []

    def run() -> None:
        try:
            jobs.perform("no-such-job")
        except RuntimeError as exc:
            errors.append(str(exc))

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(10)
    assert errors and "forumapp worker" in errors[0]
