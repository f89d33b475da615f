"""The ``forumapp`` command: Flask's CLI group bound to the app factory.

``forumapp run``, ``forumapp db upgrade`` and ``forumapp routes`` come from Flask
and Flask-Migrate; the project's own commands are registered below. Failures a
user can cause end in one readable line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import os
import sys

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup
from sqlalchemy.exc import OperationalError, ProgrammingError

from forumapp import create_app
from forumapp.accounts import operations as accounts
from forumapp.cli import archive as archive_commands
from forumapp.cli import b2b as b2b_commands
from forumapp.cli import jobs as job_commands
from forumapp.cli import outbox as outbox_commands
from forumapp.cli import people as people_commands
from forumapp.cli import schedule as schedule_commands
from forumapp.cli import tokens as token_commands
from forumapp.core.config import ConfigError
from forumapp.core.database import require_database
from forumapp.core.errors import DatabaseNotReady, ServiceError
from forumapp.core.unit_of_work import command_transaction
from forumapp.demo.load import DEMO_ORGANISER_EMAIL, load_demo


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


@click.group("users", help="Manage accounts.")
def users_cli() -> None:
    pass


@users_cli.command("create")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice(["organiser", "company"]),
    default="organiser",
    show_default=True,
)
@click.option("--organisation", "organisation_id", type=int, help="Organisation id (company role).")
@click.option("--name", "display_name", help="Name shown in the interface.")
@command_transaction
def create_user_command(email, role, organisation_id, display_name) -> None:
    """Create an account. The password is prompted for, or read from stdin when piped."""

    require_database()
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = accounts.create_user(
            email,
            password,
            role,
            organisation_id=organisation_id,
            display_name=display_name,
            min_length=current_app.config["PASSWORD_MIN_LENGTH"],
        )
    except ServiceError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Created {user.role.value} account {user.email} (id {user.id}).")


@click.command("demo")
@command_transaction
def demo_command() -> None:
    """Load the demo forum, visit and organiser account (safe to run twice)."""

    require_database()
    report = load_demo(os.environ.get("FORUMAPP_DEMO_PASSWORD"))
    for item in report.loaded:
        click.echo(f"loaded   {item}")
    for item in report.skipped:
        click.echo(f"present  {item} (unchanged)")
    if report.organiser_password:
        click.echo(f"Log in as {DEMO_ORGANISER_EMAIL} with password: {report.organiser_password}")
    if report.company_password:
        click.echo(
            "Company accounts company.kr@example.org and company.kz@example.org, "
            f"password: {report.company_password}"
        )


def register_commands(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(b2b_commands.b2b)
    app.cli.add_command(job_commands.worker_command)
    app.cli.add_command(outbox_commands.outbox_cli)
    app.cli.add_command(token_commands.tokens)
    app.cli.add_command(archive_commands.export_all_command)
    app.cli.add_command(archive_commands.import_all_command)
    app.cli.add_command(schedule_commands.export_command)
    app.cli.add_command(schedule_commands.import_schedule_command)
    app.cli.add_command(people_commands.import_people_command)
    app.cli.add_command(people_commands.export_people_command)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def main() -> None:
    cli = FlaskGroup(
        create_app=create_app,
        help="forumapp: forums, delegation visits and B2B meetings.",
        load_dotenv=False,
    )
    try:
        cli.main(prog_name="forumapp")
    except ConfigError as exc:
        _fail(str(exc))
    except (DatabaseNotReady, ServiceError) as exc:
        _fail(str(exc))
    except (OperationalError, ProgrammingError) as exc:
        _fail(f"database error: {_first_line(exc)}")
