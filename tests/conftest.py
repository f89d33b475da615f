"""Shared fixtures: an app on a migrated database that is emptied after every test.

The suite runs on SQLite by default and on PostgreSQL when ``DATABASE_URL`` is
set (CI does both). The schema comes from the Alembic migrations, exactly as in
production; each test then starts from empty tables.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask, has_app_context
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade

from forumapp import create_app
from forumapp.extensions import db
from forumapp.models import Base

TEST_DATABASE_URL = os.environ.get("DATABASE_URL")


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


def is_postgres(url: str) -> bool:
    return url.startswith("postgres")


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
        # Production keeps scrypt (tests/services/test_accounts.py checks the default).
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


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A database migrated to head, once per test run."""
    if TEST_DATABASE_URL:
        url = TEST_DATABASE_URL
        reset_postgres_schema(url) if is_postgres(url) else None
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    app = make_test_app(url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


def empty_all_tables() -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


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
def demo(app):
    """The demo data set, loaded through the same service the CLI uses."""
    from forumapp.core.unit_of_work import transaction
    from forumapp.services.demo import load_demo

    with transaction():
        return load_demo(organiser_password="kazakh-wind-2023")


@pytest.fixture
def count_queries(app):
    """Count the SQL statements a block runs: ``with count_queries() as counter: ...``."""
    from contextlib import contextmanager

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
