"""The test app and its databases (no tests here; conftest.py and test modules import it).

The suite runs on SQLite by default and on PostgreSQL when ``DATABASE_URL`` is set.
Under pytest-xdist every worker gets a database of its own: on PostgreSQL the
``DATABASE_URL`` database name with the worker id appended (``test_gw0``,
``test_gw1``, ...), created through the ``postgres`` maintenance database when
missing; a serial run uses ``DATABASE_URL`` as it is.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask, has_app_context
from flask.testing import FlaskClient, FlaskCliRunner

from forumapp import create_app
from forumapp.core.extensions import db
from forumapp.core.models import Base

TEST_DATABASE_URL = os.environ.get("DATABASE_URL")


def is_postgres(url: str) -> bool:
    return url.startswith("postgres")


def on_postgres() -> bool:
    """Whether the suite runs against PostgreSQL (``DATABASE_URL`` names one)."""
    return bool(TEST_DATABASE_URL and is_postgres(TEST_DATABASE_URL))


def xdist_worker() -> str | None:
    """``gw0``, ``gw1``, ... inside a pytest-xdist worker; None in a serial run."""
    return os.environ.get("PYTEST_XDIST_WORKER")


def _maintenance_engine(url: str) -> sa.Engine:
    """The server's ``postgres`` database, for CREATE and DROP DATABASE."""
    admin_url = sa.engine.make_url(url).set(database="postgres")
    return sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")


def ensure_postgres_database(url: str) -> None:
    """Create the database ``url`` names unless it exists."""
    name = sa.engine.make_url(url).database
    admin = _maintenance_engine(url)
    try:
        with admin.connect() as conn:
            exists = conn.scalar(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            if not exists:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()


def postgres_worker_url(url: str) -> str:
    """The suite's PostgreSQL database for this process: ``DATABASE_URL`` itself in a
    serial run, ``<name>_<worker>`` under xdist; created when missing."""
    worker = xdist_worker()
    parsed = sa.engine.make_url(url)
    if worker:
        parsed = parsed.set(database=f"{parsed.database}_{worker}")
    rendered = parsed.render_as_string(hide_password=False)
    ensure_postgres_database(rendered)
    return rendered


def sqlite_worker_url(url: str) -> str:
    """A file database named in ``DATABASE_URL`` gets ``_<worker>`` before its suffix
    under xdist, so workers never share one file."""
    worker = xdist_worker()
    parsed = sa.engine.make_url(url)
    if not worker or parsed.database in (None, "", ":memory:"):
        return url
    stem, dot, suffix = parsed.database.rpartition(".")
    name = f"{stem}_{worker}.{suffix}" if dot else f"{parsed.database}_{worker}"
    return parsed.set(database=name).render_as_string(hide_password=False)


@contextmanager
def scratch_postgres_database(prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database next to the suite's, dropped afterwards."""
    assert TEST_DATABASE_URL and on_postgres()
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = _maintenance_engine(TEST_DATABASE_URL)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            yield (
                sa.engine.make_url(TEST_DATABASE_URL)
                .set(database=name)
                .render_as_string(hide_password=False)
            )
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def reset_postgres_schema(url: str) -> None:
    """Drop whatever an earlier run left behind, so migrations start from nothing."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


class CommittedSetupClient(FlaskClient):
    """A test client whose requests start after the test's own setup was committed.

    Tests build their world by calling operations directly, and operations never
    commit: in the running application each of those calls would have been a request
    (or a command) of its own, committed by its unit of work. Committing here keeps that
    order, so a request answered 4xx, whose transaction rolls back, takes only its own
    changes with it."""

    def open(self, *args, **kwargs):
        if has_app_context():
            db.session.commit()
        return super().open(*args, **kwargs)


class CommittedSetupRunner(FlaskCliRunner):
    def invoke(self, *args, **kwargs):
        if has_app_context():
            db.session.commit()
        return super().invoke(*args, **kwargs)


def make_test_app(database_url: str, **overrides) -> Flask:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-only-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_MIN_LENGTH": 10,
        "RATELIMIT_ENABLED": False,
        # scrypt costs ~0.2 s per hash and check; the suite logs in hundreds of times.
        # Production keeps scrypt (tests/accounts/test_accounts.py checks the default).
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        # Jobs run in a thread unless a test asks for RQ: a REDIS_URL in the
        # environment must not send test jobs to a queue no worker reads.
        "JOBS_BACKEND": "thread",
        # Mail waits in the outbox until a test delivers it (outbox.deliver_due), so
        # tests read exactly what was sent; tests of the deliverers switch this back.
        "OUTBOX_DELIVERY": "manual",
        # Assertions are written against the English interface; a request without
        # Accept-Language would otherwise get the Korean default.
        "BABEL_DEFAULT_LOCALE": "en",
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = CommittedSetupClient
    app.test_cli_runner_class = CommittedSetupRunner
    return app


def empty_all_tables() -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()
