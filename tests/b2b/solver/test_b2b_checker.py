"""The checker finds every rule of the format page broken, in hand-made and solver output."""

from __future__ import annotations

import copy

import pytest

from forumapp.b2b.solver import (
    check_schedule,
    problem_from_dict,
    schedule_from_dict,
    solve,
)
from tests.b2b.solver.builders import example_dict, small_problem, small_schedule


def violations(schedule_dict, problem_dict=None):
    problem = problem_from_dict(problem_dict or small_problem())
    return check_schedule(problem, schedule_from_dict(schedule_dict))


def changed(meeting_index: int, **fields):
    schedule = small_schedule()
    schedule["meetings"][meeting_index].update(fields)
    return schedule


def test_the_hand_made_schedule_is_feasible():
    assert violations(small_schedule()) == []


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        # Rule 1: every request exactly once.
        ({**small_schedule(), "unscheduled": []},
         "request 'r4': neither in meetings nor in unscheduled"),
        ({**small_schedule(), "unscheduled": ["r4", "r1"]},
         "request 'r1': appears 2 times in meetings/unscheduled"),
        ({**small_schedule(), "unscheduled": ["r4", "r9"]}, "unscheduled[1]: unknown request 'r9'"),
        # Rule 2: both participants available.
        (changed(1, slot="s1"), "meetings[1] (r2): participant 'v2' is not available in slot 's1'"),
        # Rule 3: nobody and nothing twice in a slot.
        (changed(2, slot="s1"), "participant 'v1' has 2 meetings in slot 's1'"),
        (changed(2, slot="s1"), "table 't1' has 2 meetings in slot 's1'"),
        (changed(2, slot="s1"), "interpreter 'i1' has 2 meetings in slot 's1'"),
        # Rule 4: max_meetings (h1 has 1).
        ({**small_schedule(), "unscheduled": [], "meetings": [
            *small_schedule()["meetings"],
            {"request": "r4", "slot": "s2", "table": "t3", "interpreter": "i2"}]},
         "participant 'h1' has 2 meetings, more than max_meetings 1"),
        # Rule 5: fixed tables.
        (changed(0, table="t2"),
         "meetings[0] (r1): held at table 't2', but b's fixed table is 't1'"),
        (changed(1, table="t1"), "meetings[1] (r2): table 't1' is reserved for 'v1'"),
        # Rule 6: interpreters.
        (changed(0, interpreter=None),
         "meetings[0] (r1): 'h1' and 'v1' share no language, no interpreter"),
        (changed(0, interpreter="i2"),
         "meetings[0] (r1): interpreter 'i2' does not speak a language of each side"),
        (changed(0, interpreter="i2"),
         "meetings[0] (r1): interpreter 'i2' is not available in slot 's1'"),
        # Unknown ids and a wrong value.
        (changed(0, slot="s9"), "meetings[0] (r1): unknown slot 's9'"),
        (changed(0, table="t9"), "meetings[0] (r1): unknown table 't9'"),
        (changed(0, interpreter="i9"), "meetings[0] (r1): unknown interpreter 'i9'"),
        (changed(0, request="r9"), "meetings[0].request: unknown request 'r9'"),
        ({**small_schedule(), "value": 7}, "value: 7, but the meetings' priorities sum to 6"),
        ({**small_schedule(), "upper_bound": 5}, "upper_bound: 5 is below value 6"),
    ],
)  # fmt: skip
def test_each_rule(schedule, expected):
    found = violations(schedule)
    assert any(v.startswith(expected) for v in found), found


def test_an_interpreter_on_a_meeting_that_needs_none_is_allowed():
    assert violations(changed(1, interpreter="i2")) == []


@pytest.fixture(scope="module")
def example_solution():
    data = example_dict()
    schedule = solve(problem_from_dict(data), time_limit=5).to_dict()
    return data, schedule


def meeting_where(data, schedule, predicate):
    problem = problem_from_dict(data)
    for i, m in enumerate(schedule["meetings"]):
        if predicate(problem, problem.request[m["request"]], m):
            return i, m
    raise AssertionError("no such meeting in the solver output")


def test_solver_output_is_feasible(example_solution):
    data, schedule = example_solution
    assert violations(schedule, data) == []


def test_each_rule_broken_in_solver_output(example_solution):
    """Mutate the solver's schedule rule by rule; the checker sees every breach."""
    data, schedule = example_solution
    problem = problem_from_dict(data)

    def broken(index, **fields):
        s = copy.deepcopy(schedule)
        s["meetings"][index].update(fields)
        return violations(s, data)

    dropped = copy.deepcopy(schedule)
    lost = dropped["meetings"].pop()
    assert f"request {lost['request']!r}: neither in meetings nor in unscheduled" in violations(
        dropped, data
    )

    # Rule 2: v2 is only available in s5 and s6.
    i, _ = meeting_where(data, schedule, lambda p, r, m: "v2" in (r.a, r.b))
    assert any("'v2' is not available in slot 's1'" in v for v in broken(i, slot="s1"))

    # Rule 3: two meetings of one participant into the same slot and table.
    i, first = meeting_where(data, schedule, lambda p, r, m: r.a == "v1" or r.b == "v1")
    j, _ = meeting_where(data, schedule, lambda p, r, m: m is not first and "v1" in (r.a, r.b))
    found = broken(j, slot=first["slot"])
    assert any(v.startswith("participant 'v1' has 2 meetings") for v in found), found
    assert any(v.startswith("table 't8' has 2 meetings") for v in found), found

    # Rule 4: h10 may have 3 meetings (of 6 requests); schedule them all.
    extra = copy.deepcopy(schedule)
    h10 = [r.id for r in problem.requests if "h10" in (r.a, r.b)]
    for rid in h10:
        if rid in extra["unscheduled"]:
            extra["unscheduled"].remove(rid)
            extra["meetings"].append({"request": rid, "slot": "s1", "table": "t1"})
    assert any("more than max_meetings 3" in v for v in violations(extra, data))

    # Rule 5: a visitor's meeting away from its table, and a free meeting on a fixed one.
    i, _ = meeting_where(data, schedule, lambda p, r, m: p.meeting_table(r) == "t8")
    assert any("fixed table is 't8'" in v for v in broken(i, table="t1"))
    i, _ = meeting_where(data, schedule, lambda p, r, m: p.meeting_table(r) is None)
    assert any("table 't8' is reserved for 'v1'" in v for v in broken(i, table="t8"))

    # Rule 6: a meeting that needs an interpreter loses it, or gets an unqualified one.
    i, _ = meeting_where(data, schedule, lambda p, r, m: m["interpreter"] is not None)
    assert any("share no language, no interpreter" in v for v in broken(i, interpreter=None))

    def ru_not_uz(p, r, m):  # interpreted by i1/i2 (ko<->ru); i3 (ko<->uz) cannot do it
        langs = set(p.participant[r.a].languages) | set(p.participant[r.b].languages)
        return m["interpreter"] in ("i1", "i2") and "uz" not in langs

    i, _ = meeting_where(data, schedule, ru_not_uz)
    found = broken(i, interpreter="i3")
    assert any("interpreter 'i3' does not speak a language of each side" in v for v in found)
