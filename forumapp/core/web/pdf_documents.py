"""PDF downloads at stable URLs, cached by content: the "documents" blueprint that carries
every feature's printed documents (programme: the booklet; visits: itineraries and badges).

The ETag is a hash of everything the bytes depend on (the release, or the loaded
visit/badge data, the parameters and the export version), so a changed forum gives
a new ETag and a new file, and an unchanged one costs a 304. Built PDFs are kept in
a small per-app LRU keyed by that ETag.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, request
from flask_babel import get_locale
from flask_babel import gettext as _

from forumapp.core.web.routes import Routes, blueprint
from forumapp.pdf import labels
from forumapp.pdf.document import PdfResult, document_chain

# Bump when the layout changes, so clients holding an old ETag get the new file.
EXPORT_VERSION = "pdf-1"
PDF_TYPE = "application/pdf"
MAX_CACHED = 32
_CACHE_KEY = "forumapp.pdf_cache"


class _PdfCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get_or_build(self, key: str, build: Callable[[], bytes]) -> bytes:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        data = build()
        with self.lock:
            self.items[key] = data
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return data


def documents_blueprint(*tables: Routes) -> Blueprint:
    return blueprint("documents", __name__, *tables)


def _cache() -> _PdfCache:
    return current_app.extensions.setdefault(_CACHE_KEY, _PdfCache(MAX_CACHED))


def pdf_etag(*parts: object) -> str:
    text = "\x1f".join(str(p) for p in (EXPORT_VERSION, *parts))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def font_chain():
    return document_chain(current_app.config.get("PDF_FONT_DIRS"))


def pdf_response(etag: str, build: Callable[[], PdfResult], filename: str, public: bool):
    """200 with the PDF, or 304 before anything is built when the client holds ``etag``."""
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        data = _cache().get_or_build(etag, lambda: build().data)
        response = Response(data, content_type=PDF_TYPE)
        ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_")
        response.headers["Content-Disposition"] = (
            f"inline; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
        )
    response.set_etag(etag)
    # Organiser documents hold phone numbers: never in a shared cache.
    response.headers["Cache-Control"] = "public, max-age=300" if public else "private, no-cache"
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response


def pdf_options(fallback: str) -> tuple[tuple[str, ...], str]:
    """``lang`` and ``size`` from the query string; unknown values are a 400 with a message."""
    lang, size = request.args.get("lang"), request.args.get("size")
    try:
        langs = labels.parse_languages(lang, fallback)
    except labels.UnknownOption:
        allowed = ", ".join("+".join(s) for s in labels.LANGUAGE_SETS)
        abort(
            400,
            _("Unknown language “%(lang)s”. Use one of: %(allowed)s.", lang=lang, allowed=allowed),
        )
    try:
        page_size = labels.parse_page_size(size)
    except labels.UnknownOption:
        abort(400, _("Unknown page size “%(size)s”. Use A4 or A5.", size=size))
    return langs, page_size


def default_lang() -> str:
    locale = str(get_locale() or "ko")
    return locale if locale in labels.LANGUAGES else "ko"
