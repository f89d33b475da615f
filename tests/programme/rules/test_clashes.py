"""Clash rules, one group per rule, plus a brute-force property check of the sweep."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forumapp.core.timezones import UnknownTimeZone, get_zone
from forumapp.programme.rules.clashes import (
    Clash,
    ClashRule,
    DayHours,
    ForumWindow,
    ItemKind,
    RoomInfo,
    ScheduledItem,
    clashes_by_item,
    clashes_for_item,
    find_clashes,
    panels_without_moderator,
    person_overlaps,
    room_overlaps,
    sessions_outside_day_hours,
    sessions_outside_forum_dates,
    sessions_over_capacity,
)

DAY = date(2026, 10, 14)


def at(hhmm: str, day: date = DAY) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=UTC)


def session(key, start, end, *, people=(), room=None, forum="forum:1", **extra) -> ScheduledItem:
    starts = start if isinstance(start, datetime) else at(start)
    ends = end if isinstance(end, datetime) else at(end)
    return ScheduledItem(
        key=key,
        kind=ItemKind.SESSION,
        owner_key=forum,
        title=extra.pop("title", key),
        starts_at=starts,
        ends_at=ends,
        room_key=room,
        person_keys=tuple(people),
        **extra,
    )


def itinerary(key, start, end, *, people=(), visit="visit:1") -> ScheduledItem:
    return ScheduledItem(
        key=key,
        kind=ItemKind.ITINERARY,
        owner_key=visit,
        title=key,
        starts_at=at(start),
        ends_at=at(end),
        person_keys=tuple(people),
    )


def pairs(clashes: list[Clash]) -> list[tuple[tuple[str, ...], str | None]]:
    return [(clash.item_keys, clash.subject_key) for clash in clashes]


# --- rule 1: a person in two overlapping items -------------------------------------------


def test_person_in_two_overlapping_sessions():
    clashes = person_overlaps(
        [
            session("s:2", "10:00", "11:00", people=["gov"]),
            session("s:1", "09:30", "10:30", people=["gov"]),
        ]
    )
    assert pairs(clashes) == [(("s:1", "s:2"), "gov")]
    details = clashes[0].details
    assert (details["overlap_from"], details["overlap_until"]) == (at("10:00"), at("10:30"))
    assert (details["first_title"], details["second_title"]) == ("s:1", "s:2")


def test_touching_items_do_not_overlap():
    items = [
        session("s:1", "09:00", "10:00", people=["gov"], room="r1"),
        session("s:2", "10:00", "11:00", people=["gov"], room="r1"),
        itinerary("i:1", "11:00", "12:00", people=["gov"]),
    ]
    assert find_clashes(items) == []


def test_same_person_twice_in_one_session_is_not_a_clash_with_itself():
    twice = session("s:1", "09:00", "10:00", people=["mod", "mod"], role_kinds={"moderator"})
    assert twice.person_keys == ("mod",)
    assert person_overlaps([twice]) == []
    other = session("s:2", "09:30", "10:30", people=["mod"])
    assert pairs(person_overlaps([twice, other])) == [(("s:1", "s:2"), "mod")]


def test_sessions_in_different_forums_clash_for_the_same_person():
    items = [
        session("s:1", "09:00", "10:00", people=["gov"], forum="forum:1"),
        session("s:9", "09:59", "10:30", people=["gov"], forum="forum:2"),
    ]
    assert pairs(person_overlaps(items)) == [(("s:1", "s:9"), "gov")]


def test_itinerary_item_clashes_with_a_session():
    items = [
        itinerary("i:1", "08:00", "12:00", people=["minister", "aide"]),
        session("s:1", "10:00", "10:15", people=["minister"]),
    ]
    assert pairs(person_overlaps(items)) == [(("i:1", "s:1"), "minister")]


def test_itineraries_of_different_visits_clash():
    items = [
        itinerary("i:1", "08:00", "09:00", people=["p"], visit="visit:1"),
        itinerary("i:2", "08:30", "09:30", people=["p"], visit="visit:2"),
    ]
    assert pairs(person_overlaps(items)) == [(("i:1", "i:2"), "p")]


def test_one_clash_per_pair_per_person():
    items = [
        session("s:1", "09:00", "10:00", people=["a", "b", "c"]),
        session("s:2", "09:30", "10:30", people=["a", "b"]),
    ]
    assert pairs(person_overlaps(items)) == [(("s:1", "s:2"), "a"), (("s:1", "s:2"), "b")]


def test_three_mutually_overlapping_items_give_three_pairs():
    items = [
        session("s:1", "09:00", "12:00", people=["p"]),
        session("s:2", "09:30", "10:00", people=["p"]),
        session("s:3", "09:45", "11:00", people=["p"]),
    ]
    assert pairs(person_overlaps(items)) == [
        (("s:1", "s:2"), "p"),
        (("s:1", "s:3"), "p"),
        (("s:2", "s:3"), "p"),
    ]


def test_identical_and_contained_intervals_overlap():
    items = [
        session("s:1", "09:00", "12:00", people=["p"]),
        session("s:2", "09:00", "12:00", people=["p"]),
        session("s:3", "10:00", "10:30", people=["p"]),
    ]
    assert len(person_overlaps(items)) == 3


def test_zero_length_items_follow_the_half_open_rule():
    items = [
        session("s:1", "09:00", "11:00", people=["p"]),
        itinerary("i:inside", "10:00", "10:00", people=["p"]),
        itinerary("i:at_start", "09:00", "09:00", people=["p"]),
        itinerary("i:at_end", "11:00", "11:00", people=["p"]),
        itinerary("i:same_instant", "10:00", "10:00", people=["p"]),
    ]
    assert pairs(person_overlaps(items)) == [
        (("i:inside", "s:1"), "p"),
        (("i:same_instant", "s:1"), "p"),
    ]


def test_different_people_do_not_clash():
    items = [
        session("s:1", "09:00", "10:00", people=["a"]),
        session("s:2", "09:00", "10:00", people=["b"]),
    ]
    assert person_overlaps(items) == []


def test_times_in_other_zones_are_compared_as_instants():
    almaty = get_zone("Asia/Almaty")
    local = session(
        "s:1",
        datetime(2026, 10, 14, 15, 0, tzinfo=almaty),  # 10:00 UTC
        datetime(2026, 10, 14, 16, 0, tzinfo=almaty),
        people=["p"],
    )
    assert local.starts_at == at("10:00")
    assert local.starts_at.tzinfo is UTC
    utc_before = session("s:2", "09:00", "10:00", people=["p"])
    utc_inside = session("s:3", "10:30", "10:45", people=["p"])
    assert pairs(person_overlaps([local, utc_before, utc_inside])) == [(("s:1", "s:3"), "p")]


# --- rule 2: a room double-booked ----------------------------------------------------------


def test_room_double_booked():
    items = [
        session("s:1", "09:00", "10:00", room="hall"),
        session("s:2", "09:30", "10:30", room="hall"),
        session("s:3", "09:30", "10:30", room="side"),
        session("s:4", "10:00", "11:00", room="hall"),  # touches s:1, overlaps s:2
    ]
    clashes = room_overlaps(items, [RoomInfo("hall", "Grand Ballroom", 500)])
    assert pairs(clashes) == [(("s:1", "s:2"), "hall"), (("s:2", "s:4"), "hall")]
    assert clashes[0].details["room_name"] == "Grand Ballroom"
    assert all(c.rule is ClashRule.ROOM_DOUBLE_BOOKED for c in clashes)


def test_room_rule_ignores_itinerary_items_and_roomless_sessions():
    stray = ScheduledItem(
        "i:1", ItemKind.ITINERARY, "visit:1", "Tour", at("09:00"), at("10:00"), room_key="hall"
    )
    items = [stray, session("s:1", "09:00", "10:00", room="hall"), session("s:2", "09:00", "10:00")]
    assert room_overlaps(items) == []


def test_room_name_falls_back_to_key():
    items = [
        session("s:1", "09:00", "10:00", room="r7"),
        session("s:2", "09:00", "10:00", room="r7"),
    ]
    assert room_overlaps(items)[0].details["room_name"] == "r7"


# --- rule 3: outside the forum's dates -----------------------------------------------------

ALMATY_FORUM = ForumWindow("forum:1", "Asia/Almaty", date(2026, 10, 12), date(2026, 10, 14))


def test_session_within_forum_dates():
    assert sessions_outside_forum_dates([session("s:1", "05:00", "06:00")], [ALMATY_FORUM]) == []


def test_session_before_forum_start():
    early = session("s:1", at("05:00", date(2026, 10, 11)), at("06:00", date(2026, 10, 11)))
    [clash] = sessions_outside_forum_dates([early], [ALMATY_FORUM])
    assert clash.rule is ClashRule.OUTSIDE_FORUM_DATES
    assert clash.item_keys == ("s:1",)
    assert clash.subject_key is None
    assert clash.details["local_date"] == date(2026, 10, 11)


def test_session_at_23_30_local_on_the_last_day_is_inside():
    # 18:30 UTC is 23:30 in Almaty (UTC+5); a stale UTC+6 database would say 00:30 next day.
    late = session("s:1", "18:30", "18:45")
    assert sessions_outside_forum_dates([late], [ALMATY_FORUM]) == []


def test_session_after_local_midnight_of_the_last_day_is_outside():
    # 19:30 UTC on the 14th is already 00:30 on the 15th in Almaty.
    after = session("s:1", "19:30", "20:00")
    [clash] = sessions_outside_forum_dates([after], [ALMATY_FORUM])
    assert clash.details["local_date"] == date(2026, 10, 15)
    assert clash.details["timezone"] == "Asia/Almaty"


def test_session_ending_at_local_midnight_of_the_last_day_is_inside():
    assert sessions_outside_forum_dates([session("s:1", "18:00", "19:00")], [ALMATY_FORUM]) == []


def test_session_running_past_midnight_of_the_last_day_is_outside():
    [clash] = sessions_outside_forum_dates([session("s:1", "18:00", "19:30")], [ALMATY_FORUM])
    assert clash.details["local_date"] == date(2026, 10, 15)


def test_dates_rule_skips_unknown_forums_and_itineraries():
    items = [
        session(
            "s:1", at("05:00", date(2026, 1, 1)), at("06:00", date(2026, 1, 1)), forum="forum:x"
        ),
        itinerary("i:1", "20:00", "21:00"),
    ]
    assert sessions_outside_forum_dates(items, [ALMATY_FORUM]) == []


# --- rule 4: outside the day's hours -------------------------------------------------------

SEOUL_FORUM = ForumWindow(
    "forum:1",
    "Asia/Seoul",  # UTC+9, no DST
    date(2026, 10, 14),
    date(2026, 10, 15),
    (DayHours(date(2026, 10, 14), time(9), time(18)),),
)


def seoul_time(text: str, day: date = DAY) -> datetime:
    """'09:00' on ``day`` in Seoul; a leading '+' means the next day."""
    if text.startswith("+"):
        day, text = day + timedelta(days=1), text[1:]
    return datetime.combine(day, time.fromisoformat(text), tzinfo=get_zone("Asia/Seoul"))


def seoul(key, start, end, day: date = DAY):
    return session(key, seoul_time(start, day), seoul_time(end, day))


def test_session_within_hours_including_the_exact_edges():
    items = [seoul("s:1", "09:00", "10:00"), seoul("s:2", "17:00", "18:00")]
    assert sessions_outside_day_hours(items, [SEOUL_FORUM]) == []


@pytest.mark.parametrize(
    ("start", "end", "reasons"),
    [
        ("08:30", "09:30", ("starts_before_opening",)),
        ("17:30", "18:30", ("ends_after_closing",)),
        ("08:00", "19:00", ("starts_before_opening", "ends_after_closing")),
        ("23:30", "+00:30", ("ends_after_closing", "spans_midnight")),
    ],
)
def test_session_outside_hours(start, end, reasons):
    [clash] = sessions_outside_day_hours([seoul("s:1", start, end)], [SEOUL_FORUM])
    assert clash.rule is ClashRule.OUTSIDE_DAY_HOURS
    assert clash.details["reasons"] == reasons
    assert clash.details["opens"] == time(9)
    assert clash.details["local_start"].strftime("%H:%M") == start


def test_day_without_hours_only_checks_midnight():
    day_two = date(2026, 10, 15)
    early_and_long = seoul("s:1", "06:00", "23:00", day_two)
    assert sessions_outside_day_hours([early_and_long], [SEOUL_FORUM]) == []
    late = seoul("s:2", "23:30", "+00:30", day_two)
    [clash] = sessions_outside_day_hours([late], [SEOUL_FORUM])
    assert clash.details["reasons"] == ("spans_midnight",)
    assert clash.details["opens"] is None
    assert "spans midnight" in clash.describe()


def test_almaty_session_at_23_30_spans_midnight():
    forum = ForumWindow("forum:1", "Asia/Almaty", DAY, DAY)
    [clash] = sessions_outside_day_hours([session("s:1", "18:30", "19:30")], [forum])
    assert clash.details["local_start"] == datetime(2026, 10, 14, 23, 30)
    assert clash.details["local_end"] == datetime(2026, 10, 15, 0, 30)
    assert clash.details["reasons"] == ("spans_midnight",)
    assert sessions_outside_day_hours([session("s:2", "18:00", "19:00")], [forum]) == []


def test_hours_are_wall_clock_on_a_dst_change_day():
    spring = date(2026, 3, 29)  # Berlin jumps from 02:00 to 03:00
    forum = ForumWindow(
        "forum:1", "Europe/Berlin", spring, spring, (DayHours(spring, time(9), time(18)),)
    )
    inside = session("s:1", at("07:00", spring), at("16:00", spring))  # 09:00-18:00 CEST
    late = session("s:2", at("15:30", spring), at("16:30", spring))  # 17:30-18:30 CEST
    assert pairs(sessions_outside_day_hours([inside, late], [forum])) == [(("s:2",), None)]


# --- rule 5: over capacity -----------------------------------------------------------------


def test_over_capacity():
    rooms = [RoomInfo("r1", "Room 1", 100), RoomInfo("r2", "Room 2", None)]
    items = [
        session("s:1", "09:00", "10:00", room="r1", expected_attendance=101),
        session("s:2", "11:00", "12:00", room="r1", expected_attendance=100),
        session("s:3", "13:00", "14:00", room="r1"),
        session("s:4", "09:00", "10:00", room="r2", expected_attendance=5000),
        session("s:5", "09:00", "10:00", room="unknown", expected_attendance=5000),
        session("s:6", "09:00", "10:00", expected_attendance=5000),
    ]
    [clash] = sessions_over_capacity(items, rooms)
    assert (clash.item_keys, clash.subject_key) == (("s:1",), "r1")
    assert (clash.details["expected_attendance"], clash.details["capacity"]) == (101, 100)
    assert clash.describe() == "“s:1” expects 101 people but room Room 1 holds 100."


def test_zero_capacity_room_is_over_capacity_with_any_audience():
    items = [session("s:1", "09:00", "10:00", room="r0", expected_attendance=1)]
    assert len(sessions_over_capacity(items, [RoomInfo("r0", "Closet", 0)])) == 1


# --- rule 6: moderator-less panel ---------------------------------------------------------


def test_panel_without_moderator():
    items = [
        session("s:1", "09:00", "10:00", session_kind="panel", role_kinds={"panellist"}),
        session(
            "s:2", "09:00", "10:00", session_kind="panel", role_kinds={"moderator", "panellist"}
        ),
        session("s:3", "09:00", "10:00", session_kind="panel", role_kinds={"Chair"}),
        session("s:4", "09:00", "10:00", session_kind="keynote", role_kinds={"keynote"}),
        session("s:5", "09:00", "10:00", session_kind="panel"),
    ]
    assert pairs(panels_without_moderator(items)) == [(("s:1",), None), (("s:5",), None)]


# --- the whole report ---------------------------------------------------------------------


def programme() -> tuple[list[ScheduledItem], list[RoomInfo], list[ForumWindow]]:
    items = [
        session("s:1", "04:00", "05:00", people=["gov"], room="hall", expected_attendance=900),
        session("s:2", "04:30", "05:30", people=["gov", "ceo"], room="hall", session_kind="panel"),
        session("s:3", "18:30", "19:30", people=["ceo"], room="side"),
        itinerary("i:1", "05:15", "06:00", people=["ceo"]),
    ]
    rooms = [RoomInfo("hall", "Hall", 800), RoomInfo("side", "Side room", 40)]
    next_day = DAY + timedelta(days=1)
    forums = [
        ForumWindow("forum:1", "Asia/Almaty", DAY, next_day, (DayHours(DAY, time(9), time(18)),))
    ]
    return items, rooms, forums


def test_find_clashes_reports_every_rule_in_order():
    clashes = find_clashes(*programme())
    assert [(c.rule, c.item_keys, c.subject_key) for c in clashes] == [
        (ClashRule.PERSON_DOUBLE_BOOKED, ("i:1", "s:2"), "ceo"),
        (ClashRule.PERSON_DOUBLE_BOOKED, ("s:1", "s:2"), "gov"),
        (ClashRule.ROOM_DOUBLE_BOOKED, ("s:1", "s:2"), "hall"),
        (ClashRule.OUTSIDE_DAY_HOURS, ("s:3",), None),
        (ClashRule.OVER_CAPACITY, ("s:1",), "hall"),
        (ClashRule.PANEL_WITHOUT_MODERATOR, ("s:2",), None),
    ]


def test_find_clashes_is_deterministic_and_hashable():
    items, rooms, forums = programme()
    expected = find_clashes(items, rooms, forums)
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert find_clashes(iter(shuffled), reversed(rooms), forums) == expected
    assert len(set(expected)) == len(expected)


def test_clashes_for_item_and_index():
    clashes = find_clashes(*programme())
    for_s2 = clashes_for_item(clashes, "s:2")
    assert [c.rule for c in for_s2] == [
        ClashRule.PERSON_DOUBLE_BOOKED,
        ClashRule.PERSON_DOUBLE_BOOKED,
        ClashRule.ROOM_DOUBLE_BOOKED,
        ClashRule.PANEL_WITHOUT_MODERATOR,
    ]
    assert clashes_for_item(clashes, "nothing") == []
    index = clashes_by_item(clashes)
    assert index["s:2"] == for_s2
    assert set(index) == {"s:1", "s:2", "s:3", "i:1"}


def test_describe_is_readable_english():
    clashes = find_clashes(*programme())
    texts = [c.describe({"gov": "Governor Kim"}) for c in clashes]
    assert texts[1] == (
        "Governor Kim is in two overlapping items, “s:1” and “s:2” "
        "(2026-10-14 04:30–2026-10-14 05:00 UTC)."
    )
    assert texts[0].startswith("ceo is in two overlapping items")
    assert texts[2].startswith("Room Hall is double-booked")
    assert texts[3] == (
        "“s:3” runs 2026-10-14 23:30–2026-10-15 00:30 (Asia/Almaty), outside the day's hours "
        "09:00–18:00: it ends after closing and spans midnight."
    )
    assert texts[5] == "Panel “s:2” has no moderator or chair."
    forum = ForumWindow("forum:1", "Asia/Almaty", date(2026, 10, 15), date(2026, 10, 16))
    [dates] = sessions_outside_forum_dates([session("s:1", "09:00", "10:00")], [forum])
    assert dates.describe() == (
        "“s:1” falls on 2026-10-14 (Asia/Almaty), "
        "outside the forum's dates 2026-10-15 to 2026-10-16."
    )


# --- input validation ---------------------------------------------------------------------


def test_rejects_naive_and_backwards_times_and_duplicate_keys():
    with pytest.raises(ValueError, match="timezone-aware"):
        session("s:1", datetime(2026, 10, 14, 9), at("10:00"))
    with pytest.raises(ValueError, match="before"):
        session("s:1", "10:00", "09:00")
    with pytest.raises(ValueError, match="unique"):
        find_clashes([session("s:1", "09:00", "10:00"), session("s:1", "11:00", "12:00")])


def test_rejects_bad_forum_windows():
    with pytest.raises(UnknownTimeZone):
        ForumWindow("forum:1", "Asia/Atlantis", DAY, DAY)
    with pytest.raises(ValueError, match="before"):
        ForumWindow("forum:1", "UTC", DAY, DAY - timedelta(days=1))
    with pytest.raises(ValueError, match="not after"):
        DayHours(DAY, time(18), time(9))


# --- property: the sweep equals a brute-force pairwise check --------------------------------

PEOPLE = ["p1", "p2", "p3", "p4"]
ROOMS = ["r1", "r2", "r3"]

raw_item = st.tuples(
    st.sampled_from([ItemKind.SESSION, ItemKind.SESSION, ItemKind.ITINERARY]),
    st.integers(min_value=0, max_value=24),  # start, in quarter hours: lots of ties and touches
    st.integers(min_value=0, max_value=8),  # length, in quarter hours; zero-length included
    st.lists(st.sampled_from(PEOPLE), max_size=3),  # repeats model one person in two roles
    st.one_of(st.none(), st.sampled_from(ROOMS)),
)


def build(raw: list[tuple]) -> list[ScheduledItem]:
    base = at("08:00")
    return [
        ScheduledItem(
            key=f"k{index:03d}",
            kind=kind,
            owner_key="forum:1" if kind is ItemKind.SESSION else "visit:1",
            title=f"item {index}",
            starts_at=base + timedelta(minutes=15 * start),
            ends_at=base + timedelta(minutes=15 * (start + length)),
            room_key=room,
            person_keys=tuple(people),
        )
        for index, (kind, start, length, people, room) in enumerate(raw)
    ]


def brute_force(items: list[ScheduledItem]) -> tuple[set, set]:
    by_person, by_room = set(), set()
    for a, b in combinations(items, 2):
        if not (a.starts_at < b.ends_at and b.starts_at < a.ends_at):
            continue
        keys = tuple(sorted((a.key, b.key)))
        by_person |= {(keys, person) for person in set(a.person_keys) & set(b.person_keys)}
        both_sessions = a.kind is b.kind is ItemKind.SESSION
        if both_sessions and a.room_key is not None and a.room_key == b.room_key:
            by_room.add((keys, a.room_key))
    return by_person, by_room


@settings(max_examples=300, deadline=None)
@given(st.lists(raw_item, max_size=40), st.randoms(use_true_random=False))
def test_overlap_clashes_equal_brute_force(raw, shuffler):
    items = build(raw)
    expected_people, expected_rooms = brute_force(items)
    people, rooms = person_overlaps(items), room_overlaps(items)
    assert len(pairs(people)) == len(set(pairs(people)))  # one clash per pair per subject
    assert set(pairs(people)) == expected_people
    assert len(pairs(rooms)) == len(set(pairs(rooms)))
    assert set(pairs(rooms)) == expected_rooms
    shuffler.shuffle(items)
    assert person_overlaps(items) == people  # order of input does not matter
    assert room_overlaps(items) == rooms
