"""The B2B problem and schedule as dataclasses, and the format page's meeting rules.

Formats: /work/shared/formats/b2b-problem.md and the two JSON schemas beside it.
Reading JSON is in parse.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from forumapp.b2b.solver import placement

PROBLEM_FORMAT = "forumapp.b2b-problem/1"
SCHEDULE_FORMAT = "forumapp.b2b-schedule/1"


class ProblemError(ValueError):
    """Bad problem (or schedule) input; the message is one line naming the place."""


@dataclass(frozen=True)
class Slot:
    id: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Table:
    id: str
    name: str | None = None


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    languages: tuple[str, ...]
    available: frozenset[str]
    max_meetings: int | None = None
    table: str | None = None


@dataclass(frozen=True)
class Interpreter:
    id: str
    languages: tuple[str, ...]
    available: frozenset[str]
    name: str | None = None


@dataclass(frozen=True)
class Request:
    id: str
    a: str
    b: str
    priority: int = 1


@dataclass(frozen=True)
class Problem:
    slots: tuple[Slot, ...]
    tables: tuple[Table, ...]
    participants: tuple[Participant, ...]
    interpreters: tuple[Interpreter, ...]
    requests: tuple[Request, ...]
    name: str | None = None

    @cached_property
    def participant(self) -> dict[str, Participant]:
        return {p.id: p for p in self.participants}

    @cached_property
    def interpreter(self) -> dict[str, Interpreter]:
        return {i.id: i for i in self.interpreters}

    @cached_property
    def request(self) -> dict[str, Request]:
        return {r.id: r for r in self.requests}

    @cached_property
    def slot_ids(self) -> tuple[str, ...]:
        """Slot ids in time order (the file order need not be chronological)."""
        return tuple(s.id for s in sorted(self.slots, key=lambda s: s.start))

    @cached_property
    def table_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.tables)

    @cached_property
    def fixed_tables(self) -> frozenset[str]:
        """Tables reserved for the participant(s) they belong to."""
        return frozenset(p.table for p in self.participants if p.table is not None)

    @cached_property
    def company(self) -> dict[str, placement.Company]:
        """Each participant as the placement rule sees it."""
        return {
            p.id: placement.Company(p.id, frozenset(p.languages), p.table)
            for p in self.participants
        }

    def sides(self, request: Request) -> tuple[placement.Company, placement.Company]:
        return self.company[request.a], self.company[request.b]

    def meeting_table(self, request: Request) -> str | None:
        """The fixed table a request must be held at, or None for any free table."""
        return placement.meeting_table(*self.sides(request))

    def needs_interpreter(self, request: Request) -> bool:
        return not placement.shares_language(*self.sides(request))

    def interprets(self, interpreter: Interpreter, request: Request) -> bool:
        """Whether the interpreter speaks a language of each side of the request."""
        return placement.interprets(rule_interpreter(interpreter), *self.sides(request))


def rule_interpreter(interpreter: Interpreter) -> placement.Interpreter:
    """The interpreter as the placement rule sees it."""
    return placement.Interpreter(interpreter.id, frozenset(interpreter.languages))


@dataclass(frozen=True)
class Meeting:
    request: str
    slot: str
    table: str
    interpreter: str | None = None


@dataclass(frozen=True)
class Schedule:
    meetings: tuple[Meeting, ...]
    unscheduled: tuple[str, ...]
    value: int | None = None
    upper_bound: int | None = None
    seconds: float | None = None
    # "optimal" (value == proven upper bound) or "feasible"; not part of the file format.
    status: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": SCHEDULE_FORMAT,
            "meetings": [
                {
                    "request": m.request,
                    "slot": m.slot,
                    "table": m.table,
                    "interpreter": m.interpreter,
                }
                for m in self.meetings
            ],
            "unscheduled": list(self.unscheduled),
        }
        if self.value is not None:
            data["value"] = self.value
        if self.value is not None or self.upper_bound is not None:
            data["upper_bound"] = self.upper_bound
        if self.seconds is not None:
            data["seconds"] = round(self.seconds, 3)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"


def schedule_value(problem: Problem, meetings: Iterable[Meeting]) -> int:
    return sum(problem.request[m.request].priority for m in meetings)
