"""The meeting placement rule: whether two companies can meet in a slot at a table, with an
interpreter or without, and where they can.

One rule for self-booking (b2b/booking.py searches a placement with :func:`find_placement`)
and for the solver's checker (solver/checker.py checks each meeting with
:func:`placement_faults`). Plain data in, plain data out: no Flask, no database.

A meeting in a slot needs
- both companies free in the slot (available, not already meeting someone);
- a free table: the fixed table of side a, else of side b, else any table that is
  nobody's fixed table;
- a language both companies speak, else an interpreter who speaks a language of each
  side and is free in the slot.

"Free" is the caller's to say (``free(kind, ident)`` for one slot, ``kind`` one of
"participant", "table", "interpreter"): self-booking asks the seats already taken and
the unavailability lists, the checker asks availability only and counts double-booked
seats over the whole schedule itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable
from dataclasses import dataclass

Free = Callable[[str, Hashable], bool]

# What can be wrong with a placement (Fault.rule).
BUSY = "busy"  # a company, the table or the interpreter is not free in the slot
NOT_FIXED_TABLE = "not fixed table"  # held elsewhere than a side's fixed table (ident)
RESERVED_TABLE = "reserved table"  # held at someone else's fixed table
NO_INTERPRETER = "no interpreter"  # no shared language and no interpreter
UNQUALIFIED = "unqualified"  # the interpreter does not speak a language of each side


@dataclass(frozen=True)
class Company:
    """One side of a meeting as the rule sees it."""

    id: Hashable
    languages: frozenset[str]
    table: Hashable | None = None  # the company's fixed table


@dataclass(frozen=True)
class Interpreter:
    id: Hashable
    languages: frozenset[str]


@dataclass(frozen=True)
class Fault:
    rule: str
    kind: str  # "participant", "table" or "interpreter"
    ident: Hashable | None  # whom it concerns (for NOT_FIXED_TABLE: the fixed table)


def meeting_table(a: Company, b: Company) -> Hashable | None:
    """The fixed table a meeting of a and b must be held at, or None for any free table."""
    return a.table if a.table is not None else b.table


def shares_language(a: Company, b: Company) -> bool:
    return bool(a.languages & b.languages)


def interprets(interpreter: Interpreter, a: Company, b: Company) -> bool:
    """Whether the interpreter speaks a language of each side."""
    return bool(interpreter.languages & a.languages) and bool(interpreter.languages & b.languages)


def within_cap(meetings: int, cap: int | None) -> bool:
    """Whether a company with this many meetings keeps to its cap (None: no limit)."""
    return cap is None or meetings <= cap


def company_faults(a: Company, b: Company, free: Free) -> list[Fault]:
    return [Fault(BUSY, "participant", p.id) for p in (a, b) if not free("participant", p.id)]


def table_faults(
    a: Company, b: Company, table: Hashable, fixed_tables: Collection[Hashable], free: Free
) -> list[Fault]:
    fixed = meeting_table(a, b)
    if fixed is not None and table != fixed:
        return [Fault(NOT_FIXED_TABLE, "table", fixed)]
    if fixed is None and table in fixed_tables:
        return [Fault(RESERVED_TABLE, "table", table)]
    if not free("table", table):
        return [Fault(BUSY, "table", table)]
    return []


def interpreter_faults(
    a: Company, b: Company, interpreter: Interpreter | None, free: Free
) -> list[Fault]:
    if interpreter is None:
        return [] if shares_language(a, b) else [Fault(NO_INTERPRETER, "interpreter", None)]
    out = []
    if not free("interpreter", interpreter.id):
        out.append(Fault(BUSY, "interpreter", interpreter.id))
    if not shares_language(a, b) and not interprets(interpreter, a, b):
        out.append(Fault(UNQUALIFIED, "interpreter", interpreter.id))
    return out


def placement_faults(
    a: Company,
    b: Company,
    table: Hashable,
    interpreter: Interpreter | None,
    fixed_tables: Collection[Hashable],
    free: Free,
) -> list[Fault]:
    """Everything that keeps a and b from meeting at the table with the interpreter (or
    none) in the slot that ``free`` speaks of; empty when they can."""
    return (
        company_faults(a, b, free)
        + table_faults(a, b, table, fixed_tables, free)
        + interpreter_faults(a, b, interpreter, free)
    )


def find_placement(
    a: Company,
    b: Company,
    tables: Iterable[Hashable],
    interpreters: Iterable[Interpreter],
    fixed_tables: Collection[Hashable],
    free: Free,
) -> tuple[Hashable, Interpreter | None] | None:
    """The first table (in the given order) and interpreter with which a and b can meet in
    the slot, no interpreter when they share a language; None when there is none.

    The three parts of :func:`placement_faults` are independent, so searching each on its
    own finds exactly the placements without a fault.
    """
    if company_faults(a, b, free):
        return None
    table = next((t for t in tables if not table_faults(a, b, t, fixed_tables, free)), None)
    if table is None:
        return None
    for interpreter in (None, *interpreters):
        if not interpreter_faults(a, b, interpreter, free):
            return table, interpreter
    return None
