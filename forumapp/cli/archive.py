"""``forumapp export-all FILE`` and ``forumapp import-all FILE``: the whole database as one
JSON archive, and back into an empty, freshly migrated database.

A refused import (not empty, another schema revision, not an archive) ends with one
line on stderr and exit status 2, having written nothing.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import click

from forumapp.core import archive
from forumapp.core.database import require_database, schema_problem
from forumapp.core.unit_of_work import command_transaction


def _refuse(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@click.command("export-all")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@command_transaction
def export_all_command(file: str) -> None:
    """Write every table to FILE as a JSON archive ("-" for stdout)."""

    require_database()
    data = archive.export_archive()
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if file == "-":
        click.echo(text)
        return
    target = Path(file)
    # Write next to the target and rename, so a failed export never leaves half a file.
    handle, temporary = tempfile.mkstemp(prefix=".export-", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    click.echo(
        f"Wrote {archive.row_count(data)} rows of {len(data['tables'])} tables "
        f"(schema {data['schema_revision']}) to {target}.",
        err=True,
    )


@click.command("import-all")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@command_transaction
def import_all_command(file: str) -> None:
    """Load a JSON archive from export-all into an EMPTY, migrated database."""

    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as exc:
        _refuse(f"cannot read {file}: {exc.strerror or exc}")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        _refuse(f"{file} is not a JSON archive: {exc}")
    problem = schema_problem()
    if problem and problem.startswith("cannot reach"):
        _refuse(problem)
    try:
        count = archive.import_archive(data)
    except archive.ArchiveRefused as exc:
        _refuse(exc.message)
    click.echo(f"Imported {count} rows from {file}.", err=True)
