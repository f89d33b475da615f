"""Generate realistic B2B matchmaking problems (forumapp.b2b-problem/1), seeded and deterministic.

Shape of a real session: Korean local companies meet visiting companies from
Russia and Kazakhstan. Requests follow shared sectors, and a few popular visitors
attract many of them. Locals speak Korean (some English), visitors Russian and/or
Kazakh (some English), so ko<->ru/kk pairs without English need an interpreter.
Some companies arrive late, leave early or step out for a while; interpreters
take breaks; popular visitors get a fixed table; priorities are 1-3.

    python bench/b2b_generate.py --locals 300 --visiting 100 --requests 3000 \
        --slots 16 --tables 60 --interpreters 15 --seed 1 -o problem.json
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

SECTORS = (
    "energy", "agriculture", "logistics", "it", "medical", "construction", "textiles",
    "mining", "tourism", "education", "finance", "automotive", "food", "chemicals",
)  # fmt: skip
MEETING = timedelta(minutes=20)
BREAK = timedelta(minutes=5)
ALMATY = timezone(timedelta(hours=5))


def generate(
    n_local: int,
    n_visiting: int,
    n_requests: int,
    n_slots: int,
    n_tables: int,
    n_interpreters: int,
    seed: int = 1,
    n_fixed: int | None = None,
) -> dict[str, Any]:
    rng = random.Random(seed)
    if n_fixed is None:
        n_fixed = min(n_visiting, n_tables // 2)
    slots = _slots(n_slots)
    slot_ids = [s["id"] for s in slots]

    # Sector popularity is skewed: a few sectors dominate a forum.
    sector_weight = [1 / (i + 1) ** 0.7 for i in range(len(SECTORS))]

    def sectors() -> list[str]:
        # Sorted, not a set: set order of strings changes between runs (hash seed).
        return sorted(set(rng.choices(SECTORS, sector_weight, k=rng.choice((1, 1, 2, 2, 3)))))

    local_sectors = [sectors() for _ in range(n_local)]
    visitor_sectors = [sectors() for _ in range(n_visiting)]
    # Popularity: lognormal, so some visitors are in heavy demand.
    visitor_pop = [rng.lognormvariate(0, 0.8) for _ in range(n_visiting)]
    local_pop = [rng.lognormvariate(0, 0.5) for _ in range(n_local)]
    popular_first = sorted(range(n_visiting), key=lambda v: -visitor_pop[v])
    fixed_table = {v: f"t{i + 1}" for i, v in enumerate(popular_first[:n_fixed])}

    participants = []
    for i in range(n_local):
        p: dict[str, Any] = {
            "id": f"h{i + 1}",
            "name": f"Local company {i + 1} ({', '.join(local_sectors[i])})",
            "languages": ["ko", "en"] if rng.random() < 0.35 else ["ko"],
            "available": _availability(rng, slot_ids),
        }
        if rng.random() < 0.15:
            p["max_meetings"] = rng.randint(3, max(3, n_slots // 2))
        participants.append(p)
    for v in range(n_visiting):
        p = {
            "id": f"v{v + 1}",
            "name": f"Visiting company {v + 1} ({', '.join(visitor_sectors[v])})",
            "languages": _visitor_languages(rng),
            "available": _availability(rng, slot_ids),
        }
        if v in fixed_table:
            p["table"] = fixed_table[v]
        participants.append(p)

    requests = _requests(rng, n_requests, local_sectors, visitor_sectors, local_pop, visitor_pop)
    return {
        "format": "forumapp.b2b-problem/1",
        "name": f"generated: {n_local} local x {n_visiting} visiting, seed {seed}",
        "slots": slots,
        "tables": [{"id": f"t{i + 1}"} for i in range(n_tables)],
        "participants": participants,
        "interpreters": [_interpreter(rng, i, slot_ids) for i in range(n_interpreters)],
        "requests": requests,
    }


def _slots(n: int) -> list[dict[str, str]]:
    start = datetime(2024, 9, 12, 9, 0, tzinfo=ALMATY)
    out = []
    for i in range(n):
        if i and i % 8 == 0:
            start += timedelta(minutes=60)  # lunch / coffee break every 8 meetings
        out.append(
            {"id": f"s{i + 1}", "start": start.isoformat(), "end": (start + MEETING).isoformat()}
        )
        start += MEETING + BREAK
    return out


def _availability(rng: random.Random, slot_ids: list[str]) -> list[str]:
    n = len(slot_ids)
    roll = rng.random()
    if roll < 0.12:  # arrives late
        return slot_ids[rng.randint(1, n // 3) :]
    if roll < 0.22:  # leaves early
        return slot_ids[: n - rng.randint(1, n // 3)]
    if roll < 0.35:  # steps out for a while
        gap = rng.randint(1, max(1, n // 4))
        at = rng.randint(0, n - gap)
        return slot_ids[:at] + slot_ids[at + gap :]
    return list(slot_ids)


def _visitor_languages(rng: random.Random) -> list[str]:
    roll = rng.random()
    if roll < 0.45:
        langs = ["ru"]  # Russia
    elif roll < 0.75:
        langs = ["kk", "ru"]  # Kazakhstan, bilingual
    elif roll < 0.90:
        langs = ["kk"]
    else:
        langs = ["ru", "kk"]
    if rng.random() < 0.25:
        langs.append("en")
    return sorted(set(langs))


def _interpreter(rng: random.Random, i: int, slot_ids: list[str]) -> dict[str, Any]:
    roll = rng.random()
    langs = ["ko", "ru"] if roll < 0.55 else ["ko", "kk"] if roll < 0.8 else ["kk", "ko", "ru"]
    if rng.random() < 0.3:
        langs.append("en")
    available = list(slot_ids)
    if rng.random() < 0.5:  # a break of one or two slots
        at = rng.randrange(len(slot_ids))
        del available[at : at + rng.randint(1, 2)]
    return {"id": f"i{i + 1}", "name": f"Interpreter {i + 1}", "languages": sorted(set(langs)),
            "available": available}  # fmt: skip


def _requests(
    rng: random.Random,
    n_requests: int,
    local_sectors: list[list[str]],
    visitor_sectors: list[list[str]],
    local_pop: list[float],
    visitor_pop: list[float],
) -> list[dict[str, Any]]:
    by_sector: dict[str, list[int]] = {s: [] for s in SECTORS}
    for h, secs in enumerate(local_sectors):
        for s in secs:
            by_sector[s].append(h)
    visitors = range(len(visitor_sectors))
    pairs: set[tuple[int, int]] = set()
    out = []
    limit = min(n_requests, len(local_sectors) * len(visitor_sectors))
    while len(out) < limit:
        v = rng.choices(visitors, visitor_pop)[0]
        # Mostly a local from a shared sector; sometimes anyone (curiosity, supply chains).
        shared = [h for s in visitor_sectors[v] for h in by_sector[s]]
        pool = shared if shared and rng.random() < 0.85 else range(len(local_sectors))
        h = rng.choices(pool, [local_pop[h] for h in pool])[0]
        if (h, v) in pairs:
            continue
        pairs.add((h, v))
        a, b = (f"h{h + 1}", f"v{v + 1}") if rng.random() < 0.5 else (f"v{v + 1}", f"h{h + 1}")
        request: dict[str, Any] = {"id": f"r{len(out) + 1}", "a": a, "b": b}
        priority = rng.choices((1, 2, 3), (55, 30, 15))[0]
        if priority > 1:
            request["priority"] = priority
        out.append(request)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--locals", type=int, default=30)
    parser.add_argument("--visiting", type=int, default=8)
    parser.add_argument("--requests", type=int, default=120)
    parser.add_argument("--slots", type=int, default=6)
    parser.add_argument("--tables", type=int, default=10)
    parser.add_argument("--interpreters", type=int, default=3)
    parser.add_argument("--fixed", type=int, default=None, help="visitors with a fixed table")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    problem = generate(args.locals, args.visiting, args.requests, args.slots, args.tables,
                       args.interpreters, args.seed, args.fixed)  # fmt: skip
    args.output.write_text(json.dumps(problem, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
