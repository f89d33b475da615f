"""The programme editor's day view: a rooms x time grid, laid out on the server."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from forumapp.core.localized import pick_language
from forumapp.core.timezones import get_zone
from forumapp.programme.models import Forum, Room, Session

SLOT_MINUTES = 30
DEFAULT_HOURS = (time(9, 0), time(18, 0))


@dataclass
class GridSession:
    session: Session
    local_start: datetime
    local_end: datetime
    rowspan: int


@dataclass
class GridCell:
    """One slot of one column: the top of a session, covered by one, or free."""

    session: GridSession | None = None
    covered: bool = False


@dataclass
class DayGrid:
    day: date
    columns: list[Room | None]  # None: sessions without a room
    slots: list[time]
    rows: list[list[GridCell]]
    # Sessions that cannot share a column with the one already there (double bookings);
    # listed under the grid, and the clash warnings name them too.
    overflow: list[GridSession] = field(default_factory=list)
    days: list[date] = field(default_factory=list)


def _hours(forum: Forum, day: date, sessions: list[GridSession]) -> tuple[datetime, datetime]:
    opens, closes = DEFAULT_HOURS
    for forum_day in forum.days:
        if forum_day.day == day:
            opens, closes = forum_day.opens_at, forum_day.closes_at
    start = datetime.combine(day, opens)
    end = datetime.combine(day, closes)
    for item in sessions:
        start = min(start, item.local_start.replace(tzinfo=None))
        end = max(end, item.local_end.replace(tzinfo=None))
    # Snap the edges to whole slots so every row has the same length.
    start = start.replace(minute=start.minute - start.minute % SLOT_MINUTES, second=0)
    return start, min(end, datetime.combine(day + timedelta(days=1), time(0)))


def _row_times(start: datetime, end: datetime, sessions: list[GridSession]) -> list[datetime]:
    """Every half hour, plus every session's start and end: rows cut exactly where
    sessions begin and end, so 14:30-14:50 and 14:50-15:50 never seem to overlap."""
    marks = set()
    moment = start
    while moment < end:
        marks.add(moment)
        moment += timedelta(minutes=SLOT_MINUTES)
    for item in sessions:
        marks.add(item.local_start.replace(tzinfo=None))
        marks.add(item.local_end.replace(tzinfo=None))
    return sorted(mark for mark in marks if start <= mark < end)


def day_grid(forum: Forum, day: date) -> DayGrid:
    """Lay out ``forum``'s sessions of local ``day`` (forum loaded with rooms and sessions)."""
    zone = get_zone(forum.timezone)
    todays = []
    for session in forum.sessions:
        local_start = session.starts_at.astimezone(zone)
        if local_start.date() == day:
            todays.append(
                GridSession(session, local_start, session.ends_at.astimezone(zone), rowspan=1)
            )
    start, end = _hours(forum, day, todays)
    marks = _row_times(start, end, todays)
    row_of = {mark: index for index, mark in enumerate(marks)}

    rooms: list[Room | None] = list(forum.venue.rooms) if forum.venue else []
    for item in todays:
        if item.session.room is not None and item.session.room not in rooms:
            rooms.append(item.session.room)
    if any(item.session.room is None for item in todays) or not rooms:
        rooms.append(None)
    column_of = {(room.id if room else None): index for index, room in enumerate(rooms)}
    rows = [[GridCell() for _ in rooms] for _ in marks]
    overflow = []
    for item in sorted(todays, key=lambda i: (i.local_start, i.session.id)):
        column = column_of[item.session.room_id]
        first = row_of[item.local_start.replace(tzinfo=None)]
        item_end = item.local_end.replace(tzinfo=None)
        last = row_of.get(item_end, len(marks)) if item_end > marks[first] else first + 1
        item.rowspan = max(1, last - first)
        taken = range(first, first + item.rowspan)
        if any(rows[r][column].session or rows[r][column].covered for r in taken):
            overflow.append(item)
            continue
        rows[first][column].session = item
        for r in taken[1:]:
            rows[r][column].covered = True
    span = (forum.end_date - forum.start_date).days + 1
    days = [forum.start_date + timedelta(days=n) for n in range(span)]
    return DayGrid(day, rooms, [mark.time() for mark in marks], rows, overflow, days)


def session_label(session: Session) -> str:
    return pick_language(session.title)
