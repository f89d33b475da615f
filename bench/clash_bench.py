"""Benchmark ``find_clashes`` on a realistic, seeded random programme.

2,000 sessions over 4 forums (different time zones, 3 days each, 20 rooms),
3,000 role assignments drawn with a popularity skew (a few VIPs are everywhere,
which is where clashes come from), and 5 delegation visits with itineraries.
Target: a whole programme checked in under 100 ms.

    .venv/bin/python bench/clash_bench.py [--runs 15] [--seed 2026]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time as clock
import tracemalloc
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path

# Run as a script from anywhere: make the repository root importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SESSIONS = 2_000
ROLE_ASSIGNMENTS = 3_000
PEOPLE = 1_200
FORUMS = (
    ("Asia/Seoul", date(2026, 9, 8)),
    ("Asia/Almaty", date(2026, 10, 13)),
    ("Asia/Tashkent", date(2026, 10, 20)),
    ("Europe/Berlin", date(2026, 3, 28)),
)
DAYS, ROOMS_PER_FORUM, VISITS, ITEMS_PER_VISIT_DAY = 3, 20, 5, 8
KINDS = ["panel"] * 3 + ["presentation"] * 3 + ["keynote", "networking", "break", "b2b"]
ROLE_KINDS = ["speaker", "panellist", "keynote", "discussant"]


def build_programme(seed: int):
    from forumapp.core.timezones import get_zone
    from forumapp.programme.rules.clashes import (
        DayHours,
        ForumWindow,
        ItemKind,
        RoomInfo,
        ScheduledItem,
    )

    rng = random.Random(seed)
    people = [f"person:{n}" for n in range(PEOPLE)]
    popularity = [1 / (rank + 1) ** 0.3 for rank in range(PEOPLE)]  # mild Zipf: top ~15 roles
    rooms, forums, slots = [], [], []
    for f, (zone_name, first_day) in enumerate(FORUMS):
        days = [first_day + timedelta(days=d) for d in range(DAYS)]
        hours = tuple(DayHours(day, time(9), time(18, 30)) for day in days)
        forums.append(ForumWindow(f"forum:{f}", zone_name, days[0], days[-1], hours))
        for r in range(ROOMS_PER_FORUM):
            rooms.append(
                RoomInfo(f"room:{f}:{r}", f"Room {f}-{r}", rng.choice([None, 80, 150, 300, 800]))
            )
            slots += [(f, zone_name, day, f"room:{f}:{r}") for day in days]

    # Each room-day is filled back to back from 09:00 with realistic gaps; a few
    # sessions start early (double-booking the room) or run past closing.
    per_slot = Counter(slots[n % len(slots)] for n in range(SESSIONS))
    shape = []  # (forum, room, start, end, kind)
    for (f, zone_name, day, room), count in per_slot.items():
        cursor = datetime.combine(day, time(9), tzinfo=get_zone(zone_name))
        for _ in range(count):
            start = cursor - timedelta(minutes=15) if rng.random() < 0.03 else cursor
            end = start + timedelta(minutes=rng.choice([30, 30, 40, 45, 60, 90]))
            shape.append((f, room, start, end, rng.choice(KINDS)))
            cursor = end + timedelta(minutes=rng.choice([0, 0, 5, 10, 15]))

    # The 3,000 role assignments: a moderator for most panels, then one role for
    # every session, then the rest at random (some people land twice in one session).
    roles: list[list[tuple[str, str]]] = [[] for _ in shape]
    panels = [n for n, entry in enumerate(shape) if entry[4] == "panel" and rng.random() < 0.9]
    targets = panels + list(range(len(shape)))
    targets += [rng.randrange(len(shape)) for _ in range(ROLE_ASSIGNMENTS - len(targets))]
    for n, index in enumerate(targets):
        person = rng.choices(people, popularity)[0]
        roles[index].append((person, "moderator" if n < len(panels) else rng.choice(ROLE_KINDS)))
    items = []
    for n, ((f, room, start, end, kind), cast) in enumerate(zip(shape, roles, strict=True)):
        items.append(
            ScheduledItem(
                key=f"session:{n}",
                kind=ItemKind.SESSION,
                owner_key=f"forum:{f}",
                title=f"Session {n}",
                starts_at=start,
                ends_at=end,
                room_key=room,
                person_keys=tuple(p for p, _ in cast),
                session_kind=kind,
                role_kinds=frozenset(k for _, k in cast),
                expected_attendance=rng.choice([None, 30, 60, 120, 250]),
            )
        )
    for v in range(VISITS):
        zone_name, first_day = FORUMS[v % len(FORUMS)]
        delegation = rng.sample(people[:300], 10)
        for d in range(DAYS):
            cursor = datetime.combine(
                first_day + timedelta(days=d), time(8), tzinfo=get_zone(zone_name)
            )
            for i in range(ITEMS_PER_VISIT_DAY):
                end = cursor + timedelta(minutes=rng.choice([45, 60, 90, 120]))
                items.append(
                    ScheduledItem(
                        key=f"itinerary:{v}:{d}:{i}",
                        kind=ItemKind.ITINERARY,
                        owner_key=f"visit:{v}",
                        title=f"Visit {v} item {i}",
                        starts_at=cursor,
                        ends_at=end,
                        person_keys=tuple(rng.sample(delegation, rng.randint(2, 10))),
                    )
                )
                cursor = end + timedelta(minutes=rng.choice([0, 15, 30]))
    return items, rooms, forums


def main() -> None:
    from forumapp.programme.rules.clashes import find_clashes

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    started = clock.perf_counter()
    items, rooms, forums = build_programme(args.seed)
    build_ms = (clock.perf_counter() - started) * 1000
    sessions = sum(1 for item in items if item.kind == "session")
    print(
        f"programme: {sessions} sessions, {len(items) - sessions} itinerary items, "
        f"{len(rooms)} rooms, {len(forums)} forums, {ROLE_ASSIGNMENTS} role assignments "
        f"(built in {build_ms:.0f} ms, not timed below)"
    )

    find_clashes(items, rooms, forums)  # warm caches (zone files, imports)
    timings = []
    for _ in range(args.runs):
        started = clock.perf_counter()
        clashes = find_clashes(items, rooms, forums)
        timings.append((clock.perf_counter() - started) * 1000)

    tracemalloc.start()
    find_clashes(items, rooms, forums)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    median = statistics.median(timings)
    print(
        f"find_clashes x{args.runs}: median {median:.1f} ms, best {min(timings):.1f} ms, "
        f"worst {max(timings):.1f} ms"
    )
    print(f"clashes found: {len(clashes)}")
    for rule, count in sorted(Counter(c.rule.value for c in clashes).items()):
        print(f"  {rule}: {count}")
    print(f"peak traced memory during one run: {peak / 1024:.0f} KiB")
    print(f"target < 100 ms: {'met' if median < 100 else 'MISSED'}")


if __name__ == "__main__":
    main()
