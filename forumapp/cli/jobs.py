"""``forumapp worker``: run background jobs (scheduler runs) and outbox mail from the RQ
queue on Redis.

Needed only when ``REDIS_URL`` is set; without it both run in a thread of the web process.
The worker also runs RQ's scheduler, which holds the outbox's retries until they are due.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from forumapp.core.jobs import DEFAULT_QUEUE


@click.command("worker")
@click.option("--queue", "queue_name", help="Queue name (default: JOBS_QUEUE or 'forumapp').")
@click.option("--burst", is_flag=True, help="Run the queued jobs, then stop.")
@with_appcontext
def worker_command(queue_name: str | None, burst: bool) -> None:
    """Run an RQ worker for forumapp's background jobs."""
    # Redis and RQ load only for the worker, not for every forumapp command.
    from redis import Redis  # noqa: PLC0415
    from redis.exceptions import RedisError  # noqa: PLC0415
    from rq import Queue, SimpleWorker  # noqa: PLC0415

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("REDIS_URL is not set; without it jobs run in the web process")
    name = queue_name or current_app.config.get("JOBS_QUEUE") or DEFAULT_QUEUE
    connection = Redis.from_url(url)
    try:
        connection.ping()
    except RedisError as exc:
        raise click.ClickException(f"Redis at {url} cannot be reached: {exc}") from exc
    # SimpleWorker runs jobs in this process, inside the app context pushed above: a
    # forked work horse would inherit the parent's database connections mid-use.
    queue = Queue(name, connection=connection)
    # Mail left pending while no worker ran (or while Redis was away) goes first.
    queue.enqueue_call("forumapp.core.outbox.deliver_job", result_ttl=0)
    worker = SimpleWorker([queue], connection=connection)
    click.echo(f"Worker listening on queue {name!r}" + (" (burst)" if burst else ""))
    worker.work(burst=burst, logging_level="INFO", with_scheduler=True)
