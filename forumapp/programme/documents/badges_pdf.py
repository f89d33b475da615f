"""Name badges: one per A6 page, or four A6 badges per A4 sheet with cut lines.

Drawn on the canvas (a badge is a fixed box, not flowing text). Every block is
shrunk until it fits its box and, at the smallest size, shortened with an
ellipsis, so a 200-character organisation name never runs over the next badge.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from forumapp.core.localized import pick_language
from forumapp.pdf import labels as L
from forumapp.pdf.document import CREATOR, PdfResult, Writer
from forumapp.pdf.fonts import FontChain
from forumapp.pdf.styles import make_styles
from forumapp.programme.rules.badges import DELEGATE, SPEAKER, STAFF, Badge

LAYOUTS = ("a6", "a4x4")
BAND_COLOURS = {
    SPEAKER: colors.HexColor("#1f4e8c"),
    DELEGATE: colors.HexColor("#8c1f3d"),
    STAFF: colors.HexColor("#2f6b34"),
}
CATEGORY_WORDS = {SPEAKER: "speaker", DELEGATE: "delegate", STAFF: "staff"}
PAD = 7 * mm
BAND = 20 * mm


@dataclass(frozen=True)
class _Block:
    text: str
    sizes: tuple[float, ...]
    height: float  # the box it must fit in
    bold: bool = False
    colour: colors.Color = colors.black


class _BadgeDrawer:
    def __init__(self, chain: FontChain, event_title: str, langs: tuple[str, ...]) -> None:
        self.writer = Writer(make_styles(chain))
        self.chain = chain
        self.event_title = event_title
        self.langs = langs
        self._styles: dict[tuple[float, str], ParagraphStyle] = {}

    def _style(self, size: float, colour) -> ParagraphStyle:
        key = (size, str(colour))
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = ParagraphStyle(
                f"Badge{size}",
                fontName=self.chain.primary.regular,
                fontSize=size,
                leading=size * 1.2,
                alignment=TA_CENTER,
                textColor=colour,
            )
        return style

    def _fitted(self, block: _Block, width: float) -> tuple[Paragraph, float]:
        """The largest size whose wrapped text fits; else the smallest, text shortened."""
        for size in block.sizes:
            para = Paragraph(
                self.writer.markup(block.text, block.bold), self._style(size, block.colour)
            )
            _, height = para.wrap(width, block.height)
            if height <= block.height:
                return para, height
        size = block.sizes[-1]
        lines = max(1, int(block.height // (size * 1.2)))
        text = self.writer.fit(block.text, size, width * lines * 0.9, block.bold)
        while True:
            para = Paragraph(self.writer.markup(text, block.bold), self._style(size, block.colour))
            _, height = para.wrap(width, block.height)
            if height <= block.height or len(text) <= 1:
                return para, height
            text = text[: max(1, len(text) - max(2, len(text) // 8))].rstrip(" …") + "…"

    def draw(self, canvas: Canvas, badge: Badge, x: float, y: float, w: float, h: float) -> None:
        canvas.saveState()
        colour = BAND_COLOURS.get(badge.category, colors.darkgrey)
        canvas.setFillColor(colour)
        canvas.rect(x, y + h - BAND, w, BAND, stroke=0, fill=1)
        canvas.rect(x, y, w, 4 * mm, stroke=0, fill=1)
        inner = w - 2 * PAD
        word = CATEGORY_WORDS.get(badge.category, badge.category)
        category = " · ".join(dict.fromkeys(L.word(lang, word) for lang in self.langs))
        top = y + h - BAND
        blocks = [
            (_Block(category, (15, 13, 11), BAND * 0.5, True, colors.white), y + h - BAND * 0.12),
            (
                _Block(self.event_title, (8, 7, 6), BAND * 0.32, False, colors.white),
                top + BAND * 0.36,
            ),
        ]
        names = [badge.main_name, *badge.other_names]
        role = self._lines(badge.role)
        organisation = self._lines(badge.organisation)
        cursor = top - 8 * mm
        stack = [
            _Block(names[0], (30, 26, 22, 19, 16, 13), 0.27 * h, True),
            _Block("\n".join(names[1:]), (16, 14, 12, 10), 0.14 * h),
            _Block("\n".join(role), (11, 10, 9, 8), 0.12 * h),
            _Block("\n".join(organisation), (11, 10, 9, 8), 0.14 * h, True),
        ]
        for block, block_top in blocks:
            para, height = self._fitted(block, inner)
            para.drawOn(canvas, x + PAD, block_top - height)
        for block in stack:
            if not block.text:
                continue
            para, height = self._fitted(block, inner)
            para.drawOn(canvas, x + PAD, cursor - height)
            cursor -= height + 3 * mm
        canvas.restoreState()

    def _lines(self, value) -> list[str]:
        """Korean and English (or Russian), then the guest's own language; no repeats."""
        shown = [pick_language(value, (lang, "en", "ru", "ko")) for lang in ("ko", "en")]
        shown = [t for t in dict.fromkeys(shown) if t]
        return shown + L.guest_texts(value, shown)


def badges_pdf(
    badges: Sequence[Badge],
    chain: FontChain,
    event_title: str = "",
    layout: str = "a6",
    langs: Sequence[str] = ("ko", "en"),
) -> PdfResult:
    """A6 pages, or A4 sheets of four; ``chain`` should be fresh per document."""
    if layout not in LAYOUTS:
        raise L.UnknownOption(f"unknown badge layout {layout!r}; use a6 or a4x4")
    drawer = _BadgeDrawer(chain, event_title, tuple(langs))
    styles = drawer.writer.styles
    buffer = io.BytesIO()
    page = A6 if layout == "a6" else A4
    canvas = Canvas(
        buffer,
        pagesize=page,
        invariant=1,
        lang=L.PDF_LANG_TAGS.get(langs[0] if langs else "ko", "ko-KR"),
        **styles.doc_kwargs(),
    )
    canvas.setTitle(" · ".join(x for x in (event_title, "badges") if x))
    canvas.setAuthor(CREATOR)
    canvas.setCreator(CREATOR)
    canvas.setSubject(f"{len(badges)} badges, {layout}")
    pages = 0
    if not badges:
        message = L.words(tuple(langs), "no_badges")
        drawer.chain.draw_string(
            canvas, page[0] / 2, page[1] / 2, message, size=11, anchor="middle"
        )
        canvas.showPage()
        pages = 1
    per_page = 1 if layout == "a6" else 4
    cell_w, cell_h = A6
    for start in range(0, len(badges), per_page):
        for index, badge in enumerate(badges[start : start + per_page]):
            if per_page == 1:
                x, y = 0.0, 0.0
            else:
                x, y = (index % 2) * cell_w, page[1] - (index // 2 + 1) * cell_h
            drawer.draw(canvas, badge, x, y, cell_w, cell_h)
        if per_page == 4:
            _cut_lines(canvas, page, cell_w, cell_h)
        canvas.showPage()
        pages += 1
    canvas.save()
    return PdfResult(buffer.getvalue(), pages, frozenset(chain.missing))


def _cut_lines(canvas: Canvas, page: tuple[float, float], cell_w: float, cell_h: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(colors.lightgrey)
    canvas.setLineWidth(0.4)
    canvas.setDash(3, 3)
    canvas.line(cell_w, 0, cell_w, page[1])
    canvas.line(0, page[1] - cell_h, page[0], page[1] - cell_h)
    canvas.restoreState()
