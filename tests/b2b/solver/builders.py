"""Test data for the B2B scheduler: the example file, small problems, a brute-force oracle.

The oracle re-derives the format page's rules from the raw problem dict and
searches concrete tables and interpreters itself, so it shares no code with the
solver it judges.
"""

from __future__ import annotations

import copy
import json
import random
from functools import cache
from itertools import product
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
# Copies of /work/shared/formats/b2b-*.json, the fixed points of the format.
EXAMPLE = DATA / "b2b-example-problem.json"
PROBLEM_SCHEMA = DATA / "b2b-problem.schema.json"
SCHEDULE_SCHEMA = DATA / "b2b-schedule.schema.json"


@cache
def _example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def example_dict() -> dict[str, Any]:
    return json.loads(_example_text())


def slot(i: int) -> dict[str, str]:
    return {
        "id": f"s{i}",
        "start": f"2024-09-12T{9 + i:02d}:00:00+05:00",
        "end": f"2024-09-12T{9 + i:02d}:20:00+05:00",
    }


def small_problem() -> dict[str, Any]:
    """Hand-made: every rule of the format page can be broken in it.

    h1 (ko, max 1 meeting), h2 (ko, en), v1 (ru, fixed table t1), v2 (en, late).
    i1 interprets ko<->ru in s1-s2, i2 ko<->en in s3.
    """
    return {
        "format": "forumapp.b2b-problem/1",
        "name": "small",
        "slots": [slot(1), slot(2), slot(3)],
        "tables": [{"id": "t1"}, {"id": "t2"}, {"id": "t3"}],
        "participants": [
            {"id": "h1", "name": "H1", "languages": ["ko"], "available": ["s1", "s2", "s3"],
             "max_meetings": 1},
            {"id": "h2", "name": "H2", "languages": ["ko", "en"], "available": ["s1", "s2", "s3"]},
            {"id": "v1", "name": "V1", "languages": ["ru"], "available": ["s1", "s2", "s3"],
             "table": "t1"},
            {"id": "v2", "name": "V2", "languages": ["en"], "available": ["s2", "s3"]},
        ],
        "interpreters": [
            {"id": "i1", "languages": ["ko", "ru"], "available": ["s1", "s2"]},
            {"id": "i2", "languages": ["ko", "en"], "available": ["s3"]},
        ],
        "requests": [
            {"id": "r1", "a": "h1", "b": "v1", "priority": 3},
            {"id": "r2", "a": "h2", "b": "v2"},
            {"id": "r3", "a": "h2", "b": "v1", "priority": 2},
            {"id": "r4", "a": "v2", "b": "h1"},
        ],
    }  # fmt: skip


def small_schedule() -> dict[str, Any]:
    """A feasible (and optimal: value 6) schedule of small_problem()."""
    return {
        "format": "forumapp.b2b-schedule/1",
        "meetings": [
            {"request": "r1", "slot": "s1", "table": "t1", "interpreter": "i1"},
            {"request": "r2", "slot": "s3", "table": "t2", "interpreter": None},
            {"request": "r3", "slot": "s2", "table": "t1", "interpreter": "i1"},
        ],
        "unscheduled": ["r4"],
        "value": 6,
    }


def random_problem(seed: int, participants: int, requests: int, slots: int, tables: int,
                   interpreters: int) -> dict[str, Any]:  # fmt: skip
    """A random, not necessarily realistic problem: any pairs, shared fixed tables."""
    rng = random.Random(seed)
    langs = ["ko", "ru", "kk", "en"]
    slot_ids = [f"s{i}" for i in range(1, slots + 1)]

    def available() -> list[str]:
        return [s for s in slot_ids if rng.random() < 0.8]

    parts = []
    for i in range(participants):
        p: dict[str, Any] = {"id": f"p{i}", "name": f"P{i}", "available": available(),
                             "languages": rng.sample(langs, rng.choice((1, 1, 2)))}  # fmt: skip
        if rng.random() < 0.3:
            p["max_meetings"] = rng.randint(0, 5)
        if rng.random() < 0.2:
            p["table"] = f"t{rng.randint(1, max(1, tables // 2))}"
        parts.append(p)
    reqs = []
    for j in range(requests):
        a, b = rng.sample(range(participants), 2)
        reqs.append({"id": f"r{j}", "a": f"p{a}", "b": f"p{b}", "priority": rng.randint(1, 3)})
    return {
        "format": "forumapp.b2b-problem/1",
        "slots": [slot(i) for i in range(1, slots + 1)],
        "tables": [{"id": f"t{i}"} for i in range(1, tables + 1)],
        "participants": parts,
        "interpreters": [
            {"id": f"i{k}", "languages": rng.sample(langs, 2), "available": available()}
            for k in range(interpreters)
        ],
        "requests": reqs,
    }


def with_change(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy with one value replaced (or deleted when value is DELETE).

    `path` is like "requests.3.b".
    """
    data = copy.deepcopy(data)
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    key: Any = int(last) if isinstance(node, list) else last
    if value is DELETE:
        del node[key]
    else:
        node[key] = value
    return data


DELETE = object()


# --- brute force ------------------------------------------------------------------------


def brute_force(data: dict[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    """The optimum value and one optimal list of meetings, by exhaustive search.

    Tries every request -> slot-or-nothing map, then searches concrete tables and
    interpreters slot by slot. Only for tiny problems: (slots + 1) ** requests.
    """
    parts = {p["id"]: p for p in data["participants"]}
    slot_ids = [s["id"] for s in data["slots"]]
    requests = data["requests"]
    best: tuple[int, list[dict[str, Any]]] = (0, [])
    for choice in product([None, *slot_ids], repeat=len(requests)):
        value = sum(r.get("priority", 1) for r, s in zip(requests, choice, strict=True) if s)
        if value <= best[0]:
            continue
        meetings = _realise(data, parts, requests, choice)
        if meetings is not None:
            best = (value, meetings)
    return best


def _realise(data, parts, requests, choice) -> list[dict[str, Any]] | None:
    count: dict[str, int] = {}
    meetings: list[dict[str, Any]] = []
    for slot_id in {s for s in choice if s}:
        here = [r for r, s in zip(requests, choice, strict=True) if s == slot_id]
        people = [p for r in here for p in (r["a"], r["b"])]
        if len(people) != len(set(people)):
            return None
        if any(slot_id not in parts[p]["available"] for p in people):
            return None
        for p in people:
            count[p] = count.get(p, 0) + 1
            if count[p] > parts[p].get("max_meetings", 10**9):
                return None
        placed = _place(data, parts, here, slot_id, 0, set(), set())
        if placed is None:
            return None
        meetings += placed
    return meetings


def _place(data, parts, here, slot_id, i, tables, interps) -> list[dict[str, Any]] | None:
    if i == len(here):
        return []
    r = here[i]
    a, b = parts[r["a"]], parts[r["b"]]
    fixed = {p["table"] for p in data["participants"] if "table" in p}
    own = a.get("table") or b.get("table")
    table_options = [own] if own else [t["id"] for t in data["tables"] if t["id"] not in fixed]
    if set(a["languages"]) & set(b["languages"]):
        interp_options: list[str | None] = [None]
    else:
        interp_options = [
            it["id"]
            for it in data["interpreters"]
            if slot_id in it["available"]
            and set(it["languages"]) & set(a["languages"])
            and set(it["languages"]) & set(b["languages"])
        ]
    for table in table_options:
        if table in tables:
            continue
        for interp in interp_options:
            if interp is not None and interp in interps:
                continue
            rest = _place(data, parts, here, slot_id, i + 1, tables | {table},
                          interps | ({interp} - {None}))  # fmt: skip
            if rest is not None:
                meeting = {"request": r["id"], "slot": slot_id, "table": table,
                           "interpreter": interp}  # fmt: skip
                return [meeting, *rest]
    return None
