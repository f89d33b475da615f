"""The B2B optimiser: maximise the total priority of scheduled meetings.

The decision is only *which slot* each request gets (x[r, s]); tables and
interpreters are interchangeable within their kind, so per-slot capacities
(rows.py) capture them exactly and concrete ones are assigned afterwards
(realize.py). The pipeline, each stage keeping the best schedule so far:

1. greedy passes (greedy.py): a feasible schedule within a second, whatever happens;
2. the LP relaxation (relaxation.py): a proven upper bound, and a fractional
   optimum that is rounded greedily. On realistic problems the LP optimum is
   usually integral already, so this often proves optimality in seconds. If GLOP
   runs out of its share of time, a subgradient method gives an anytime bound;
3. CP-SAT on the full model with the best schedule as its hint, for the
   remaining time, when a gap is left. Its objective bound also counts.

With a previous schedule, keeping a meeting in its old slot is a secondary
objective folded in with a weight that can never outweigh one unit of value
(Instance.weight), so all bounds are in those combined units until the end.
"""

from __future__ import annotations

import logging
import math
import time
from collections import defaultdict
from collections.abc import Iterable

from ortools.sat.python import cp_model

from forumapp.b2b.solver.greedy import best_greedy, guided_assignment
from forumapp.b2b.solver.instance import NONE, Instance, compile_instance
from forumapp.b2b.solver.problem import Meeting, Problem, Schedule, schedule_value
from forumapp.b2b.solver.realize import augment, realize
from forumapp.b2b.solver.relaxation import solve_relaxation, subgradient_relaxation
from forumapp.b2b.solver.rows import Rows, build_rows

DEFAULT_TIME_LIMIT = 10.0
LP_SHARE = 0.4

log = logging.getLogger(__name__)


def solve(
    problem: Problem,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    locked: Iterable[Meeting] = (),
    previous: Schedule | Iterable[Meeting] = (),
    seed: int = 0,
    workers: int = 2,
    log_search: bool = False,
) -> Schedule:
    """The best schedule found within about `time_limit` seconds, with a proven upper bound.

    `locked` meetings are kept exactly (slot, table, interpreter); meetings of a
    `previous` schedule are moved as little as possible without losing value.
    Raises ProblemError if the locked meetings themselves break a rule.
    The greedy start always runs, so a tiny limit still gives a feasible schedule.
    Results are deterministic unless the time limit stops CP-SAT (stage 3) early:
    its two workers share solutions in real time.
    """
    started = time.perf_counter()
    deadline = started + time_limit
    previous = tuple(previous.meetings if isinstance(previous, Schedule) else previous)
    inst = compile_instance(problem, locked, previous)
    rows = build_rows(inst)
    best = best_greedy(inst)
    bound = _simple_bound(inst)
    _trace("greedy", inst, best, bound, started)

    if inst.objective(best) < bound and _left(deadline) > 0:
        # A share of the time at most: on unusual (large, non-bipartite, degenerate)
        # problems GLOP can be slow; the subgradient method is the anytime fallback.
        relaxation = solve_relaxation(inst, rows, LP_SHARE * _left(deadline))
        stage = "lp"
        if relaxation is None and _left(deadline) > 0:
            target = inst.objective(best)
            relaxation = subgradient_relaxation(inst, rows, LP_SHARE * _left(deadline), target)
            stage = "subgradient"
        if relaxation is not None:
            bound = min(bound, relaxation.bound)
            best = max(best, guided_assignment(inst, relaxation.values), key=inst.objective)
            _trace(stage, inst, best, bound, started)

    if inst.objective(best) < bound and _left(deadline) > 0.05:
        model = _CpSatModel(inst, rows, best)
        solution, cp_bound = model.solve(_left(deadline), seed, workers, log_search)
        bound = min(bound, cp_bound)
        if solution is not None and inst.objective(solution) > inst.objective(best):
            best = solution
        _trace("cp-sat", inst, best, bound, started)

    meetings, unscheduled = realize(inst, best, previous)
    value = schedule_value(problem, meetings)
    upper = bound // inst.keep_weight + inst.locked_value
    return Schedule(
        meetings=tuple(meetings),
        unscheduled=tuple(unscheduled),
        value=value,
        upper_bound=upper,
        seconds=time.perf_counter() - started,
        status="optimal" if value >= upper else "feasible",
    )


def _trace(stage: str, inst: Instance, best: dict[int, int], bound: int, started: float) -> None:
    log.debug(
        "%s: objective %d, bound %d, %.2f s",
        stage, inst.objective(best), bound, time.perf_counter() - started,
    )  # fmt: skip


def _left(deadline: float) -> float:
    return deadline - time.perf_counter()


def _simple_bound(inst: Instance) -> int:
    """A trivial but proven bound: every request that has a possible slot, at its best."""
    return sum(
        max((inst.weight(r, s) for s in cands), default=0)
        for r, cands in enumerate(inst.candidates)
    )


class _CpSatModel:
    def __init__(self, inst: Instance, rows: Rows, hint: dict[int, int]) -> None:
        self.inst = inst
        self.model = m = cp_model.CpModel()
        self.x = {
            (r, s): m.new_bool_var(f"x{r}_{s}")
            for r, cands in enumerate(inst.candidates)
            for s in cands
        }
        for r, cands in enumerate(inst.candidates):
            if len(cands) > 1:
                m.add_at_most_one(self.x[r, s] for s in cands)
        for row in rows.rows:
            xs = [self.x[key] for key in row.xs]
            if row.cap == 1:
                m.add_at_most_one(xs)
            else:
                m.add(sum(xs) <= row.cap)
        # slot -> (class, kind) -> flow, only where the Hall rows are incomplete.
        self.flows: dict[int, dict[tuple[int, frozenset[int]], cp_model.IntVar]] = {}
        for s, classes in rows.partial_hall.items():
            self._interpreter_flow(s, classes)
        m.maximize(sum(inst.weight(r, s) * var for (r, s), var in self.x.items()))
        self._hint(hint)

    def _kinds(self, s: int, classes: Iterable[int]) -> dict[int, frozenset[int]]:
        """Free interpreters in slot s -> the set of classes they serve (their kind)."""
        inst = self.inst
        return {
            k: frozenset(c for c in classes if k in inst.class_interps[c])
            for k in inst.interp_free[s]
        }

    def _interpreter_flow(self, s: int, classes: dict[int, list[tuple[int, int]]]) -> None:
        """Exact matching condition: an integer transportation problem class -> kind.

        Interpreters serving the same classes are interchangeable, so counting
        them per kind is exact and far smaller than one variable per interpreter.
        """
        m = self.model
        counts: dict[frozenset[int], int] = defaultdict(int)
        for kind in self._kinds(s, classes).values():
            if kind:
                counts[kind] += 1
        flows = self.flows[s] = {}
        into: dict[frozenset[int], list] = defaultdict(list)
        for c, keys in classes.items():
            outs = []
            for kind, count in counts.items():
                if c in kind:
                    f = flows[c, kind] = m.new_int_var(0, min(count, len(keys)), f"f{s}_{c}")
                    outs.append(f)
                    into[kind].append(f)
            m.add(sum(outs) == sum(self.x[key] for key in keys))
        for kind, fs in into.items():
            m.add(sum(fs) <= counts[kind])

    def _hint(self, hint: dict[int, int]) -> None:
        inst = self.inst
        for (r, s), var in self.x.items():
            self.model.add_hint(var, hint.get(r) == s)
        for s, flows in self.flows.items():
            holder: dict[int, int] = {}
            for r in sorted(r for r, hs in hint.items() if hs == s and inst.iclass[r] != NONE):
                augment(inst, s, r, holder, set())
            kinds = self._kinds(s, {c for c, _ in flows})
            used: dict[tuple[int, frozenset[int]], int] = defaultdict(int)
            for k, r in holder.items():
                used[inst.iclass[r], kinds[k]] += 1
            for key, var in flows.items():
                self.model.add_hint(var, used[key])

    def solve(
        self, time_limit: float, seed: int, workers: int, log_search: bool
    ) -> tuple[dict[int, int] | None, int]:
        """(assignment or None, proven bound on the residual objective)."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.max_time_in_seconds = time_limit
        params.num_workers = workers
        params.random_seed = seed
        params.log_search_progress = log_search
        status = solver.solve(self.model)
        if status == cp_model.OPTIMAL:
            bound = round(solver.objective_value)
        elif status == cp_model.FEASIBLE:
            bound = math.floor(solver.best_objective_bound + 1e-6)
        else:
            return None, _simple_bound(self.inst)
        assignment = {r: s for (r, s), var in self.x.items() if solver.boolean_value(var)}
        return assignment, bound
