"""Turn a request -> slot assignment into concrete meetings (tables and interpreters).

The optimisers only decide slots, respecting per-slot capacities (free tables,
fixed tables, interpreter matchings). Any assignment that respects them can be
realised here: fixed tables are given, free tables are interchangeable, and an
interpreter matching exists by Hall's theorem, found with augmenting paths.
Where a previous schedule is given, its table and interpreter are preferred.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from forumapp.b2b.solver.instance import FREE, NONE, Instance
from forumapp.b2b.solver.problem import Meeting


class RealizeError(RuntimeError):
    """An assignment broke a capacity the optimiser should have respected (a bug)."""


def realize(
    inst: Instance, assignment: Mapping[int, int], previous: Iterable[Meeting] = ()
) -> tuple[list[Meeting], list[str]]:
    """Meetings (locked ones included, in slot then table order) and unscheduled ids."""
    problem = inst.problem
    prev = {m.request: m for m in previous}
    by_slot: dict[int, list[int]] = defaultdict(list)
    for r, s in sorted(assignment.items()):
        by_slot[s].append(r)
    slot_of = {sid: s for s, sid in enumerate(inst.slots)}
    locked_at: dict[int, list[Meeting]] = defaultdict(list)
    for m in inst.locked:
        locked_at[slot_of[m.slot]].append(m)

    meetings = list(inst.locked)
    for s, rs in by_slot.items():
        tables = _tables(inst, s, rs, locked_at[s], prev)
        interps = _interpreters(inst, s, rs, prev)
        meetings += [
            Meeting(inst.requests[r].id, inst.slots[s], tables[r], interps.get(r)) for r in rs
        ]
    table_order = {tid: i for i, tid in enumerate(problem.table_ids)}
    meetings.sort(key=lambda m: (slot_of[m.slot], table_order[m.table]))
    scheduled = {m.request for m in meetings}
    unscheduled = [r.id for r in problem.requests if r.id not in scheduled]
    return meetings, unscheduled


def _tables(
    inst: Instance, s: int, rs: list[int], locked: list[Meeting], prev: Mapping[str, Meeting]
) -> dict[int, str]:
    problem = inst.problem
    taken = {m.table for m in locked}
    out: dict[int, str] = {}
    free_rs = []
    for r in rs:
        if inst.table[r] == FREE:
            free_rs.append(r)
        else:
            out[r] = problem.table_ids[inst.table[r]]
    # Keep a free-table meeting at its previous table when it stays in that slot.
    for r in free_rs:
        p = prev.get(inst.requests[r].id)
        if (
            p is not None
            and p.slot == inst.slots[s]
            and p.table in problem.table_ids
            and p.table not in problem.fixed_tables
            and p.table not in taken
        ):
            out[r] = p.table
            taken.add(p.table)
    pool = (t for t in problem.table_ids if t not in problem.fixed_tables and t not in taken)
    for r in free_rs:
        if r not in out:
            table = next(pool, None)
            if table is None:
                raise RealizeError(f"slot {inst.slots[s]!r}: more meetings than free tables")
            out[r] = table
    return out


def _interpreters(
    inst: Instance, s: int, rs: list[int], prev: Mapping[str, Meeting]
) -> dict[int, str | None]:
    problem = inst.problem
    needing = [r for r in rs if inst.iclass[r] != NONE]
    holder: dict[int, int] = {}  # interpreter index -> request
    index = {it.id: k for k, it in enumerate(problem.interpreters)}
    for r in needing:  # previous interpreter first, where still possible
        p = prev.get(inst.requests[r].id)
        k = index.get(p.interpreter) if p is not None and p.interpreter is not None else None
        if k is not None and k not in holder and k in inst.qualified(r, s):
            holder[k] = r
    matched = set(holder.values())
    for r in needing:
        if r not in matched and not augment(inst, s, r, holder, set()):
            raise RealizeError(
                f"slot {inst.slots[s]!r}: no interpreter left for {inst.requests[r].id!r}"
            )
    return {r: problem.interpreters[k].id for k, r in holder.items()}


def augment(inst: Instance, s: int, r: int, holder: dict[int, int], visited: set[int]) -> bool:
    """Find an interpreter for request r in slot s, moving others along an augmenting path.

    `holder` maps interpreter index -> request; it is changed only on success.
    """
    for k in inst.qualified(r, s):
        if k in visited:
            continue
        visited.add(k)
        other = holder.get(k)
        if other is None or augment(inst, s, other, holder, visited):
            holder[k] = r
            return True
    return False
