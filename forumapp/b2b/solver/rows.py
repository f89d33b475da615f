"""The linear constraints of the slot model, shared by the LP relaxation and CP-SAT.

Variables are x[r, s] (request r held in slot s), listed per request in
`inst.candidates`. Every constraint here has the form "sum of some x <= cap" with
0/1 coefficients, which keeps the LP bound's dual check simple (relaxation.py).
The per-request "at most one slot" rule is not a row: it is kept in the Lagrangian
subproblem of that check, and CP-SAT gets it separately.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from forumapp.b2b.solver.instance import FREE, NONE, Instance, hall_constraints

Var = tuple[int, int]  # (request, slot)


@dataclass
class Row:
    what: str  # for debugging and logs, e.g. "participant 3 in slot 5"
    xs: list[Var]
    cap: int


@dataclass
class Rows:
    rows: list[Row]
    # Slots whose interpreter matching is not fully described by the Hall rows
    # (too many interpreter kinds): CP-SAT adds an exact flow model there.
    partial_hall: dict[int, dict[int, list[Var]]]


@dataclass
class _Groups:
    """The variables grouped by the resource they use."""

    by_part_slot: dict[tuple[int, int], list[Var]] = field(
        default_factory=lambda: defaultdict(list)
    )
    by_part: dict[int, list[Var]] = field(default_factory=lambda: defaultdict(list))
    by_free_slot: dict[int, list[Var]] = field(default_factory=lambda: defaultdict(list))
    by_table_slot: dict[tuple[int, int], list[Var]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # slot -> interpreter class -> variables needing an interpreter of that class
    needing: dict[int, dict[int, list[Var]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )


def _groups(inst: Instance) -> _Groups:
    g = _Groups()
    for r, cands in enumerate(inst.candidates):
        for s in cands:
            for p in inst.ends[r]:
                g.by_part_slot[p, s].append((r, s))
                g.by_part[p].append((r, s))
            if inst.table[r] == FREE:
                g.by_free_slot[s].append((r, s))
            else:
                g.by_table_slot[inst.table[r], s].append((r, s))
            if inst.iclass[r] != NONE:
                g.needing[s][inst.iclass[r]].append((r, s))
    return g


def build_rows(inst: Instance) -> Rows:
    g = _groups(inst)
    rows: list[Row] = []

    def add(what: str, xs: list[Var], cap: int) -> None:
        if len(xs) > cap:  # otherwise the row can never bind
            rows.append(Row(what, xs, cap))

    for (p, s), xs in g.by_part_slot.items():
        add(f"participant {p} in slot {s}", xs, 1)
    for p, xs in g.by_part.items():
        # Without max_meetings the per-slot rows already cap it at the slot count.
        if inst.cap[p] < len({s for _, s in xs}):
            add(f"max_meetings of participant {p}", xs, inst.cap[p])
    for s, xs in g.by_free_slot.items():
        add(f"free tables in slot {s}", xs, inst.free_tables[s])
    for (t, s), xs in g.by_table_slot.items():
        # A table of one participant is covered by that participant's slot row.
        common = set(inst.ends[xs[0][0]]).intersection(*(inst.ends[r] for r, _ in xs))
        if not common:
            add(f"fixed table {t} in slot {s}", xs, 1)

    partial: dict[int, dict[int, list[Var]]] = {}
    for s, classes in g.needing.items():
        total = sum(len(xs) for xs in classes.values())
        if total <= min(len(inst.qualified_in_slot(c, s)) for c in classes):
            continue  # Hall's condition holds whatever is chosen
        constraints, complete = hall_constraints(inst, s, list(classes))
        for cs, cap in constraints:
            xs = [v for c in cs for v in classes[c]]
            add(f"interpreters for classes {cs} in slot {s}", xs, cap)
        if not complete:
            partial[s] = dict(classes)
    return Rows(rows, partial)
