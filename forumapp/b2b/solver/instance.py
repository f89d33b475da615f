"""The problem compiled into integer-indexed arrays for the greedy pass and the solver.

Locked meetings are taken out here: their requests leave the instance and the
resources they hold (participants, tables, interpreters in their slot, and
participants' max_meetings) are taken away from everyone else. What remains is
the *residual* problem the optimisers work on.

Tables are interchangeable except fixed ones, so a request only knows whether it
needs one particular fixed table or "any free table"; concrete free tables and
interpreters are assigned per slot afterwards (`realize`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from forumapp.b2b.solver.checker import check_meetings
from forumapp.b2b.solver.problem import Meeting, Problem, ProblemError, Request

FREE = -1  # table index meaning "any non-fixed table"
NONE = -1  # interpreter class meaning "needs no interpreter"


@dataclass
class Instance:
    problem: Problem
    slots: tuple[str, ...]  # slot ids in time order; index = slot number
    requests: list[Request]  # the open (not locked) requests
    ends: list[tuple[int, int]]  # participant indices of each request
    table: list[int]  # fixed table index per request, or FREE
    iclass: list[int]  # interpreter class per request, or NONE
    candidates: list[tuple[int, ...]]  # slots each request could be held in
    priority: list[int]
    cap: list[int]  # residual max_meetings per participant
    free_tables: list[int]  # residual number of non-fixed tables per slot
    # Interpreters, per slot: the indices of those still free in that slot, and
    # for each class the interpreters (indices into problem.interpreters) qualified for it.
    interp_free: list[frozenset[int]]
    class_interps: list[frozenset[int]]
    locked: tuple[Meeting, ...]
    previous_slot: list[int]  # slot of each request in the previous schedule, or -1
    _qualified: dict[tuple[int, int], tuple[int, ...]] = field(default_factory=dict, repr=False)

    @cached_property
    def keep_weight(self) -> int:
        """Weight of one unit of value against keeping previous slots.

        Keeping every previous slot is worth less than one unit of value, so the
        combined objective is lexicographic: value first, then staying put.
        """
        return 1 + sum(1 for p in self.previous_slot if p >= 0)

    def weight(self, r: int, s: int) -> int:
        """Objective coefficient of holding request r in slot s."""
        keep = 1 if s == self.previous_slot[r] else 0
        return self.priority[r] * self.keep_weight + keep

    def objective(self, assignment: Mapping[int, int]) -> int:
        return sum(self.weight(r, s) for r, s in assignment.items())

    def value(self, assignment: Mapping[int, int]) -> int:
        return sum(self.priority[r] for r in assignment)

    @property
    def locked_value(self) -> int:
        return sum(self.problem.request[m.request].priority for m in self.locked)

    def qualified(self, r: int, s: int) -> tuple[int, ...]:
        """Interpreters who could serve request r in slot s (none if it needs none)."""
        c = self.iclass[r]
        return () if c == NONE else self.qualified_in_slot(c, s)

    def qualified_in_slot(self, c: int, s: int) -> tuple[int, ...]:
        """Interpreters free in slot s who can serve interpreter class c."""
        key = (c, s)
        if key not in self._qualified:
            self._qualified[key] = tuple(sorted(self.class_interps[c] & self.interp_free[s]))
        return self._qualified[key]


def compile_instance(
    problem: Problem,
    locked: Iterable[Meeting] = (),
    previous: Iterable[Meeting] = (),
) -> Instance:
    locked = tuple(locked)
    _check_locked(problem, locked)
    slots = problem.slot_ids
    slot_index = {sid: i for i, sid in enumerate(slots)}
    part_index = {p.id: i for i, p in enumerate(problem.participants)}
    table_index = {tid: i for i, tid in enumerate(problem.table_ids)}
    n_slots = len(slots)

    # Resources held by locked meetings.
    part_busy: set[tuple[int, int]] = set()
    table_busy: set[tuple[int, int]] = set()
    interp_busy: set[tuple[str, int]] = set()
    cap = [n_slots if p.max_meetings is None else p.max_meetings for p in problem.participants]
    free_tables = [len(problem.tables) - len(problem.fixed_tables)] * n_slots
    for m in locked:
        s = slot_index[m.slot]
        request = problem.request[m.request]
        for pid in (request.a, request.b):
            part_busy.add((part_index[pid], s))
            cap[part_index[pid]] -= 1
        table_busy.add((table_index[m.table], s))
        if m.table not in problem.fixed_tables:
            free_tables[s] -= 1
        if m.interpreter is not None:
            interp_busy.add((m.interpreter, s))
    interp_free = [
        frozenset(
            k
            for k, it in enumerate(problem.interpreters)
            if slots[s] in it.available and (it.id, s) not in interp_busy
        )
        for s in range(n_slots)
    ]

    # Interpreter classes: requests qualified for by the same interpreters are alike.
    class_of: dict[frozenset[int], int] = {}
    locked_ids = {m.request for m in locked}
    prev = _previous_slots(problem, previous, slot_index)
    inst = Instance(
        problem, slots, [], [], [], [], [], [], cap, free_tables, interp_free, [], locked, []
    )
    for request in problem.requests:
        if request.id in locked_ids:
            continue
        a, b = problem.participant[request.a], problem.participant[request.b]
        ia, ib = part_index[a.id], part_index[b.id]
        fixed = problem.meeting_table(request)
        t = FREE if fixed is None else table_index[fixed]
        c = NONE
        if problem.needs_interpreter(request):
            qualified = frozenset(
                k for k, it in enumerate(problem.interpreters) if problem.interprets(it, request)
            )
            c = class_of.setdefault(qualified, len(class_of))
            if c == len(inst.class_interps):
                inst.class_interps.append(qualified)
        cands = tuple(
            s
            for s, sid in enumerate(slots)
            if sid in a.available
            and sid in b.available
            and (ia, s) not in part_busy
            and (ib, s) not in part_busy
            and (free_tables[s] > 0 if t == FREE else (t, s) not in table_busy)
            and (c == NONE or inst.class_interps[c] & interp_free[s])
        )
        if min(cap[ia], cap[ib]) <= 0:
            cands = ()
        inst.requests.append(request)
        inst.ends.append((ia, ib))
        inst.table.append(t)
        inst.iclass.append(c)
        inst.candidates.append(cands)
        inst.priority.append(request.priority)
        inst.previous_slot.append(prev.get(request.id, -1))
    return inst


def _check_locked(problem: Problem, locked: tuple[Meeting, ...]) -> None:
    seen: set[str] = set()
    for i, m in enumerate(locked):
        if m.request in seen:
            raise ProblemError(f"locked[{i}].request: request {m.request!r} is locked twice")
        seen.add(m.request)
    violations = check_meetings(problem, locked, where="locked")
    if violations:
        raise ProblemError(violations[0])


def _previous_slots(
    problem: Problem, previous: Iterable[Meeting], slot_index: Mapping[str, int]
) -> dict[str, int]:
    """Slot per request in a previous schedule; entries that no longer fit are ignored
    (the problem may have changed since that schedule was made)."""
    return {
        m.request: slot_index[m.slot]
        for m in previous
        if m.request in problem.request and m.slot in slot_index
    }


MAX_HALL_SETS = 256


def hall_constraints(
    inst: Instance, s: int, classes: list[int]
) -> tuple[list[tuple[list[int], int]], bool]:
    """Hall's condition for the interpreter matching in slot s, as linear constraints.

    For a set N of interpreters, the requests whose qualified interpreters all lie
    in N can hold at most |N| meetings. Only unions of the classes' neighbourhoods
    give non-redundant N. Returns (classes, capacity) pairs and whether the list is
    complete; past MAX_HALL_SETS it is a valid but partial relaxation.
    """
    neighbours = {c: inst.class_interps[c] & inst.interp_free[s] for c in classes}
    basis = set(neighbours.values())
    unions = set(basis)
    frontier = set(basis)
    while frontier and len(unions) <= MAX_HALL_SETS:
        frontier = {u | n for u in frontier for n in basis} - unions
        unions |= frontier
    constraints = [
        ([c for c in classes if neighbours[c] <= u], len(u))
        for u in sorted(unions, key=lambda u: (len(u), sorted(u)))
    ]
    return constraints, not frontier
