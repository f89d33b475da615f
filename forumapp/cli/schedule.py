"""``forumapp export ics|json|xml SLUG -o FILE`` and ``forumapp import-schedule FILE``.

Bad input ends with one line on stderr naming the place and exit status 2; nothing
is written (the import runs in one transaction, the export writes only at the end).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app

from forumapp.cli.pdf import export_programme_pdf
from forumapp.core.database import require_database
from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from forumapp.core.unit_of_work import command_transaction
from forumapp.programme import programme as programme_service
from forumapp.programme.documents import ical
from forumapp.programme.documents import schedule as schedule_export
from forumapp.programme.models import Forum
from forumapp.programme.rules.schedule_import import ScheduleFormatError, parse_schedule
from forumapp.programme.schedule_import import import_schedule
from forumapp.programme.web.public.links import feed_context, schedule_links

DEFAULT_BASE_URL = "http://127.0.0.1:5000/"


def _bad_input(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@click.command("export")
@click.argument("fmt", metavar="ics|json|xml|pdf", type=click.Choice(["ics", "json", "xml", "pdf"]))
@click.argument("slug")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option(
    "--lang", default=None, help="Language (default: the forum's first); pdf also ko+en, ko+ru."
)
@click.option("--size", default="A4", show_default=True, help="Page size of the pdf: A4 or A5.")
@click.option("--draft", is_flag=True, help="Export the live draft instead of the last release.")
@click.option(
    "--base-url",
    default=None,
    help="Public address for links (default: PUBLIC_BASE_URL setting, else "
    + DEFAULT_BASE_URL
    + ").",
)
@command_transaction
def export_command(fmt, slug, output, lang, size, draft, base_url) -> None:
    """Write a forum's programme as iCalendar, schedule.json, schedule.xml or PDF."""
    if fmt == "pdf":
        pages = export_programme_pdf(slug, output, lang=lang, size=size, draft=draft)
        click.echo(f"Wrote {pages} pages to {output}")
        return

    require_database()
    if draft:
        forum_id = db.session.scalar(db.select(Forum.id).where(Forum.slug == slug))
        programme = programme_service.draft_programme(forum_id) if forum_id else None
        if programme is None:
            _bad_input(f"no forum with slug {slug!r}")
    else:
        programme = programme_service.published_programme(slug)
        if programme is None:
            _bad_input(
                f"no published forum with slug {slug!r} (use --draft for an unpublished one)"
            )
    lang = lang or (programme.language_fallback[0] if programme.language_fallback else "en")
    base = base_url or current_app.config.get("PUBLIC_BASE_URL") or DEFAULT_BASE_URL
    with current_app.test_request_context("/", base_url=base):
        if fmt == "ics":
            stamp = programme.release.published_at if programme.release else datetime.now(UTC)
            data = ical.forum_calendar(programme, feed_context(programme, lang, stamp))
        elif fmt == "json":
            data = schedule_export.schedule_json(programme, lang, schedule_links(slug))
        else:
            data = schedule_export.schedule_xml(programme, lang, schedule_links(slug))
    Path(output).write_bytes(data)
    click.echo(f"Wrote {len(programme.sessions)} sessions to {output}")


@click.command("import-schedule")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--publish/--no-publish",
    default=True,
    show_default=True,
    help="Publish the imported programme as a release (skipped when nothing changed).",
)
@command_transaction
def import_schedule_command(file, publish) -> None:
    """Import a schedule.json or schedule.xml (pretalx, frab); prints the forum's slug last."""

    require_database()
    try:
        parsed = parse_schedule(Path(file).read_bytes())
        result = import_schedule(parsed, publish=publish)
    except ScheduleFormatError as exc:
        _bad_input(f"{file}: {exc}")
    except ServiceError as exc:
        _bad_input(f"{file}: {exc.message}")
    click.echo(
        f"{result.created} sessions created, {result.updated} updated, {result.removed} removed"
    )
    if result.release_number is not None:
        click.echo(f"published as release {result.release_number}")
    click.echo(result.slug)
