"""``forumapp import-people FILE [--dry-run]`` and ``forumapp export-people FILE``.

Bad input ends with one line on stderr naming the row and column, and exit status 2;
nothing is written (the import is one transaction, checked in full before writing).
Messages are in English: the command line is read by whoever runs the server.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask_babel import force_locale

from forumapp.core.database import require_database
from forumapp.core.errors import ServiceError
from forumapp.core.unit_of_work import command_transaction
from forumapp.people import importer as people_import

KINDS = click.Choice(["people", "organisations"])
FORMATS = (".csv", ".xlsx")


def _bad_input(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@click.command("import-people")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", type=KINDS, default="people", show_default=True)
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
@command_transaction
def import_people_command(file, kind, dry_run) -> None:
    """Import people (or organisations) from a CSV or .xlsx file, all rows or none."""

    path = Path(file)
    if not path.is_file():
        _bad_input(f"{file}: no such file")
    require_database()
    data = path.read_bytes()
    with force_locale("en"):
        try:
            if dry_run:
                preview = people_import.preview_import(kind, data, path.name)
                if not preview.ok:
                    _bad_input(f"{path.name}: {preview.first_error()}")
            else:
                preview = people_import.apply_import(kind, data, path.name)
        except ServiceError as error:
            _bad_input(f"{path.name}: {error.message}")
        for column in preview.ignored_columns:
            click.echo(f"ignored column {column!r}")
        verb = "would import" if dry_run else "imported"
        click.echo(
            f"{verb} {kind}: {preview.count('create')} new, {preview.count('update')} updated, "
            f"{preview.count('unchanged')} unchanged"
        )


@click.command("export-people")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option("--kind", type=KINDS, default="people", show_default=True)
@command_transaction
def export_people_command(file, kind) -> None:
    """Write people (or organisations) as CSV or .xlsx, chosen by the file's extension."""

    path = Path(file)
    if path.suffix.lower() not in FORMATS:
        _bad_input(f"{file}: name the file .csv or .xlsx")
    require_database()
    data = people_import.export_table(kind, path.suffix.lower().lstrip("."))
    path.write_bytes(data)
    click.echo(f"Wrote {kind} to {file}")
