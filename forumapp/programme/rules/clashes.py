"""Clash detection over a whole programme: pure domain code, no Flask, no ORM.

The service layer loads every session and itinerary item once, maps them to the
frozen dataclasses below and calls ``find_clashes``; nothing here queries per
item, and the two pairwise rules use a sweep line, so a whole event costs
O(n log n + k) for n bookings and k reported clashes.

Semantics, decided once so the UI, the tests and the translations agree:

* **Overlap.** Times are half-open intervals ``[starts_at, ends_at)``. Items
  ``a`` and ``b`` overlap iff ``a.starts_at < b.ends_at and b.starts_at <
  a.ends_at``. Touching items (10:00-11:00 then 11:00-12:00) do not overlap. A
  zero-length item (an "arrival 14:05" marker) overlaps only items strictly
  around its instant, and never another item at the same instant.
* **One clash per unordered pair per subject.** A person in two overlapping
  items gives one ``PERSON_DOUBLE_BOOKED`` clash whose ``item_keys`` is the
  sorted pair and whose ``subject_key`` is the person; if two people share the
  same two items, that is two clashes (the organiser has two phone calls to
  make). Three mutually overlapping items give three pairwise clashes. A person
  listed twice in one item (speaker and moderator) is counted once there and is
  never in a clash with themselves.
* **Per-item rules** (dates, hours, capacity, panel) give at most one clash per
  item per rule, with ``subject_key`` the room for capacity and ``None``
  otherwise.
* Missing information means "no check", never a clash: a session whose forum
  window, day hours, room or capacity is unknown is not reported by that rule.

Keys are strings and must be unique across all items passed together: sessions
and itinerary items come from different tables, so prefix them
(``"session:12"``, ``"itinerary:7"``).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from forumapp.core.timezones import get_zone

PANEL = "panel"
MODERATING_ROLES = frozenset({"moderator", "chair"})
_MIDNIGHT = time(0)
_ONE_DAY = timedelta(days=1)
_TICK = timedelta(microseconds=1)


class ItemKind(StrEnum):
    SESSION = "session"
    ITINERARY = "itinerary"


class ClashRule(StrEnum):
    """Stable codes (safe to store and to use as translation keys)."""

    # Declaration order is report order: a governor booked twice comes first.
    PERSON_DOUBLE_BOOKED = "person_double_booked"
    ROOM_DOUBLE_BOOKED = "room_double_booked"
    OUTSIDE_FORUM_DATES = "outside_forum_dates"
    OUTSIDE_DAY_HOURS = "outside_day_hours"
    OVER_CAPACITY = "over_capacity"
    PANEL_WITHOUT_MODERATOR = "panel_without_moderator"


_RULE_RANK = {rule: rank for rank, rule in enumerate(ClashRule)}


@dataclass(frozen=True, slots=True)
class ScheduledItem:
    """A session (``owner_key`` = forum) or itinerary item (``owner_key`` = visit)."""

    key: str
    kind: ItemKind
    owner_key: str
    title: str
    starts_at: datetime
    ends_at: datetime
    room_key: str | None = None
    person_keys: tuple[str, ...] = ()
    session_kind: str | None = None
    role_kinds: frozenset[str] = frozenset()
    expected_attendance: int | None = None

    def __post_init__(self) -> None:
        for name in ("starts_at", "ends_at"):
            moment = getattr(self, name)
            if moment.tzinfo is None or moment.utcoffset() is None:
                raise ValueError(f"{self.key}: {name} must be timezone-aware")
            # Python compares datetimes sharing one tzinfo by wall clock, which is
            # wrong across a DST fold; normalising to UTC makes every comparison exact.
            object.__setattr__(self, name, moment.astimezone(UTC))
        if self.ends_at < self.starts_at:
            raise ValueError(f"{self.key}: ends_at is before starts_at")
        object.__setattr__(self, "kind", ItemKind(self.kind))
        # dict.fromkeys keeps order and drops a person holding two roles in one item.
        object.__setattr__(self, "person_keys", tuple(dict.fromkeys(self.person_keys)))
        object.__setattr__(self, "role_kinds", frozenset(self.role_kinds))


@dataclass(frozen=True, slots=True)
class RoomInfo:
    key: str
    name: str
    capacity: int | None = None


@dataclass(frozen=True, slots=True)
class DayHours:
    """Local wall-clock hours of one forum day (the model's ``ForumDay``)."""

    day: date
    opens: time
    closes: time

    def __post_init__(self) -> None:
        if self.closes <= self.opens:
            raise ValueError(f"{self.day}: closes {self.closes} is not after opens {self.opens}")


@dataclass(frozen=True, slots=True)
class ForumWindow:
    """A forum's dates and day hours, all local to ``timezone`` (an IANA name)."""

    key: str
    timezone: str
    start_date: date
    end_date: date
    days: tuple[DayHours, ...] = ()

    def __post_init__(self) -> None:
        get_zone(self.timezone)  # fail on a bad zone name here, not mid-report
        if self.end_date < self.start_date:
            raise ValueError(f"{self.key}: end_date is before start_date")
        object.__setattr__(self, "days", tuple(self.days))


@dataclass(frozen=True, slots=True)
class Clash:
    """One finding. Structured ``params`` (sorted name/value pairs) feed translations."""

    rule: ClashRule
    item_keys: tuple[str, ...]
    subject_key: str | None = None
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def details(self) -> dict[str, Any]:
        return dict(self.params)

    def sort_key(self) -> tuple[int, tuple[str, ...], str]:
        return (_RULE_RANK[self.rule], self.item_keys, self.subject_key or "")

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """English sentence; ``names`` maps person keys to display names."""
        values = self.details
        subject = self.subject_key or ""
        values["subject"] = (names or {}).get(subject, subject)
        if self.rule is ClashRule.OUTSIDE_DAY_HOURS:
            values["reasons"] = " and ".join(_REASON_TEXT[r] for r in values["reasons"])
            if values["opens"] is None:
                return _NO_HOURS_TEXT.format(**values)
        return _TEMPLATES[self.rule].format(**values)


_PAIR = (
    "“{first_title}” and “{second_title}” "
    "({overlap_from:%Y-%m-%d %H:%M}–{overlap_until:%Y-%m-%d %H:%M} UTC)."
)
_TEMPLATES = {
    ClashRule.PERSON_DOUBLE_BOOKED: "{subject} is in two overlapping items, " + _PAIR,
    ClashRule.ROOM_DOUBLE_BOOKED: "Room {room_name} is double-booked: " + _PAIR,
    ClashRule.OUTSIDE_FORUM_DATES: (
        "“{title}” falls on {local_date:%Y-%m-%d} ({timezone}), outside the forum's dates "
        "{forum_start:%Y-%m-%d} to {forum_end:%Y-%m-%d}."
    ),
    ClashRule.OUTSIDE_DAY_HOURS: (
        "“{title}” runs {local_start:%Y-%m-%d %H:%M}–{local_end:%Y-%m-%d %H:%M} ({timezone}), "
        "outside the day's hours {opens:%H:%M}–{closes:%H:%M}: it {reasons}."
    ),
    ClashRule.OVER_CAPACITY: (
        "“{title}” expects {expected_attendance} people but room {room_name} holds {capacity}."
    ),
    ClashRule.PANEL_WITHOUT_MODERATOR: "Panel “{title}” has no moderator or chair.",
}
_NO_HOURS_TEXT = (
    "“{title}” runs {local_start:%Y-%m-%d %H:%M}–{local_end:%Y-%m-%d %H:%M} ({timezone}): "
    "it {reasons}."
)
_REASON_TEXT = {
    "starts_before_opening": "starts before opening",
    "ends_after_closing": "ends after closing",
    "spans_midnight": "spans midnight",
}


def _item_clash(
    rule: ClashRule, item: ScheduledItem, subject_key: str | None = None, **params: Any
) -> Clash:
    return Clash(
        rule, (item.key,), subject_key, tuple(sorted({"title": item.title, **params}.items()))
    )


def _pair_clash(
    rule: ClashRule, a: ScheduledItem, b: ScheduledItem, subject_key: str, **params: Any
) -> Clash:
    first, second = (a, b) if a.key < b.key else (b, a)
    params |= {
        "first_title": first.title,
        "second_title": second.title,
        "overlap_from": max(a.starts_at, b.starts_at),
        "overlap_until": min(a.ends_at, b.ends_at),
    }
    return Clash(rule, (first.key, second.key), subject_key, tuple(sorted(params.items())))


def _distinct(items: Iterable[ScheduledItem]) -> list[ScheduledItem]:
    listed = list(items)
    if len({item.key for item in listed}) != len(listed):
        raise ValueError("item keys must be unique across sessions and itinerary items")
    return listed


def _sorted(clashes: Iterable[Clash]) -> list[Clash]:
    return sorted(clashes, key=Clash.sort_key)


def _overlapping_pairs(items: list[ScheduledItem]) -> Iterator[tuple[ScheduledItem, ScheduledItem]]:
    """Every overlapping pair once, by sweeping starts with a min-heap of ends."""
    ordered = sorted(items, key=lambda item: (item.starts_at, item.ends_at, item.key))
    active: list[tuple[datetime, int, ScheduledItem]] = []  # (ends_at, tiebreak, item)
    for index, current in enumerate(ordered):
        while active and active[0][0] <= current.starts_at:
            heapq.heappop(active)  # ended when or before `current` starts: touching is fine
        # What is left started no later than `current` and ends after it starts. Ties on
        # start are sorted by end, so a zero-length `current` never meets a longer item
        # starting at its instant here: every pair yielded is a real overlap, and the
        # loop costs exactly the pairs it reports.
        for _, _, earlier in active:
            yield earlier, current
        heapq.heappush(active, (current.ends_at, index, current))


def person_overlaps(items: Iterable[ScheduledItem]) -> list[Clash]:
    """Rule 1: a person in two overlapping items (any forum, any visit, any kind)."""
    by_person: defaultdict[str, list[ScheduledItem]] = defaultdict(list)
    for item in _distinct(items):
        for person_key in item.person_keys:
            by_person[person_key].append(item)
    return _sorted(
        _pair_clash(ClashRule.PERSON_DOUBLE_BOOKED, a, b, person_key)
        for person_key, booked in by_person.items()
        if len(booked) > 1
        for a, b in _overlapping_pairs(booked)
    )


def room_overlaps(items: Iterable[ScheduledItem], rooms: Iterable[RoomInfo] = ()) -> list[Clash]:
    """Rule 2: two sessions overlapping in one room (itinerary items have no rooms)."""
    names = {room.key: room.name for room in rooms}
    by_room: defaultdict[str, list[ScheduledItem]] = defaultdict(list)
    for item in _distinct(items):
        if item.kind is ItemKind.SESSION and item.room_key is not None:
            by_room[item.room_key].append(item)
    return _sorted(
        _pair_clash(
            ClashRule.ROOM_DOUBLE_BOOKED, a, b, room_key, room_name=names.get(room_key, room_key)
        )
        for room_key, booked in by_room.items()
        if len(booked) > 1
        for a, b in _overlapping_pairs(booked)
    )


def _local_span(item: ScheduledItem, window: ForumWindow) -> tuple[datetime, datetime]:
    zone = get_zone(window.timezone)
    return item.starts_at.astimezone(zone), item.ends_at.astimezone(zone)


def _sessions_with_window(
    items: Iterable[ScheduledItem], forums: Iterable[ForumWindow]
) -> Iterator[tuple[ScheduledItem, ForumWindow]]:
    windows = {forum.key: forum for forum in forums}
    for item in _distinct(items):
        window = windows.get(item.owner_key)
        if item.kind is ItemKind.SESSION and window is not None:
            yield item, window


def sessions_outside_forum_dates(
    items: Iterable[ScheduledItem], forums: Iterable[ForumWindow]
) -> list[Clash]:
    """Rule 3: a session whose local dates (start, or last minute) leave the forum's dates."""
    clashes = []
    for item, window in _sessions_with_window(items, forums):
        local_start, local_end = _local_span(item, window)
        # The last occupied date: a session ending at 00:00 belongs to the day before.
        days = (local_start.date(), max(local_start.date(), (local_end - _TICK).date()))
        outside = [day for day in days if not window.start_date <= day <= window.end_date]
        if outside:
            clashes.append(
                _item_clash(
                    ClashRule.OUTSIDE_FORUM_DATES,
                    item,
                    local_date=outside[0],
                    timezone=window.timezone,
                    forum_start=window.start_date,
                    forum_end=window.end_date,
                )
            )
    return _sorted(clashes)


def sessions_outside_day_hours(
    items: Iterable[ScheduledItem], forums: Iterable[ForumWindow]
) -> list[Clash]:
    """Rule 4: starts before opening, ends after closing, or spans local midnight.

    Hours come from the forum day of the session's local start date; with no
    hours for that date only the midnight check applies. Wall-clock comparison
    keeps "09:00" meaning 09:00 on DST-change days.
    """
    clashes = []
    hours_by_forum: dict[str, dict[date, DayHours]] = {}
    for item, window in _sessions_with_window(items, forums):
        hours = hours_by_forum.setdefault(window.key, {d.day: d for d in window.days})
        local_start, local_end = _local_span(item, window)
        start_wall, end_wall = local_start.replace(tzinfo=None), local_end.replace(tzinfo=None)
        day = start_wall.date()
        forum_day = hours.get(day)
        reasons = []
        if forum_day is not None:
            if start_wall.time() < forum_day.opens:
                reasons.append("starts_before_opening")
            if end_wall > datetime.combine(day, forum_day.closes):
                reasons.append("ends_after_closing")
        if end_wall > datetime.combine(day + _ONE_DAY, _MIDNIGHT):
            reasons.append("spans_midnight")
        if reasons:
            clashes.append(
                _item_clash(
                    ClashRule.OUTSIDE_DAY_HOURS,
                    item,
                    timezone=window.timezone,
                    local_start=start_wall,
                    local_end=end_wall,
                    opens=forum_day.opens if forum_day else None,
                    closes=forum_day.closes if forum_day else None,
                    reasons=tuple(reasons),
                )
            )
    return _sorted(clashes)


def sessions_over_capacity(
    items: Iterable[ScheduledItem], rooms: Iterable[RoomInfo]
) -> list[Clash]:
    """Rule 5: expected attendance above the room's capacity, when both are known."""
    by_key = {room.key: room for room in rooms}
    clashes = []
    for item in _distinct(items):
        room = by_key.get(item.room_key or "")
        if item.kind is not ItemKind.SESSION or room is None:
            continue
        capacity, attendance = room.capacity, item.expected_attendance
        if capacity is not None and attendance is not None and attendance > capacity:
            clashes.append(
                _item_clash(
                    ClashRule.OVER_CAPACITY,
                    item,
                    room.key,
                    room_name=room.name,
                    capacity=capacity,
                    expected_attendance=attendance,
                )
            )
    return _sorted(clashes)


def panels_without_moderator(items: Iterable[ScheduledItem]) -> list[Clash]:
    """Rule 6: a panel session with no moderator or chair among its roles."""
    return _sorted(
        _item_clash(ClashRule.PANEL_WITHOUT_MODERATOR, item)
        for item in _distinct(items)
        if item.kind is ItemKind.SESSION
        and (item.session_kind or "").casefold() == PANEL
        and not {role.casefold() for role in item.role_kinds} & MODERATING_ROLES
    )


def find_clashes(
    items: Iterable[ScheduledItem],
    rooms: Iterable[RoomInfo] = (),
    forums: Iterable[ForumWindow] = (),
) -> list[Clash]:
    """Every clash of every rule, in rule order then by item keys then subject."""
    listed, room_list, forum_list = _distinct(items), list(rooms), list(forums)
    return [
        *person_overlaps(listed),
        *room_overlaps(listed, room_list),
        *sessions_outside_forum_dates(listed, forum_list),
        *sessions_outside_day_hours(listed, forum_list),
        *sessions_over_capacity(listed, room_list),
        *panels_without_moderator(listed),
    ]


def clashes_for_item(clashes: Iterable[Clash], key: str) -> list[Clash]:
    """The clashes involving one item, in the order given."""
    return [clash for clash in clashes if key in clash.item_keys]


def clashes_by_item(clashes: Iterable[Clash]) -> dict[str, list[Clash]]:
    """Index for badges on a whole programme page (one pass instead of one per item)."""
    index: defaultdict[str, list[Clash]] = defaultdict(list)
    for clash in clashes:
        for key in clash.item_keys:
            index[key].append(clash)
    return dict(index)
