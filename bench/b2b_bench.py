"""Benchmark the B2B scheduler on the three target sizes against the FCFS baseline.

    .venv/bin/python bench/b2b_bench.py [--seed 1] [--save bench/results]

Each case runs in a fresh process so that its peak memory (max RSS, including
OR-Tools' native memory) is its own. Targets (from the issue):

    example   30 x 8 firms,      120 requests   optimum 73, proven, < 1 s
    medium   300 x 100 firms,  3,000 requests   >= 99 % of the optimum, <= 10 s
    large  1,000 x 200 firms, 10,000 requests   >= 97 % of its own upper bound, <= 60 s
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "domain" / "b2b" / "data" / "b2b-example-problem.json"

# name, generator arguments (locals, visiting, requests, slots, tables, interpreters), time limit
CASES: list[tuple[str, tuple[int, ...] | None, float]] = [
    ("example", None, 1.0),
    ("medium", (300, 100, 3000, 16, 60, 15), 10.0),
    ("large", (1000, 200, 10000, 24, 120, 30), 60.0),
]


def run_case(name: str, size: tuple[int, ...] | None, limit: float, seed: int,
             save: str | None) -> dict[str, Any]:  # fmt: skip
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    from b2b_generate import generate

    from forumapp.b2b.solver import check_schedule, fcfs, problem_from_dict, solve

    data = json.loads(EXAMPLE.read_text("utf-8")) if size is None else generate(*size, seed=seed)
    if save:
        Path(save).mkdir(parents=True, exist_ok=True)
        Path(save, f"b2b-{name}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    problem = problem_from_dict(data)
    started = time.perf_counter()
    schedule = solve(problem, time_limit=limit)
    seconds = time.perf_counter() - started
    baseline = fcfs(problem)
    violations = check_schedule(problem, schedule)
    return {
        "name": name,
        "size": f"{len(problem.participants)}p {len(problem.requests)}r "
        f"{len(problem.slots)}s {len(problem.tables)}t {len(problem.interpreters)}i",
        "limit": limit,
        "seconds": seconds,
        "value": schedule.value,
        "bound": schedule.upper_bound,
        "status": schedule.status,
        "greedy": baseline.value,
        "feasible": not violations,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="B2B scheduler benchmark")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--save", help="directory to save the generated problems in")
    parser.add_argument("--only", choices=[c[0] for c in CASES], action="append")
    args = parser.parse_args()

    header = (
        f"{'case':8} {'size':28} {'limit':>6} {'seconds':>8} {'value':>6} {'bound':>6} "
        f"{'gap %':>6} {'status':9} {'greedy':>6} {'greedy %':>8} {'feasible':8} {'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))
    context = multiprocessing.get_context("spawn")
    for name, size, limit in CASES:
        if args.only and name not in args.only:
            continue
        with context.Pool(1) as pool:
            r = pool.apply(run_case, (name, size, limit, args.seed, args.save))
        gap = 100 * (r["bound"] - r["value"]) / r["bound"] if r["bound"] else 0.0
        greedy_pct = 100 * r["greedy"] / r["value"] if r["value"] else 100.0
        print(f"{r['name']:8} {r['size']:28} {r['limit']:6.0f} {r['seconds']:8.2f} {r['value']:6d} "
              f"{r['bound']:6d} {gap:6.2f} {r['status']:9} {r['greedy']:6d} {greedy_pct:8.1f} "
              f"{'yes' if r['feasible'] else 'NO':8} {r['peak_mb']:8.0f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
