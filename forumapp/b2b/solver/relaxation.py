"""LP relaxation of the slot model: a proven upper bound and a guide for rounding.

GLOP (OR-Tools' LP solver) solves the relaxation in a second or two even for
10,000 requests, far faster than CP-SAT's own LP closes the gap. The LP value is
not taken on trust: the bound is recomputed from the duals y >= 0 as the
Lagrangian bound

    sum_i cap_i * y_i + sum_r max(0, max_s (priority_r - sum_{rows i with x[r,s]} y_i))

which is a valid upper bound for *any* y >= 0 (each request is held at most once),
so floating-point noise in the LP can only make it weaker, never wrong.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver.python import model_builder_helper as mbh

from forumapp.b2b.solver.instance import Instance
from forumapp.b2b.solver.rows import Rows, Var

# Slack for floating-point error before rounding a bound down to an integer.
_EPS = 1e-6
# Subgradient step: initial Polyak factor, and iterations without progress before halving it.
_THETA = 0.5
_PATIENCE = 100


@dataclass
class Relaxation:
    bound: int  # proven bound on the residual objective (see Instance.weight)
    lp_value: float
    values: dict[Var, float]  # x[r, s] > 0 in the LP optimum


def solve_relaxation(inst: Instance, rows: Rows, time_limit: float) -> Relaxation | None:
    """The LP optimum and its proven bound, or None if GLOP gives up (time limit).

    The objective is `inst.weight`: priority, plus the bonus for keeping a previous
    slot where a previous schedule is given; so is the bound.
    """
    keys = [(r, s) for r, cands in enumerate(inst.candidates) for s in cands]
    index = {key: i for i, key in enumerate(keys)}
    n = len(keys)
    # The helper behind model_builder takes numpy arrays and plain indices, several
    # times faster to fill than pywraplp's object API (~1 million coefficients).
    lp = mbh.ModelBuilderHelper()
    lp.add_var_array_with_bounds(np.zeros(n), np.ones(n), np.zeros(n, dtype=bool), "x")
    lp.set_objective_coefficients(list(range(n)), [float(inst.weight(r, s)) for r, s in keys])
    lp.set_maximize(True)
    add_term = lp.add_term_to_constraint

    def constraint(xs: list[Var], cap: int) -> None:
        ct = lp.add_linear_constraint()
        lp.set_constraint_lower_bound(ct, -math.inf)  # so that all duals are >= 0
        lp.set_constraint_upper_bound(ct, cap)
        for key in xs:
            add_term(ct, index[key], 1.0)

    for row in rows.rows:
        constraint(row.xs, row.cap)
    for r, cands in enumerate(inst.candidates):
        if len(cands) > 1:
            constraint([(r, s) for s in cands], 1)
    solver = mbh.ModelSolverHelper("glop")
    solver.set_time_limit_in_seconds(max(0.05, time_limit))
    solver.solve(lp)
    if solver.status() != mbh.SolveStatus.OPTIMAL:
        return None
    duals = [max(0.0, y) for y in solver.dual_values()[: len(rows.rows)].tolist()]
    x = solver.variable_values().tolist()
    values = {key: v for key, v in zip(keys, x, strict=True) if v > _EPS}
    bound = lagrangian_bound(inst, rows, duals)
    return Relaxation(bound, solver.objective_value(), values)


def lagrangian_bound(inst: Instance, rows: Rows, duals: list[float]) -> int:
    """The bound above for the given non-negative row multipliers, rounded down safely."""
    charged: dict[Var, float] = defaultdict(float)
    total = 0.0
    for row, y in zip(rows.rows, duals, strict=True):
        if y > 0:
            total += row.cap * y
            for key in row.xs:
                charged[key] += y
    for r, cands in enumerate(inst.candidates):
        best = max((inst.weight(r, s) - charged.get((r, s), 0.0) for s in cands), default=0.0)
        total += max(0.0, best)
    return math.floor(total + _EPS)


def subgradient_relaxation(
    inst: Instance, rows: Rows, time_limit: float, target: float
) -> Relaxation | None:
    """The Lagrangian dual above, minimised by subgradient steps for `time_limit` seconds.

    The fallback when the LP is too slow (large, degenerate problems): every
    iterate is a valid bound, so stopping at any time is fine. `values` is the
    average of the subproblem solutions, an approximate LP optimum for rounding.
    `target` is the best objective known (for Polyak's step length).
    """
    deadline = time.perf_counter() + time_limit
    keys = [(r, s) for r, cands in enumerate(inst.candidates) for s in cands]
    if not keys or not rows.rows:
        return None
    index = {key: i for i, key in enumerate(keys)}
    weight = np.array([inst.weight(r, s) for r, s in keys], dtype=float)
    owner = np.array([r for r, _ in keys])
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])  # keys are grouped by r
    inc_row = np.array([i for i, row in enumerate(rows.rows) for _ in row.xs])
    inc_var = np.array([index[key] for row in rows.rows for key in row.xs])
    caps = np.array([row.cap for row in rows.rows], dtype=float)
    n, m = len(keys), len(rows.rows)

    y = np.zeros(m)
    best_y, best = y, math.inf
    average = np.zeros(n)
    theta, stalled, iterations = _THETA, 0, 0
    while time.perf_counter() < deadline:
        reduced = weight - np.bincount(inc_var, weights=y[inc_row], minlength=n)
        per_request = np.maximum.reduceat(reduced, starts)
        value = caps @ y + np.maximum(per_request, 0.0).sum()
        if value < best - 1e-9:
            best, best_y, stalled = value, y, 0
        else:
            stalled += 1
            if stalled >= _PATIENCE:
                theta, stalled = theta / 2, 0
        # The subproblem's solution: each request at its best slot, if that pays.
        chosen = (reduced >= np.repeat(per_request, np.diff(np.r_[starts, n]))) & (reduced > 0)
        first = np.unique(owner[chosen], return_index=True)[1]
        x = np.zeros(n)
        x[np.flatnonzero(chosen)[first]] = 1.0
        average += (x - average) / (iterations + 1)
        iterations += 1
        g = caps - np.bincount(inc_row, weights=x[inc_var], minlength=m)
        norm = g @ g
        if norm == 0 or theta < 1e-4:
            break
        y = np.maximum(0.0, y - theta * max(value - target, 1e-3) / norm * g)
    bound = lagrangian_bound(inst, rows, best_y.tolist())
    values = {key: v for key, v in zip(keys, average.tolist(), strict=True) if v > _EPS}
    return Relaxation(bound, best, values)
