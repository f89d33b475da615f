"""Background jobs: RQ on Redis when ``REDIS_URL`` is set, a thread of this process otherwise.

A job is a row in ``background_job`` plus a function marked with :func:`job_function`.
Whoever runs it (a thread here, or ``forumapp worker`` elsewhere) calls :func:`perform`,
which marks the row running, calls the function with a :class:`JobContext` and writes
the result or the error. Progress and heartbeats go through their own short
connections, never through the job's session, so reporting progress cannot commit
half of the job's work.

Settings: ``JOBS_BACKEND`` ("thread" or "rq"; default: "rq" when ``REDIS_URL`` is set),
``JOBS_QUEUE`` (RQ queue name, "forumapp"), ``JOBS_TIMEOUT`` (seconds, 900).
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, current_app, has_app_context
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from forumapp.core.errors import NotFound, ServiceError
from forumapp.core.extensions import db
from forumapp.core.job_model import BackgroundJob, JobStatus
from forumapp.core.models import utcnow
from forumapp.core.unit_of_work import transaction

log = logging.getLogger(__name__)

DEFAULT_QUEUE = "forumapp"
DEFAULT_TIMEOUT = 900
HEARTBEAT_SECONDS = 1.0
# A running job without a heartbeat for this long died with its process.
STALE_AFTER = timedelta(minutes=2)
MAX_MESSAGE = 200
KEEP_DONE = 20  # ended jobs kept per subject (see _prune)

JobFunction = Callable[..., dict[str, Any] | None]

# Threads started by this process, so tests and the "run" page can wait on them.
_threads: dict[str, threading.Thread] = {}
_threads_lock = threading.Lock()


def job_function(func: JobFunction) -> JobFunction:
    """Mark a function as runnable by :func:`perform` (nothing else can be named in a job)."""
    func._forumapp_job = True  # type: ignore[attr-defined]
    return func


def kind_of(func: JobFunction) -> str:
    return f"{func.__module__}:{func.__qualname__}"


# A job's kind names its function by module path; rows written before the modules moved
# into feature packages (issue 13) name the old module, and still resolve.
MOVED_MODULES = {
    "forumapp.services.b2b_runs": "forumapp.b2b.runs",  # relayout: keep
}


def _resolve(kind: str) -> JobFunction:
    module_name, _sep, name = kind.partition(":")
    module_name = MOVED_MODULES.get(module_name, module_name)
    func = getattr(importlib.import_module(module_name), name, None)
    if func is None or not getattr(func, "_forumapp_job", False):
        raise LookupError(f"{kind} is not a job function")
    return func


def backend(app: Flask | None = None) -> str:
    config = (app or current_app).config
    return config.get("JOBS_BACKEND") or ("rq" if config.get("REDIS_URL") else "thread")


# -- progress ------------------------------------------------------------------------------


@dataclass
class JobContext:
    """Handed to a job function: report progress, or estimate it over a long call."""

    job_id: str
    engine: Engine
    _state: dict[str, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)

    def _write(self, **values: Any) -> None:
        values["heartbeat_at"] = utcnow()
        values["updated_at"] = values["heartbeat_at"]
        if "message" in values:
            values["message"] = values["message"][:MAX_MESSAGE]
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    update(BackgroundJob).where(BackgroundJob.id == self.job_id).values(**values)
                )
        except SQLAlchemyError:
            # A busy database must not kill the job; the next report tries again.
            log.warning("job %s: progress not written", self.job_id, exc_info=True)

    def report(self, percent: int, message: str) -> None:
        with self._lock:
            self._state.pop("estimate", None)
            self._state["percent"] = max(0, min(100, int(percent)))
        self._write(progress=self._state["percent"], message=message)

    @contextmanager
    def estimate(self, start: int, end: int, seconds: float, message: str) -> Iterator[None]:
        """Move from ``start`` to ``end`` percent over ``seconds`` while the block runs
        (a solver with a time limit gives no progress of its own, but its clock is known)."""
        self.report(start, message)
        with self._lock:
            self._state["estimate"] = (time.monotonic(), start, end, max(seconds, 0.1))
        try:
            yield
        finally:
            with self._lock:
                self._state.pop("estimate", None)

    def _tick(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            with self._lock:
                estimate = self._state.get("estimate")
            if estimate is None:
                self._write()
                continue
            began, start, end, seconds = estimate
            share = min(1.0, (time.monotonic() - began) / seconds)
            self._write(progress=int(start + (end - start) * share))

    @contextmanager
    def heartbeat(self) -> Iterator[None]:
        ticker = threading.Thread(target=self._tick, name=f"job-{self.job_id}-tick", daemon=True)
        ticker.start()
        try:
            yield
        finally:
            self._stop.set()
            ticker.join()


# -- running -------------------------------------------------------------------------------


def perform(job_id: str) -> None:
    """Run one job to its end; what RQ workers and job threads call. Never raises once
    it runs: it needs the app, which ``forumapp worker`` (forumapp/cli/jobs.py) and the
    job threads provide as the current app context."""
    if not has_app_context():
        raise RuntimeError("forumapp jobs need the app: run them with `forumapp worker`")
    app = current_app._get_current_object()
    # A context of its own gives the job its own database session.
    with app.app_context():
        try:
            _perform(job_id)
        finally:
            db.session.remove()


def _perform(job_id: str) -> None:
    job = db.session.get(BackgroundJob, job_id)
    if job is None or job.status != JobStatus.QUEUED:
        return  # deleted, or already taken by another worker
    kind, params = job.kind, dict(job.params or {})
    locale = params.pop("_locale", None) or current_app.config.get("BABEL_DEFAULT_LOCALE", "ko")
    ctx = JobContext(job_id, db.engine)
    ctx._write(status=JobStatus.RUNNING.value, started_at=utcnow(), progress=0)
    db.session.rollback()  # end the read transaction before the job starts its own
    with force_locale(locale), ctx.heartbeat():
        try:
            # The job's one transaction: what the function changed is committed here.
            with transaction():
                result = _resolve(kind)(ctx, **params)
        except ServiceError as exc:
            db.session.rollback()
            ctx._write(status=JobStatus.FAILED.value, error=exc.message, finished_at=utcnow())
            return
        except Exception as exc:
            db.session.rollback()
            log.exception("job %s (%s) failed", job_id, kind)
            error = _("The job stopped with an error: %(error)s", error=exc.__class__.__name__)
            ctx._write(status=JobStatus.FAILED.value, error=error, finished_at=utcnow())
            return
        ctx._write(
            status=JobStatus.FINISHED.value,
            progress=100,
            result=result or {},
            finished_at=utcnow(),
        )


def _run_in_thread(app: Flask, job_id: str) -> None:
    try:
        with app.app_context():
            perform(job_id)
    finally:
        with _threads_lock:
            _threads.pop(job_id, None)


def _rq_queue(app: Flask):
    from redis import Redis  # noqa: PLC0415  (Redis and RQ load only when REDIS_URL is set)
    from rq import Queue  # noqa: PLC0415

    connection = Redis.from_url(app.config["REDIS_URL"])
    return Queue(app.config.get("JOBS_QUEUE") or DEFAULT_QUEUE, connection=connection)


def _dispatch(job: BackgroundJob) -> None:
    app = current_app._get_current_object()
    if backend(app) == "rq":
        from redis.exceptions import RedisError  # noqa: PLC0415  (only with REDIS_URL set)

        timeout = int(app.config.get("JOBS_TIMEOUT") or DEFAULT_TIMEOUT)
        try:
            _rq_queue(app).enqueue_call(
                "forumapp.core.jobs.perform",
                args=(job.id,),
                job_id=job.id,
                timeout=timeout,
                result_ttl=3600,
                failure_ttl=24 * 3600,
            )
        except RedisError as exc:
            job.status = JobStatus.FAILED
            job.error = _("The job queue (Redis) cannot be reached.")
            job.finished_at = utcnow()
            db.session.commit()
            raise ServiceError(job.error) from exc
        return
    thread = threading.Thread(
        target=_run_in_thread, args=(app, job.id), name=f"job-{job.id}", daemon=True
    )
    with _threads_lock:
        _threads[job.id] = thread
    thread.start()


def is_stale(job: BackgroundJob, now: datetime | None = None) -> bool:
    if job.status != JobStatus.RUNNING:
        return False
    last = job.heartbeat_at or job.started_at or job.created_at
    return (now or utcnow()) - last > STALE_AFTER


def active_job(subject: str) -> BackgroundJob | None:
    """The queued or running job on ``subject``, if one is alive."""
    jobs = db.session.scalars(
        db.select(BackgroundJob)
        .where(
            BackgroundJob.subject == subject,
            BackgroundJob.status.in_((JobStatus.QUEUED, JobStatus.RUNNING)),
        )
        .order_by(BackgroundJob.created_at.desc())
    )
    return next((job for job in jobs if not is_stale(job)), None)


def latest_job(subject: str) -> BackgroundJob | None:
    return db.session.scalar(
        db.select(BackgroundJob)
        .where(BackgroundJob.subject == subject)
        .order_by(BackgroundJob.created_at.desc())
        .limit(1)
    )


def start(
    func: JobFunction,
    subject: str,
    params: dict[str, Any],
    *,
    user_id: int | None = None,
    locale: str | None = None,
    message: str = "",
) -> BackgroundJob:
    """Queue ``func(ctx, **params)``; while a job on ``subject`` is alive, that one is
    returned instead of starting a second."""
    _resolve(kind_of(func))  # fail here, not in the worker
    running = active_job(subject)
    if running is not None:
        return running
    _retire_dead(subject)
    stored = dict(params)
    if locale:
        stored["_locale"] = locale
    job = BackgroundJob(
        kind=kind_of(func),
        subject=subject,
        params=stored,
        created_by_id=user_id,
        message=message[:MAX_MESSAGE],
    )
    db.session.add(job)
    try:
        db.session.commit()
    except IntegrityError:
        # Another request started a job on this subject a moment ago: the unique
        # index on live jobs let only one of the two in; this one joins it.
        db.session.rollback()
        running = active_job(subject)
        if running is None:
            raise
        return running
    _dispatch(job)
    _prune(subject)
    return job


def _prune(subject: str) -> None:
    """Keep the last ``KEEP_DONE`` ended jobs of a subject: the pages show the latest
    run, and a scheduler pressed daily for a month should not leave a table behind."""
    old = (
        db.select(BackgroundJob.id)
        .where(
            BackgroundJob.subject == subject,
            BackgroundJob.status.in_((JobStatus.FINISHED, JobStatus.FAILED)),
        )
        .order_by(BackgroundJob.created_at.desc(), BackgroundJob.id.desc())
        .offset(KEEP_DONE)
    )
    ids = list(db.session.scalars(old))
    if ids:
        db.session.execute(
            db.delete(BackgroundJob).where(BackgroundJob.id.in_(ids)),
            execution_options={"synchronize_session": False},
        )
        db.session.commit()


def _retire_dead(subject: str) -> None:
    """Mark live jobs on ``subject`` whose process died as failed (committed with the
    new job), so the one-live-job-per-subject index lets a new one start."""
    for job in db.session.scalars(
        db.select(BackgroundJob).where(
            BackgroundJob.subject == subject, BackgroundJob.status == JobStatus.RUNNING
        )
    ):
        if is_stale(job):
            job.status = JobStatus.FAILED
            job.error = _("Its process stopped; a newer job took over.")
            job.finished_at = utcnow()


def get_job(job_id: str, subject: str | None = None) -> BackgroundJob:
    """The job as stored now (not as this session last saw it)."""
    job = db.session.scalar(
        db.select(BackgroundJob)
        .where(BackgroundJob.id == job_id)
        .execution_options(populate_existing=True)
    )
    if job is None or (subject is not None and job.subject != subject):
        raise NotFound(_("No such job."))
    return job


def wait(job_id: str, timeout: float, poll: float = 0.1) -> BackgroundJob:
    """Wait up to ``timeout`` seconds for the job to end; returns it either way."""
    deadline = time.monotonic() + timeout
    with _threads_lock:
        thread = _threads.get(job_id)
    if thread is not None:
        thread.join(timeout)
    while True:
        db.session.rollback()  # see other connections' commits
        job = get_job(job_id)
        if job.done or time.monotonic() >= deadline:
            return job
        time.sleep(poll)
