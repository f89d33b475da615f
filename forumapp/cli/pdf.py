"""The PDF behind ``forumapp export pdf SLUG -o FILE [--lang ko+ru] [--size A5] [--draft]``.

``export_programme_pdf`` is a plain function so the CLI and tests share it. Bad input
(unknown slug, language or size) is one line on stderr and exit status 2; nothing is
written.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from forumapp.core.database import require_database
from forumapp.core.extensions import db
from forumapp.pdf import labels
from forumapp.pdf.document import document_chain
from forumapp.programme import programme as programme_service
from forumapp.programme.documents.programme_pdf import programme_pdf
from forumapp.programme.models import Forum


class BadInput(click.ClickException):
    """Bad input: click prints "Error: ..." alone and exits 2.

    Not a UsageError: click attaches the command's context to those and prints
    the usage and a help hint first, three lines for one mistake.
    """

    exit_code = 2


def _load_programme(slug: str, draft: bool):
    if draft:
        forum_id = db.session.scalar(db.select(Forum.id).where(Forum.slug == slug))
        programme = programme_service.draft_programme(forum_id) if forum_id else None
        if programme is None:
            raise BadInput(f"no forum with slug {slug!r}")
        return programme
    programme = programme_service.published_programme(slug)
    if programme is None:
        raise BadInput(
            f"no published forum with slug {slug!r} (use --draft for an unpublished one)"
        )
    return programme


def export_programme_pdf(
    slug: str,
    output: str | Path,
    lang: str | None = None,
    size: str | None = "A4",
    draft: bool = False,
) -> int:
    """Write the programme booklet of ``slug`` to ``output``; returns the page count.

    Needs an application context. ``lang``: ko, en, ru, ko+en or ko+ru (default: the
    forum's first language we print in); ``size``: A4 or A5.
    """

    try:
        page_size = labels.parse_page_size(size)
        langs = labels.parse_languages(lang) if lang else None
    except labels.UnknownOption as exc:
        raise BadInput(str(exc)) from exc
    require_database()
    programme = _load_programme(slug, draft)
    if langs is None:
        first = next((x for x in programme.language_fallback if x in labels.LANGUAGES), "ko")
        langs = (first,)
    chain = document_chain(current_app.config.get("PDF_FONT_DIRS"))
    result = programme_pdf(programme, chain, langs, page_size)
    if result.missing:
        codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(result.missing))
        click.echo(f"Warning: no font has {codes}; drawn as a replacement character", err=True)
    Path(output).write_bytes(result.data)
    return result.pages
