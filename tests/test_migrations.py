"""Migrations and models agree, and the chain runs up, down to nothing, and up again."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from forumapp.core.extensions import db
from forumapp.core.models import Base
from tests.support import make_test_app, on_postgres, scratch_postgres_database


@pytest.fixture
def scratch_database_url(tmp_path):
    """An empty database of the suite's kind that nothing else uses."""
    if on_postgres():
        with scratch_postgres_database("forumapp_mig") as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"


def table_names() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def schema_diff() -> list:
    with db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), Base.metadata)


def test_upgrade_downgrade_upgrade(scratch_database_url):
    app = make_test_app(scratch_database_url)
    with app.app_context():
        upgrade()
        expected = {t.name for t in Base.metadata.sorted_tables}
        assert table_names() == expected
        assert schema_diff() == []
        downgrade(revision="base")
        assert table_names() == set()
        upgrade()
        assert table_names() == expected
        assert schema_diff() == []
        db.engine.dispose()


def test_guid_migration_backfills_existing_rows(scratch_database_url):
    app = make_test_app(scratch_database_url)
    with app.app_context():
        upgrade(revision="4521854c3de3")
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO person (name_latin, title, bio, languages, created_at, updated_at)"
                    " VALUES ('Zoyir Mirzayev', '{}', '{}', '[]', :now, :now)"
                ),
                {"now": "2022-09-07 01:00:00"},
            )
        upgrade()
        with db.engine.connect() as conn:
            guids = conn.execute(sa.text("SELECT guid FROM person")).scalars().all()
        assert len(guids) == 1 and len(guids[0]) == 36
        db.engine.dispose()


def test_live_job_index_retires_older_duplicates_first(scratch_database_url):
    # Before the unique index two simultaneous starts could leave two live jobs on
    # one subject; the migration keeps the newest live one and retires the rest.
    app = make_test_app(scratch_database_url)
    rows = [
        ("old", "matchmaking:1", "running", "2026-10-14 01:00:00+00"),
        ("new", "matchmaking:1", "queued", "2026-10-14 01:00:05+00"),
        ("done", "matchmaking:1", "finished", "2026-10-13 09:00:00+00"),
        ("other", "matchmaking:2", "queued", "2026-10-14 01:00:00+00"),
    ]
    with app.app_context():
        upgrade(revision="5a7e0c1d2b34")
        with db.engine.begin() as conn:
            for job_id, subject, status, created in rows:
                conn.execute(
                    sa.text(
                        "INSERT INTO background_job (id, kind, subject, params, status, progress,"
                        " message, created_at, updated_at) VALUES (:id, 'k', :subject, '{}',"
                        " :status, 0, '', :created, :created)"
                    ),
                    {"id": job_id, "subject": subject, "status": status, "created": created},
                )
        upgrade()
        with db.engine.connect() as conn:
            statuses = dict(conn.execute(sa.text("SELECT id, status FROM background_job")).all())
        assert statuses == {"old": "failed", "new": "queued", "done": "finished", "other": "queued"}
        db.engine.dispose()
