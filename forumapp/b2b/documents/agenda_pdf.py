"""A company's personal B2B meeting agenda: one row per meeting, in the event's time zone.

Data in (a ``CompanyAgenda``), bytes out. Every word comes in ``AgendaPdfLabels`` from
the caller, translated; every glyph from the font chain (Hangul, Kazakh, Uzbek).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from forumapp.b2b.agenda_rules import AgendaCompany, AgendaMeeting, CompanyAgenda
from forumapp.core.timezones import get_zone
from forumapp.pdf.fonts import FontChain
from forumapp.pdf.styles import PdfStyles, make_styles

MARGIN = 16 * mm
_ZEBRA = colors.HexColor("#f5f7fa")


@dataclass(frozen=True)
class AgendaPdfLabels:
    heading: str = "B2B meeting agenda"
    times_in: str = "Times in {zone}"
    time: str = "Time"
    table: str = "Table"
    company: str = "Company"
    interpreter: str = "Interpreter"
    contact: str = "Contact"
    no_meetings: str = "No meetings yet."
    not_published: str = "The organiser has not published the meeting schedule yet."
    page: str = "{page}"
    meetings: str = "{count} meetings"


def company_lines(company: AgendaCompany, with_contact: bool = True) -> list[str]:
    """Who a company is, in a cell: country and sectors, then languages and contact."""
    about = " · ".join(x for x in (company.country, ", ".join(company.sectors)) if x)
    lines = [about] if about else []
    if company.languages:
        lines.append(", ".join(company.languages))
    if with_contact and company.contact:
        lines.append(company.contact)
    return lines


def company_cell(styles: PdfStyles, *companies: AgendaCompany, with_contact: bool = True):
    """Each name in bold with what follows it in the regular weight, in one cell."""
    chain = styles.chain
    parts = []
    for company in companies:
        body = chain.markup(company.name, bold=True)
        for line in company_lines(company, with_contact):
            body += "<br/>" + chain.markup(line)
        parts.append(body)
    return Paragraph("<br/>".join(parts), styles.cell)


def _days(agenda: CompanyAgenda) -> dict[date, list[AgendaMeeting]]:
    zone = get_zone(agenda.timezone)
    days: dict[date, list[AgendaMeeting]] = {}
    for meeting in sorted(agenda.meetings, key=lambda m: (m.starts_at, m.table)):
        days.setdefault(meeting.starts_at.astimezone(zone).date(), []).append(meeting)
    return days


def agenda_pdf(
    agenda: CompanyAgenda, chain: FontChain, labels: AgendaPdfLabels | None = None
) -> bytes:
    """The agenda as an A4 PDF (``chain`` from ``fonts.load_chain``)."""
    labels = labels or AgendaPdfLabels()
    styles = make_styles(chain, 10)
    zone = get_zone(agenda.timezone)
    width = A4[0] - 2 * MARGIN
    story: list = [
        styles.para(labels.heading, styles.small),
        styles.para(agenda.company.name, styles.title),
        styles.para(agenda.title, styles.heading),
        styles.para(" · ".join(x for x in (agenda.forum_title, agenda.venue) if x)),
        styles.para(labels.times_in.format(zone=agenda.timezone), styles.small),
    ]
    if not agenda.published:
        story.append(styles.para(labels.not_published))
    elif not agenda.meetings:
        story.append(styles.para(labels.no_meetings))
    else:
        story.append(styles.para(labels.meetings.format(count=len(agenda.meetings)), styles.small))
    for day, meetings in _days(agenda).items():
        story.append(styles.para(day.isoformat(), styles.heading))
        rows: list[list] = [[labels.time, labels.table, labels.company, labels.interpreter]]
        for m in meetings:
            start, end = m.starts_at.astimezone(zone), m.ends_at.astimezone(zone)
            rows.append(
                [
                    f"{start:%H:%M}–{end:%H:%M}",
                    m.table,
                    company_cell(styles, m.counterpart),
                    m.interpreter or "",
                ]
            )
        table = styles.table(
            rows,
            col_widths=[width * f for f in (0.15, 0.1, 0.53, 0.22)],
            extra=[("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, _ZEBRA])],
        )
        story += [table, Spacer(1, 4 * mm)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{agenda.company.name} · {agenda.title}",
        author="forumapp",
        subject=labels.heading,
        creator="forumapp",
        **styles.doc_kwargs(),
    )
    furniture = styles.page_furniture(
        header="", footer=f"{agenda.title} · {agenda.company.name}", page_label=labels.page
    )
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()
