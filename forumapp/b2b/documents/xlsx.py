"""B2B outcome statistics as an Excel workbook: totals, by country, by sector, and every
meeting, in the figures Korean organisers report. Data in, bytes out (openpyxl)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from forumapp.b2b.agenda_rules import OutcomeFigures, OutcomeStatistics

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class StatisticsLabels:
    total: str = "Total"
    by_country: str = "By country"
    by_sector: str = "By sector"
    meetings_sheet: str = "Meetings"
    country: str = "Country"
    sector: str = "Sector"
    meetings: str = "Meetings held (상담건수)"
    no_shows: str = "No-shows"
    consultation: str = "Consultation amount (상담액)"
    negotiation: str = "Under negotiation (계약추진액)"
    contract: str = "Contracts signed (계약체결액)"
    mous: str = "MOUs (MOU건수)"


def figure_columns(labels: StatisticsLabels, currencies: Sequence[str]) -> list[str]:
    columns = [labels.meetings, labels.no_shows]
    for name in (labels.consultation, labels.negotiation, labels.contract):
        columns += [f"{name} {c}" for c in currencies]
    return [*columns, labels.mous]


def figure_values(figures: OutcomeFigures, currencies: Sequence[str]) -> list[int]:
    values = [figures.meetings, figures.no_shows]
    for amounts in (figures.consultation, figures.negotiation, figures.contract):
        values += [amounts.get(c, 0) for c in currencies]
    return [*values, figures.mous]


def _sheet(workbook, title: str, header: list[str], rows: list[list]) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "B2"
    for index, name in enumerate(header, start=1):
        width = max(len(str(name)), *(len(str(r[index - 1])) for r in rows)) if rows else len(name)
        sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    for row in sheet.iter_rows(min_row=2, min_col=2):
        for cell in row:
            if isinstance(cell.value, int) and not isinstance(cell.value, bool):
                cell.number_format = "#,##0"


def statistics_workbook(
    stats: OutcomeStatistics,
    meetings: Sequence[Sequence[object]] = (),
    meeting_header: Sequence[str] = (),
    labels: StatisticsLabels | None = None,
    sector_label: Callable[[str], str] = str,
) -> bytes:
    """Four sheets: total, by country, by sector, and (if given) one row per meeting."""
    labels = labels or StatisticsLabels()
    currencies = stats.currencies
    figures = figure_columns(labels, currencies)
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        labels.total,
        ["", *figures],
        [[labels.total, *figure_values(stats.total, currencies)]],
    )
    _sheet(
        workbook,
        labels.by_country,
        [labels.country, *figures],
        [[g.key, *figure_values(g, currencies)] for g in stats.by_country],
    )
    _sheet(
        workbook,
        labels.by_sector,
        [labels.sector, *figures],
        [[sector_label(g.key), *figure_values(g, currencies)] for g in stats.by_sector],
    )
    if meeting_header:
        _sheet(workbook, labels.meetings_sheet, list(meeting_header), [list(r) for r in meetings])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
