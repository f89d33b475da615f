"""The programme booklet as a PDF download (on the shared "documents" blueprint)."""

from __future__ import annotations

from flask import abort

from forumapp.core.web.pdf_documents import (
    default_lang,
    font_chain,
    pdf_etag,
    pdf_options,
    pdf_response,
)
from forumapp.core.web.routes import Routes
from forumapp.pdf.document import PdfResult
from forumapp.programme import public as public_programme
from forumapp.programme.documents.programme_pdf import programme_pdf

routes = Routes()


@routes.route("/forums/<slug>/programme.pdf")
def programme(slug: str):
    """The booklet of the last published release (what attendees see)."""
    langs, size = pdf_options(default_lang())
    stamp = public_programme.release_stamp(slug)
    if stamp is None:
        abort(404)
    lang_key = "+".join(langs)

    def build() -> PdfResult:
        return programme_pdf(public_programme.programme_of(stamp), font_chain(), langs, size)

    etag = pdf_etag("programme", stamp.tag, lang_key, size)
    return pdf_response(etag, build, f"{slug}-programme-{lang_key}-{size}.pdf", public=True)
