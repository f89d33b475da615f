"""What organisers print for the B2B hall: a sheet per table (its meetings in time order,
with boxes to tick and room for notes) and table tents (the table's name, folded to stand).

Data in (``TableSheets``), bytes out; words in ``TablePdfLabels`` from the caller.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, SimpleDocTemplate

from forumapp.b2b.agenda_rules import TableSheets
from forumapp.b2b.documents.agenda_pdf import company_cell
from forumapp.core.timezones import get_zone
from forumapp.pdf.fonts import FontChain
from forumapp.pdf.styles import make_styles

MARGIN = 14 * mm
_ZEBRA = colors.HexColor("#f5f7fa")
BOX = "☐"  # U+2610, in DejaVu Sans


@dataclass(frozen=True)
class TablePdfLabels:
    table: str = "Table {name}"
    kept_by: str = "Kept by {name}"
    times_in: str = "Times in {zone}"
    time: str = "Time"
    companies: str = "Companies"
    interpreter: str = "Interpreter"
    held: str = "Held"
    notes: str = "Notes"
    no_meetings: str = "No meetings at this table."
    page: str = "{page}"


def table_sheets_pdf(
    sheets: TableSheets, chain: FontChain, labels: TablePdfLabels | None = None
) -> bytes:
    """One A4 page (or more) per table, for the table's host or the hall staff."""
    labels = labels or TablePdfLabels()
    styles = make_styles(chain, 10)
    zone = get_zone(sheets.timezone)
    width = A4[0] - 2 * MARGIN
    story: list = []
    place = " · ".join(x for x in (sheets.forum_title, sheets.venue) if x)
    for index, sheet in enumerate(sheets.tables):
        if index:
            story.append(PageBreak())
        story += [
            styles.para(place, styles.small),
            styles.para(labels.table.format(name=sheet.name), styles.title),
            styles.para(sheets.title, styles.heading),
        ]
        if sheet.host is not None:
            story.append(styles.para(labels.kept_by.format(name=sheet.host.name), bold=True))
        story.append(styles.para(labels.times_in.format(zone=sheets.timezone), styles.small))
        if not sheet.meetings:
            story.append(styles.para(labels.no_meetings))
            continue
        rows: list[list] = [
            [labels.time, labels.companies, labels.interpreter, labels.held, labels.notes]
        ]
        for m in sheet.meetings:
            start, end = m.starts_at.astimezone(zone), m.ends_at.astimezone(zone)
            rows.append(
                [
                    f"{start:%Y-%m-%d}\n{start:%H:%M}–{end:%H:%M}",
                    company_cell(styles, m.first, m.second, with_contact=False),
                    m.interpreter or "",
                    BOX,
                    "",
                ]
            )
        story.append(
            styles.table(
                rows,
                col_widths=[width * f for f in (0.15, 0.45, 0.15, 0.08, 0.17)],
                extra=[("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, _ZEBRA])],
            )
        )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=sheets.title,
        author="forumapp",
        creator="forumapp",
        **styles.doc_kwargs(),
    )
    furniture = styles.page_furniture(footer=sheets.title, page_label=labels.page)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()


def _fitted_size(chain: FontChain, text: str, largest: float, width: float) -> float:
    size = largest
    while size > 12 and chain.string_width(text, size, bold=True) > width:
        size -= 2
    return size


def _draw_half(canvas: Canvas, chain: FontChain, lines: list[tuple[str, float, bool]], w, h):
    """Lines centred in a w x h box whose origin is the canvas' current origin."""
    total = sum(size * 1.3 for _text, size, _bold in lines)
    y = h / 2 + total / 2
    for text, size, bold in lines:
        y -= size * 1.1
        chain.draw_string(canvas, w / 2, y, text, size=size, bold=bold, anchor="middle")
        y -= size * 0.2


def table_tents_pdf(
    sheets: TableSheets, chain: FontChain, labels: TablePdfLabels | None = None
) -> bytes:
    """A landscape A4 per table, folded along the middle: both halves read upright."""
    labels = labels or TablePdfLabels()
    buffer = io.BytesIO()
    page_w, page_h = landscape(A4)
    canvas = Canvas(
        buffer,
        pagesize=(page_w, page_h),
        initialFontName=chain.primary.regular,
        initialFontSize=10,
    )
    canvas.setTitle(sheets.title)
    canvas.setAuthor("forumapp")
    canvas.setCreator("forumapp")
    half = page_h / 2
    inner = page_w - 2 * MARGIN
    for sheet in sheets.tables:
        name = labels.table.format(name=sheet.name)
        lines = [(name, _fitted_size(chain, name, 96, inner), True)]
        if sheet.host is not None:
            lines.append((sheet.host.name, _fitted_size(chain, sheet.host.name, 40, inner), True))
        lines.append((sheets.title, _fitted_size(chain, sheets.title, 16, inner), False))
        canvas.setDash(4, 4)
        canvas.setStrokeColor(colors.grey)
        canvas.line(MARGIN, half, page_w - MARGIN, half)  # the fold
        canvas.setDash()
        _draw_half(canvas, chain, lines, page_w, half)  # the front, read from below
        canvas.saveState()
        canvas.translate(page_w, page_h)
        canvas.rotate(180)  # the back: upside down on paper, upright once folded
        _draw_half(canvas, chain, lines, page_w, half)
        canvas.restoreState()
        canvas.showPage()
    if not sheets.tables:
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
