"""Paragraph/table styles and page furniture that use only the font chain's faces.

reportlab falls back to Helvetica in several quiet places: ParagraphStyle's
``fontName`` and ``bulletFontName`` defaults, TableStyle's cell font, and the
font every page stream is opened with (the canvas' initial font).  Helvetica is
not embedded and has no Hangul or Kazakh letters, so each of those is set here.
Plain strings in a Table are drawn with one font, so cells are turned into
Paragraphs built from the chain's runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from forumapp.pdf.fonts import FontChain

HEADER_BACKGROUND = colors.HexColor("#e8ecf2")


@dataclass(frozen=True)
class PdfStyles:
    """The styles of one export; build with :func:`make_styles`."""

    chain: FontChain
    base_size: float
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    header_cell: ParagraphStyle

    def is_bold(self, style: ParagraphStyle) -> bool:
        return style.fontName in {f.bold for f in self.chain.faces}

    def para(
        self, text: str, style: ParagraphStyle | None = None, bold: bool | None = None
    ) -> Paragraph:
        """A Paragraph of plain ``text`` (escaped here); ``bold`` defaults to the style's weight."""
        style = style or self.body
        weight = self.is_bold(style) if bold is None else bold
        return Paragraph(self.chain.markup(text, bold=weight), style)

    def cells(self, rows: Iterable[Sequence[Any]], header_rows: int = 1) -> list[list[Any]]:
        """Table data with str/number cells made into chain-font Paragraphs.

        Flowables pass through untouched; ``None`` becomes an empty cell.
        """
        data = []
        for index, row in enumerate(rows):
            style = self.header_cell if index < header_rows else self.cell
            data.append(
                [
                    value
                    if isinstance(value, Flowable)
                    else self.para("" if value is None else str(value), style)
                    for value in row
                ]
            )
        return data

    def table_style(self, header_rows: int = 1, extra: Iterable[tuple] = ()) -> TableStyle:
        """Grid, padding and chain fonts; ``extra`` commands are appended."""
        regular, bold = self.chain.primary.regular, self.chain.primary.bold
        commands: list[tuple] = [
            # Only reached by cells that are still plain strings, but a stray
            # string must not pull Helvetica into the file.
            ("FONTNAME", (0, 0), (-1, -1), regular),
            ("FONTSIZE", (0, 0), (-1, -1), self.cell.fontSize),
            ("LEADING", (0, 0), (-1, -1), self.cell.leading),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if header_rows:
            last = header_rows - 1
            commands += [
                ("FONTNAME", (0, 0), (-1, last), bold),
                ("BACKGROUND", (0, 0), (-1, last), HEADER_BACKGROUND),
            ]
        commands.extend(extra)
        return TableStyle(commands)

    def table(
        self,
        rows: Iterable[Sequence[Any]],
        header_rows: int = 1,
        col_widths: Sequence[float] | None = None,
        extra: Iterable[tuple] = (),
    ) -> Table:
        """A Table with chain-font cells; the header rows repeat on every page."""
        return Table(
            self.cells(rows, header_rows),
            colWidths=col_widths,
            repeatRows=header_rows,
            style=self.table_style(header_rows, extra),
        )

    def doc_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for SimpleDocTemplate/BaseDocTemplate.

        reportlab opens every page stream with the canvas' initial font
        (Helvetica unless told), which lands in the PDF even if never drawn.
        """
        return {
            "initialFontName": self.chain.primary.regular,
            "initialFontSize": self.base_size,
            "initialLeading": self.body.leading,
        }

    def page_furniture(
        self, header: str = "", footer: str = "", page_label: str = "{page}"
    ) -> Callable[[Any, Any], None]:
        """An ``onPage`` callback: header top-left, footer bottom-left, page number right.

        ``page_label`` is formatted with ``page`` (e.g. "{page} 쪽" or "стр. {page}").
        """
        size = self.small.fontSize

        def draw(canvas, doc) -> None:
            canvas.saveState()
            left, right = doc.leftMargin, doc.pagesize[0] - doc.rightMargin
            top = doc.pagesize[1] - doc.topMargin + size
            bottom = doc.bottomMargin - 2 * size
            if header:
                self.chain.draw_string(canvas, left, top, header, size=size, bold=True)
            if footer:
                self.chain.draw_string(canvas, left, bottom, footer, size=size)
            label = page_label.format(page=canvas.getPageNumber())
            self.chain.draw_string(canvas, right, bottom, label, size=size, anchor="end")
            canvas.restoreState()

        return draw


def _style(name: str, font: str, size: float, **kwargs: Any) -> ParagraphStyle:
    # No parent: getSampleStyleSheet's styles are Helvetica/Times based.  Leading
    # 1.35x leaves room for Hangul, which sits taller than Latin at one size.
    return ParagraphStyle(
        name,
        fontName=font,
        bulletFontName=font,
        fontSize=size,
        leading=round(size * 1.35, 1),
        **kwargs,
    )


def make_styles(chain: FontChain, base_size: float = 10) -> PdfStyles:
    """Styles for one export, all in ``chain``'s faces."""
    regular, bold = chain.primary.regular, chain.primary.bold
    return PdfStyles(
        chain=chain,
        base_size=base_size,
        body=_style("ForumBody", regular, base_size, spaceAfter=base_size * 0.4),
        small=_style("ForumSmall", regular, base_size * 0.8),
        title=_style(
            "ForumTitle", bold, base_size * 1.8, alignment=TA_CENTER, spaceAfter=base_size
        ),
        heading=_style(
            "ForumHeading",
            bold,
            base_size * 1.3,
            spaceBefore=base_size * 0.6,
            spaceAfter=base_size * 0.4,
        ),
        cell=_style("ForumCell", regular, base_size * 0.9),
        header_cell=_style("ForumHeaderCell", bold, base_size * 0.9),
    )
