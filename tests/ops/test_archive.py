"""export-all / import-all: a whole database goes into a JSON archive and back into a
fresh database with every row equal, column by column (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from forumapp.core import archive
from forumapp.core.extensions import db
from forumapp.core.job_model import BackgroundJob
from forumapp.core.models import Base
from forumapp.demo.load import load_demo
from forumapp.people.models import Organisation, OrganisationKind
from tests.support import make_test_app, on_postgres, scratch_postgres_database


@pytest.fixture
def scratch_url(tmp_path):
    """A fresh, empty database of the suite's kind that nothing else uses."""
    if on_postgres():
        with scratch_postgres_database("forumapp_archive") as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"


def row_dump() -> dict[str, list[tuple]]:
    """Every row of every table as Python values (typed by the columns), plus whether
    each JSON value is SQL NULL, ordered by primary key."""
    dump = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            json_nulls = [
                c.is_(None)
                for c in table.columns
                if isinstance(getattr(c.type, "impl_instance", c.type), sa.JSON)
            ]
            query = sa.select(*table.columns, *json_nulls).order_by(*table.primary_key.columns)
            dump[table.name] = [tuple(row) for row in conn.execute(query)]
    return dump


def fill_source(app) -> None:
    with app.test_request_context("/"):
        load_demo(organiser_password="kazakh-wind-2023")
    # A row with a JSON null and one with SQL NULL in the same column, an aware
    # timestamp with microseconds, and text in every script the app serves.
    db.session.add_all(
        [
            BackgroundJob(
                id="a" * 32,
                kind="test",
                subject="archive:1",
                result=None,
                started_at=datetime(2023, 12, 5, 8, 30, 15, 123456, tzinfo=UTC),
            ),
            Organisation(
                kind=OrganisationKind.COMPANY,
                country="UZ",
                name={"ko": "타슈켄트", "ru": "Ташкент", "kk": "Ташкент қ.", "uz": "Toshkentʻ"},
            ),
        ]
    )
    db.session.commit()
    db.session.execute(
        sa.update(BackgroundJob).where(BackgroundJob.id == "a" * 32).values(result=sa.JSON.NULL)
    )
    db.session.add(BackgroundJob(id="b" * 32, kind="test", subject="archive:2"))
    db.session.commit()


def test_round_trip_keeps_every_row(app, scratch_url):
    fill_source(app)
    before = row_dump()
    assert sum(len(rows) for rows in before.values()) > 100
    assert {row[-1] for row in before["background_job"]} == {True, False}  # both NULLs
    text = json.dumps(archive.export_archive(), ensure_ascii=False)
    db.session.remove()

    target = make_test_app(scratch_url)
    with target.app_context():
        upgrade()
        count = archive.import_archive(json.loads(text))
        assert count == sum(len(rows) for rows in before.values())
        assert row_dump() == before
        # Sequences (PostgreSQL) start after the imported ids: new rows just work.
        highest = db.session.scalar(sa.select(sa.func.max(Organisation.id)))
        added = Organisation(kind=OrganisationKind.COMPANY, country="KR", name={"en": "New"})
        db.session.add(added)
        db.session.commit()
        assert added.id > highest
        db.session.remove()
        db.engine.dispose()


def test_cli_round_trip_and_refusals(app, scratch_url, tmp_path):
    fill_source(app)
    before = row_dump()
    path = tmp_path / "all.json"
    result = app.test_cli_runner().invoke(args=["export-all", str(path)])
    assert result.exit_code == 0, result.output
    header = json.loads(path.read_text(encoding="utf-8"))
    assert header["format"] == "forumapp-archive" and header["version"] == 1
    assert header["schema_revision"]

    # Into the same, non-empty database: refused with one line, nothing written.
    refused = app.test_cli_runner().invoke(args=["import-all", str(path)])
    assert refused.exit_code == 2
    assert refused.output.strip().count("\n") == 0 and "not empty" in refused.output
    assert row_dump() == before
    db.session.remove()

    target = make_test_app(scratch_url)
    with target.app_context():
        not_migrated = target.test_cli_runner().invoke(args=["import-all", str(path)])
        assert not_migrated.exit_code == 2 and "not migrated" in not_migrated.output
        upgrade()
        garbage = tmp_path / "garbage.json"
        garbage.write_text('{"format": "something else"}')
        wrong = target.test_cli_runner().invoke(args=["import-all", str(garbage)])
        assert wrong.exit_code == 2 and "not a forumapp archive" in wrong.output
        done = target.test_cli_runner().invoke(args=["import-all", str(path)])
        assert done.exit_code == 0, done.output
        assert row_dump() == before
        db.session.remove()
        db.engine.dispose()


def test_archive_of_another_schema_revision_is_refused(app):
    data = archive.export_archive()
    data["schema_revision"] = "0000deadbeef"
    with pytest.raises(archive.ArchiveRefused, match="schema revision"):
        archive.import_archive(data)
