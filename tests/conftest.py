"""Shared fixtures: an app on a migrated database that is emptied after every test.

The suite runs on SQLite by default and on PostgreSQL when ``DATABASE_URL`` is
set (CI does both). The schema comes from the Alembic migrations, exactly as in
production; each test then starts from empty tables. Helpers that test modules
import live in tests/support.py (app, databases) and tests/factories.py (data);
test modules never import this file or each other.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from forumapp.core.extensions import db
from forumapp.core.unit_of_work import transaction
from forumapp.demo.load import load_demo
from tests import factories
from tests.pages import login
from tests.support import (
    TEST_DATABASE_URL,
    empty_all_tables,
    is_postgres,
    make_test_app,
    postgres_worker_url,
    reset_postgres_schema,
    sqlite_worker_url,
)

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(scope="session", autouse=True)
def private_instance_folder(tmp_path_factory):
    """Keep uploads, outbox mail and generated keys out of the checkout's instance/."""
    previous = os.environ.get("FORUMAPP_INSTANCE_PATH")
    os.environ["FORUMAPP_INSTANCE_PATH"] = str(tmp_path_factory.mktemp("instance"))
    yield
    if previous is None:
        os.environ.pop("FORUMAPP_INSTANCE_PATH", None)
    else:
        os.environ["FORUMAPP_INSTANCE_PATH"] = previous


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A database migrated to head, once per test run (once per worker under xdist:
    tmp_path_factory is per worker, and PostgreSQL gets ``<name>_gw0`` and so on)."""
    if TEST_DATABASE_URL and is_postgres(TEST_DATABASE_URL):
        url = postgres_worker_url(TEST_DATABASE_URL)
        reset_postgres_schema(url)
    elif TEST_DATABASE_URL:
        url = sqlite_worker_url(TEST_DATABASE_URL)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    app = make_test_app(url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


@pytest.fixture
def app(database_url) -> Iterator[Flask]:
    app = make_test_app(database_url)
    with app.app_context():
        yield app
        db.session.remove()
        empty_all_tables()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def rq_queue(app):
    """A queue of this test's own on the real Redis (127.0.0.1:6379), deleted after it;
    REDIS_URL and JOBS_QUEUE point the app at it. Skips when Redis is not running."""
    redis = pytest.importorskip("redis")
    rq = pytest.importorskip("rq")
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    queue_name = f"forumapp-test-{uuid.uuid4().hex[:12]}"
    app.config.update(REDIS_URL=REDIS_URL, JOBS_QUEUE=queue_name)
    queue = rq.Queue(queue_name, connection=connection)
    yield queue
    queue.delete(delete_jobs=True)


@pytest.fixture
def in_request(app):
    """Services translate their messages, and the locale comes from the request."""
    with app.test_request_context("/"):
        yield


@pytest.fixture
def outbox_in_tmp(app, tmp_path):
    """Keep test mail in the test's own folder (``outbox_messages`` reads it); modules
    that look at mail use it for every test with ``pytest.mark.usefixtures``."""
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")


@pytest.fixture
def organiser(client, app):
    """The test client, logged in as an organiser (org@example.org)."""
    factories.user("org@example.org")
    login(client, "org@example.org")
    return client


@pytest.fixture
def demo(app):
    """The demo data set, loaded through the same service the CLI uses."""

    with transaction():
        return load_demo(organiser_password="kazakh-wind-2023")


@pytest.fixture
def count_queries(app):
    """Count the SQL statements a block runs: ``with count_queries() as counter: ...``."""

    @contextmanager
    def counting():
        statements: list[str] = []

        def before_execute(conn, cursor, statement, *args):
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", before_execute)
        try:
            yield statements
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", before_execute)

    return counting
