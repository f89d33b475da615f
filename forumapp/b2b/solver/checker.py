"""Check a schedule against every feasibility rule of the b2b format page.

Independent of the solver on purpose: it re-derives each rule from the problem,
so the tests can use it as the referee of solver output.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from forumapp.b2b.solver import placement
from forumapp.b2b.solver.placement import (
    BUSY,
    NO_INTERPRETER,
    NOT_FIXED_TABLE,
    RESERVED_TABLE,
    UNQUALIFIED,
    Fault,
)
from forumapp.b2b.solver.problem import (
    Meeting,
    Problem,
    Schedule,
    rule_interpreter,
    schedule_value,
)


def check_schedule(problem: Problem, schedule: Schedule) -> list[str]:
    """All violations of the schedule (empty when feasible), one readable line each."""
    problems = check_meetings(problem, schedule.meetings, where="meetings")
    problems += _check_coverage(problem, schedule)
    if schedule.value is not None:
        actual = schedule_value(
            problem, (m for m in schedule.meetings if m.request in problem.request)
        )
        if schedule.value != actual:
            problems.append(
                f"value: {schedule.value}, but the meetings' priorities sum to {actual}"
            )
        if schedule.upper_bound is not None and schedule.upper_bound < schedule.value:
            problems.append(f"upper_bound: {schedule.upper_bound} is below value {schedule.value}")
    return problems


def _check_coverage(problem: Problem, schedule: Schedule) -> list[str]:
    """Rule 1: every request id appears exactly once, in meetings or in unscheduled."""
    out = []
    seen = Counter(m.request for m in schedule.meetings)
    seen.update(schedule.unscheduled)
    for i, rid in enumerate(schedule.unscheduled):
        if rid not in problem.request:
            out.append(f"unscheduled[{i}]: unknown request {rid!r}")
    for rid, count in seen.items():
        if count > 1 and rid in problem.request:
            out.append(f"request {rid!r}: appears {count} times in meetings/unscheduled")
    out.extend(
        f"request {r.id!r}: neither in meetings nor in unscheduled"
        for r in problem.requests
        if r.id not in seen
    )
    return out


def check_meetings(
    problem: Problem, meetings: Iterable[Meeting], where: str = "meetings"
) -> list[str]:
    """Rules 2-6 for a set of meetings (a whole schedule or just locked meetings)."""
    out: list[str] = []
    # (kind, id, slot) -> places that use it, for rule 3.
    busy: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    count: Counter[str] = Counter()
    slot_ids = set(problem.slot_ids)
    for i, m in enumerate(meetings):
        place = f"{where}[{i}] ({m.request})"
        request = problem.request.get(m.request)
        if request is None:
            out.append(f"{where}[{i}].request: unknown request {m.request!r}")
            continue
        if m.slot not in slot_ids:
            out.append(f"{place}: unknown slot {m.slot!r}")
            continue
        if m.table not in problem.table_ids:
            out.append(f"{place}: unknown table {m.table!r}")
            continue
        if m.interpreter is not None and m.interpreter not in problem.interpreter:
            out.append(f"{place}: unknown interpreter {m.interpreter!r}")
            continue
        for pid in (request.a, request.b):
            busy["participant", pid, m.slot].append(place)
            count[pid] += 1
        busy["table", m.table, m.slot].append(place)
        # Rules 2, 5 and 6: the placement rule; double-booked seats (rule 3) are counted below.
        out += [_describe(problem, m, place, f) for f in _placement_faults(problem, m)]
        if m.interpreter is not None:
            busy["interpreter", m.interpreter, m.slot].append(place)

    for (kind, ident, slot), places in busy.items():  # rule 3
        if len(places) > 1:
            out.append(
                f"{kind} {ident!r} has {len(places)} meetings in slot {slot!r}: {', '.join(places)}"
            )
    for pid, n in count.items():  # rule 4
        cap = problem.participant[pid].max_meetings
        if not placement.within_cap(n, cap):
            out.append(f"participant {pid!r} has {n} meetings, more than max_meetings {cap}")
    return out


def _placement_faults(problem: Problem, m: Meeting) -> list[Fault]:
    """The placement rule for one meeting; "free" here means available in the slot."""
    a, b = problem.sides(problem.request[m.request])

    def free(kind: str, ident) -> bool:
        if kind == "participant":
            return m.slot in problem.participant[ident].available
        if kind == "interpreter":
            return m.slot in problem.interpreter[ident].available
        return True  # a table is always there; rule 3 counts its meetings

    interpreter = None if m.interpreter is None else problem.interpreter[m.interpreter]
    return placement.placement_faults(
        a,
        b,
        m.table,
        None if interpreter is None else rule_interpreter(interpreter),
        problem.fixed_tables,
        free,
    )


def _describe(problem: Problem, m: Meeting, place: str, fault: Fault) -> str:
    request = problem.request[m.request]
    if fault.rule == BUSY:  # a participant or the interpreter (a table is never "busy" here)
        return f"{place}: {fault.kind} {fault.ident!r} is not available in slot {m.slot!r}"
    if fault.rule == NOT_FIXED_TABLE:
        side = "a" if problem.participant[request.a].table is not None else "b"
        return f"{place}: held at table {m.table!r}, but {side}'s fixed table is {fault.ident!r}"
    if fault.rule == RESERVED_TABLE:
        owners = [p.id for p in problem.participants if p.table == m.table]
        return f"{place}: table {m.table!r} is reserved for {', '.join(map(repr, owners))}"
    if fault.rule == NO_INTERPRETER:
        return f"{place}: {request.a!r} and {request.b!r} share no language, no interpreter"
    if fault.rule == UNQUALIFIED:
        return f"{place}: interpreter {m.interpreter!r} does not speak a language of each side"
    return f"{place}: {fault.kind} {fault.ident!r}: {fault.rule}"
