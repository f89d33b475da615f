"""Greedy scheduling: the first-come-first-served baseline and the solver's start hint.

`fcfs` is what a person with a spreadsheet does: take the requests in file order
and give each the earliest slot that still works. `greedy_assignment` is the
same loop with a chosen request order and slot preference; the solver runs it a
few ways and hands the best result to CP-SAT as a hint.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from forumapp.b2b.solver.instance import FREE, NONE, Instance, compile_instance
from forumapp.b2b.solver.problem import Meeting, Problem, Schedule, schedule_value
from forumapp.b2b.solver.realize import augment, realize


class SlotState:
    """Resources in use per slot, for placing requests one at a time."""

    def __init__(self, inst: Instance, *, rematch: bool = True) -> None:
        self.inst = inst
        # rematch=False takes the first free interpreter and never moves one, as a
        # person scheduling by hand would; True finds a matching if there is one.
        self.rematch = rematch
        n_slots = len(inst.slots)
        self.part_busy: set[tuple[int, int]] = set()  # (participant, slot)
        self.table_busy: set[tuple[int, int]] = set()  # (fixed table, slot)
        self.count = [0] * len(inst.cap)  # meetings per participant
        self.free_left = list(inst.free_tables)
        self.holders: list[dict[int, int]] = [{} for _ in range(n_slots)]  # interpreter -> r
        # (slot, interpreter class) that found no augmenting path. Requests are only
        # ever added, so the matching can never grow for that class again.
        self.full: set[tuple[int, int]] = set()
        self.slot_of: dict[int, int] = {}

    def fits(self, r: int, s: int) -> bool:
        """Whether r fits into s, ignoring interpreters (checked by `place`)."""
        inst = self.inst
        a, b = inst.ends[r]
        if (a, s) in self.part_busy or (b, s) in self.part_busy:
            return False
        if self.count[a] >= inst.cap[a] or self.count[b] >= inst.cap[b]:
            return False
        t = inst.table[r]
        return self.free_left[s] > 0 if t == FREE else (t, s) not in self.table_busy

    def place(self, r: int, s: int) -> bool:
        """Put r into s if it fits (interpreters included); report whether it did."""
        if not self.fits(r, s):
            return False
        inst = self.inst
        if inst.iclass[r] != NONE and not self._interpreter(r, s):
            return False
        a, b = inst.ends[r]
        self.part_busy.update(((a, s), (b, s)))
        self.count[a] += 1
        self.count[b] += 1
        if inst.table[r] == FREE:
            self.free_left[s] -= 1
        else:
            self.table_busy.add((inst.table[r], s))
        self.slot_of[r] = s
        return True

    def _interpreter(self, r: int, s: int) -> bool:
        holder = self.holders[s]
        if self.rematch:
            key = (s, self.inst.iclass[r])
            if key in self.full:
                return False
            if augment(self.inst, s, r, holder, set()):
                return True
            self.full.add(key)
            return False
        k = next((k for k in self.inst.qualified(r, s) if k not in holder), None)
        if k is not None:
            holder[k] = r
        return k is not None


SlotOrder = Callable[[SlotState, int], Iterable[int]]


def earliest(state: SlotState, r: int) -> Iterable[int]:
    return state.inst.candidates[r]


def previous_then_earliest(state: SlotState, r: int) -> Iterable[int]:
    prev = state.inst.previous_slot[r]
    cands = state.inst.candidates[r]
    return (prev, *cands) if prev in cands else cands


def emptiest(state: SlotState, r: int) -> Iterable[int]:
    """Slots with the most free tables left first, to keep later choices open."""
    cands = state.inst.candidates[r]
    if state.inst.table[r] != FREE:
        return cands
    return sorted(cands, key=lambda s: -state.free_left[s])


def greedy_assignment(
    inst: Instance,
    order: Sequence[int],
    slot_order: SlotOrder = earliest,
    *,
    rematch: bool = True,
) -> dict[int, int]:
    """Request index -> slot index, placing requests in `order` at the first slot that fits."""
    state = SlotState(inst, rematch=rematch)
    for r in order:
        for s in slot_order(state, r):
            if state.place(r, s):
                break
    return state.slot_of


def best_greedy(inst: Instance) -> dict[int, int]:
    """The best of a few greedy variants: the safety net and first hint of the solver."""
    n = len(inst.requests)
    # Valuable requests first; among equals, the ones with fewer slot choices.
    by_value = sorted(range(n), key=lambda r: (-inst.priority[r], len(inst.candidates[r]), r))
    first = previous_then_earliest if any(p >= 0 for p in inst.previous_slot) else earliest
    variants = [
        greedy_assignment(inst, by_value, first),
        greedy_assignment(inst, by_value, emptiest),
    ]
    return max(variants, key=inst.objective)


def guided_assignment(inst: Instance, lp_values: Mapping[tuple[int, int], float]) -> dict[int, int]:
    """Round an LP optimum: requests the LP holds most firmly first, in the LP's slot.

    Where the LP is integral (often) this reproduces its solution exactly.
    """
    held: dict[int, float] = defaultdict(float)
    for (r, _), v in lp_values.items():
        held[r] += v
    order = sorted(
        range(len(inst.requests)),
        key=lambda r: (-held[r], -inst.priority[r], len(inst.candidates[r]), r),
    )

    def lp_slot_first(state: SlotState, r: int) -> Iterable[int]:
        prev = inst.previous_slot[r]
        return sorted(inst.candidates[r], key=lambda s: (-lp_values.get((r, s), 0.0), s != prev, s))

    return greedy_assignment(inst, order, lp_slot_first)


def fcfs(problem: Problem, locked: Iterable[Meeting] = ()) -> Schedule:
    """First come, first served: file order, earliest feasible slot. The baseline."""
    started = time.perf_counter()
    inst = compile_instance(problem, locked)
    assignment = greedy_assignment(inst, range(len(inst.requests)), earliest, rematch=False)
    meetings, unscheduled = realize(inst, assignment)
    return Schedule(
        meetings=tuple(meetings),
        unscheduled=tuple(unscheduled),
        value=schedule_value(problem, meetings),
        upper_bound=None,
        seconds=time.perf_counter() - started,
        status="feasible",
    )
