"""What every PDF export shares: the per-document font chain, the page templates with
running header and page numbers, the outline (bookmarks), metadata and the result.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, A5, A6
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
)
from reportlab.platypus.doctemplate import LayoutError

from forumapp.pdf import reportlab_internals as rl
from forumapp.pdf.fonts import Face, FontChain, load_chain, parse_font_dirs
from forumapp.pdf.runs_text import Measurer
from forumapp.pdf.styles import PdfStyles

PAGE_SIZES = {"A4": A4, "A5": A5, "A6": A6}
CREATOR = "forumapp"


@dataclass(frozen=True)
class PdfResult:
    """The bytes of one document, its page count and the characters no font could draw."""

    data: bytes
    pages: int
    missing: frozenset[str]


class PdfLayoutError(RuntimeError):
    """reportlab could not place something; raised with the document's name, never a 500 page."""


_faces_lock = threading.Lock()
_faces_by_dirs: dict[tuple[str, ...], tuple[Face, ...]] = {}


def document_chain(font_dirs: str | Sequence[str | os.PathLike] | None = None) -> FontChain:
    """A fresh chain (its own ``missing``) over faces found and registered once per process.

    Registering a TrueType file parses it (tens of milliseconds); checking
    ``missing`` must still be per document, so only the faces are shared.
    """
    paths = parse_font_dirs(font_dirs)
    key = tuple(str(p) for p in paths)
    with _faces_lock:
        faces = _faces_by_dirs.get(key)
        if faces is None:
            faces = load_chain(paths).faces
            _faces_by_dirs[key] = faces
    return FontChain(faces)


def outlined(flowable: Flowable, key: str, title: str, level: int = 0) -> Flowable:
    """Mark a flowable (a heading) as an outline entry; the page it lands on is the target."""
    flowable.outline = (key, title, level)  # type: ignore[attr-defined]
    return flowable


class KeepUnlessTaller(KeepTogether):
    """Keep a block on one page; a block taller than a whole page starts where it stands
    and splits there (platypus' KeepTogether would move it on and waste the rest of
    the page, since it splits anyway)."""

    def split(self, aW, aH):
        if not rl.wrapped_at(self, aW, aH):
            self.wrap(aW, aH)
        frame_height = rl.frame_height(self)
        if frame_height is not None and frame_height < rl.kept_height(self):
            return rl.kept_flowables(self)
        return super().split(aW, aH)


def heading(
    styles: PdfStyles, text: str, key: str, level: int = 0, style=None, outline_title: str = ""
) -> Paragraph:
    para = styles.para(text, style or styles.heading)
    para.keepWithNext = True
    return outlined(para, key, outline_title or text, level)  # type: ignore[return-value]


class Writer:
    """Text flowables with the chain's runs memoised per text.

    A programme repeats room names, roles and speaker names hundreds of times;
    splitting each into font runs once saves a large share of the build time.
    Left-aligned text becomes a :class:`RunsText` (measured once, cheap to
    re-wrap); anything else (centred cover lines) a Paragraph.
    """

    def __init__(self, styles: PdfStyles) -> None:
        self.styles = styles
        self.chain = styles.chain
        self.measurer = Measurer(styles.chain)
        self._markup: dict[tuple[str, bool], str] = {}
        self._bold_fonts = {f.bold for f in styles.chain.faces}

    def markup(self, text: str, bold: bool = False) -> str:
        key = (text, bold)
        value = self._markup.get(key)
        if value is None:
            value = self._markup[key] = self.chain.markup(text, bold=bold)
        return value

    def para(self, text: str, style=None, bold: bool | None = None) -> Flowable:
        style = style or self.styles.body
        weight = style.fontName in self._bold_fonts if bold is None else bold
        if _plain(style):
            return self.measurer.text([(text, weight)], style)
        return Paragraph(self.markup(text, weight), style)

    def rich(self, parts: Iterable[tuple[str, bool]], style=None) -> Flowable:
        """One paragraph of (text, bold) pieces, e.g. a bold role then plain names."""
        style = style or self.styles.body
        if _plain(style):
            return self.measurer.text(parts, style)
        return Paragraph("".join(self.markup(text, bold) for text, bold in parts if text), style)

    def fit(self, text: str, size: float, width: float, bold: bool = False) -> str:
        """``text`` shortened with an ellipsis to one line of ``width`` (headers, footers)."""
        if self.chain.string_width(text, size, bold) <= width:
            return text
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.chain.string_width(text[:middle] + "…", size, bold) <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "…"


def _plain(style) -> bool:
    """What RunsText draws: left-aligned, no indents, bullets or backgrounds."""
    return (
        style.alignment == TA_LEFT
        and not (style.leftIndent or style.rightIndent or style.firstLineIndent)
        and style.backColor is None
        and not style.borderWidth
    )


class _Document(BaseDocTemplate):
    """One frame per page; the first page may be a cover without header or page number."""

    _has_outline = False

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline:
            key, title, level = outline
            if not self._has_outline:
                # The outline panel opens with the document when there is one.
                self.canv.showOutline()
                self._has_outline = True
            self.canv.bookmarkPage(key)
            # Nested entries start closed so a 250-session outline stays readable.
            self.canv.addOutlineEntry(title, key, level, closed=level > 0)


@dataclass(frozen=True)
class DocumentSpec:
    """Metadata and page furniture of one document."""

    title: str
    author: str = ""
    subject: str = ""
    lang_tag: str = "ko-KR"
    header: str = ""
    footer: str = ""
    page_label: str = "{page}"
    size: str = "A4"
    margin_mm: float = 18
    cover: bool = True  # first page without header and page number


def build_document(
    styles: PdfStyles,
    spec: DocumentSpec,
    story: Iterable[Flowable],
    *,
    on_page: Callable[[Any, Any], None] | None = None,
) -> PdfResult:
    """Lay out ``story`` and return the PDF; ``on_page`` replaces the default furniture.

    A list is consumed (emptied) as its flowables are placed, so that what is on a
    page can be freed; pass a fresh list and keep no other reference to it.
    """
    buffer = io.BytesIO()
    margin = spec.margin_mm * mm
    doc = _Document(
        buffer,
        pagesize=PAGE_SIZES[spec.size],
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin + (styles.small.fontSize * 1.5 if spec.header else 0),
        bottomMargin=margin,
        title=spec.title,
        author=spec.author,
        subject=spec.subject,
        creator=CREATOR,
        producer=CREATOR,
        lang=spec.lang_tag,
        displayDocTitle=True,
        # Same input, same bytes: the ETag and the tests rely on it.
        invariant=1,
        **styles.doc_kwargs(),
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", showBoundary=0
    )
    furniture = on_page or styles.page_furniture(spec.header, spec.footer, spec.page_label)
    templates = [PageTemplate("body", [frame], onPage=furniture)]
    if spec.cover:
        cover = PageTemplate("cover", [frame], onPage=_nothing, autoNextPageTemplate="body")
        templates.insert(0, cover)
    doc.addPageTemplates(templates)
    try:
        doc.build(story if isinstance(story, list) else list(story))
    except LayoutError as exc:
        raise PdfLayoutError(f"{spec.title}: {exc}") from exc
    return PdfResult(buffer.getvalue(), doc.page, frozenset(styles.chain.missing))


def _nothing(canvas, doc) -> None:
    pass
