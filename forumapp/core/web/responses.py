"""Conditional responses: an ETag on every feed and page, 304 before any work is done; feed
links in their subscribe form."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from urllib.parse import quote

from flask import Response, request

from forumapp.core.filenames import ascii_filename

FEED_CACHE_CONTROL = "public, max-age=300"


def etag_for(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def not_modified(etag: str) -> bool:
    return etag in request.if_none_match


def conditional(
    etag: str,
    build: Callable[[], bytes | str],
    content_type: str,
    *,
    download_name: str | None = None,
    extension: str = "",
    cache_control: str = FEED_CACHE_CONTROL,
) -> Response:
    """200 with the body, or 304 when the client already holds this ETag (body never built)."""
    if not_modified(etag):
        response = Response(status=304)
    else:
        response = Response(build(), content_type=content_type)
        if download_name is not None:
            fallback = ascii_filename(download_name, extension)
            utf8 = quote(f"{download_name}.{extension}", safe="")
            response.headers["Content-Disposition"] = (
                f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{utf8}"
            )
    response.set_etag(etag)
    response.headers["Cache-Control"] = cache_control
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response


def webcal(url: str) -> str:
    """The subscribe form of a feed URL: calendar apps open webcal:// links themselves."""
    return "webcal://" + url.split("://", 1)[1] if "://" in url else url
