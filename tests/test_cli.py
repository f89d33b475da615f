"""The ``forumapp`` command as a user meets it: one readable line on failure, no traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from forumapp.accounts.models import User, UserRole
from tests import factories

FORUMAPP = str(Path(sys.executable).parent / "forumapp")


def run_forumapp(*args, database_url=None, stdin="", env_extra=None):
    # No FORUMAPP_ settings leak in, except the suite's private instance folder
    # (conftest.py): the checkout's instance/ is shared with other runs and workers.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("FORUMAPP_") or k == "FORUMAPP_INSTANCE_PATH"
    }
    env["SECRET_KEY"] = "cli-test-secret"
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(env_extra or {})
    return subprocess.run(
        [FORUMAPP, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def assert_one_line_error(result, *fragments):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_unknown_database_scheme():
    result = run_forumapp("demo", database_url="oracle+nothing://x/y")
    assert_one_line_error(result, "unknown or unsupported scheme")


def test_unreachable_database():
    result = run_forumapp("demo", database_url="postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert_one_line_error(result, "cannot reach the database")


def test_unmigrated_database_says_what_to_run(tmp_path):
    result = run_forumapp("demo", database_url=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert_one_line_error(result, "forumapp db upgrade")


def test_fresh_sqlite_upgrade_check_demo_twice(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    assert run_forumapp("db", "upgrade", database_url=url).returncode == 0
    check = run_forumapp("db", "check", database_url=url)
    assert check.returncode == 0, check.stdout + check.stderr
    first = run_forumapp(
        "demo", database_url=url, env_extra={"FORUMAPP_DEMO_PASSWORD": "steppe-wind-42"}
    )
    assert first.returncode == 0, first.stderr
    assert "loaded   forum jeonbuk-kazakhstan-2023" in first.stdout
    second = run_forumapp("demo", database_url=url)
    assert second.returncode == 0, second.stderr
    assert "loaded" not in second.stdout
    routes = run_forumapp("routes", database_url=url)
    assert routes.returncode == 0 and "public.forum" in routes.stdout


def test_users_create_reads_password_from_stdin(runner, app):
    result = runner.invoke(
        args=["users", "create", "New@Example.org", "--role", "organiser"],
        input="a-long-passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created organiser account new@example.org" in result.output
    user = app.extensions["sqlalchemy"].session.scalar(
        User.__table__.select().where(User.email == "new@example.org")
    )
    assert user is not None


@pytest.mark.parametrize(
    "email, password, message",
    [
        ("taken@example.org", "a-long-passphrase", "already used"),
        ("fresh@example.org", "short", "at least 10 characters"),
        ("not-an-email", "a-long-passphrase", "Not a valid e-mail address"),
    ],
)
def test_users_create_refuses_with_a_clear_message(runner, app, email, password, message):
    factories.user("taken@example.org")
    result = runner.invoke(args=["users", "create", email], input=password + "\n")
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_company_user_needs_existing_organisation(runner, app):
    result = runner.invoke(
        args=["users", "create", "rep@example.org", "--role", "company", "--organisation", "999"],
        input="a-long-passphrase\n",
    )
    assert result.exit_code == 1 and "No organisation with id 999" in result.output
    org = factories.organisation()
    result = runner.invoke(
        args=["users", "create", "rep@example.org", "--role", "company", "--organisation", org.id],
        input="a-long-passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert UserRole.COMPANY.value in result.output
