"""The programme of one day as a room x time grid (an HTML table with row spans)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from itertools import pairwise

from forumapp.programme.rules.programme import ProgrammeSession, RoomInfo

NO_ROOM = ""  # column key for sessions without a room


@dataclass
class GridCell:
    sessions: list[ProgrammeSession]
    rowspan: int


@dataclass
class GridRow:
    starts: datetime  # local
    ends: datetime
    cells: dict[str, GridCell | None] = field(default_factory=dict)  # None: covered by a span


@dataclass
class DayGrid:
    columns: list[str]  # room keys in display order (NO_ROOM last if used)
    rows: list[GridRow]


def day_grid(
    sessions: Sequence[ProgrammeSession], rooms: Sequence[RoomInfo], zone: tzinfo
) -> DayGrid:
    """Rows are the intervals between consecutive start/end times, so every session fills
    whole rows. A session that overlaps another in the same room (a clash the organiser
    allowed) joins the cell already there rather than vanishing."""
    known = {r.key for r in rooms}
    used = {s.room_key if s.room_key in known else NO_ROOM for s in sessions}
    columns = [r.key for r in rooms if r.key in used]
    if NO_ROOM in used:
        columns.append(NO_ROOM)
    bounds = sorted(
        {s.starts_at.astimezone(zone) for s in sessions}
        | {s.ends_at.astimezone(zone) for s in sessions}
    )
    rows = [GridRow(a, b, dict.fromkeys(columns, "empty")) for a, b in pairwise(bounds)]
    index = {row.starts: n for n, row in enumerate(rows)}
    open_cells: dict[str, tuple[GridCell, int, int]] = {}  # column -> (cell, first, last row)
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.key)):
        column = session.room_key if session.room_key in known else NO_ROOM
        first = index[session.starts_at.astimezone(zone)]
        ends = session.ends_at.astimezone(zone)
        last = next((n for n in range(first, len(rows)) if rows[n].ends >= ends), len(rows) - 1)
        current = open_cells.get(column)
        if current and current[2] >= first:  # overlaps the cell already spanning here
            cell, cell_first, cell_last = current
            cell.sessions.append(session)
            new_last = max(cell_last, last)
            for n in range(cell_last + 1, new_last + 1):
                rows[n].cells[column] = None
            cell.rowspan = new_last - cell_first + 1
            open_cells[column] = (cell, cell_first, new_last)
            continue
        cell = GridCell([session], last - first + 1)
        rows[first].cells[column] = cell
        for n in range(first + 1, last + 1):
            rows[n].cells[column] = None
        open_cells[column] = (cell, first, last)
    for row in rows:
        for column, value in row.cells.items():
            if value == "empty":
                row.cells[column] = GridCell([], 1)
    return DayGrid(columns, rows)
