"""The optimiser: optimum on the example, brute-force optima, locks, re-runs, time limits."""

from __future__ import annotations

import json

import pytest

from forumapp.b2b.solver import (
    Meeting,
    ProblemError,
    check_schedule,
    fcfs,
    instance,
    problem_from_dict,
    solve,
    solver,
)
from forumapp.b2b.solver.instance import compile_instance
from forumapp.b2b.solver.relaxation import solve_relaxation
from forumapp.b2b.solver.rows import build_rows
from tests.b2b.solver.builders import (
    SCHEDULE_SCHEMA,
    brute_force,
    example_dict,
    random_problem,
    small_problem,
)


@pytest.fixture(scope="module")
def example():
    return problem_from_dict(example_dict())


@pytest.fixture(scope="module")
def example_schedule(example):
    return solve(example, time_limit=5)


def test_example_reaches_the_proven_optimum(example, example_schedule):
    assert example_schedule.value == 73
    assert example_schedule.upper_bound == 73
    assert example_schedule.status == "optimal"
    assert check_schedule(example, example_schedule) == []


def test_output_follows_the_schedule_schema(example_schedule):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEDULE_SCHEMA.read_text(encoding="utf-8"))
    data = json.loads(example_schedule.to_json())
    jsonschema.validate(data, schema)
    assert data["format"] == "forumapp.b2b-schedule/1"
    assert (data["value"], data["upper_bound"]) == (73, 73)
    assert len(data["meetings"]) + len(data["unscheduled"]) == 120


def test_first_come_first_served_is_the_documented_baseline(example):
    baseline = fcfs(example)
    assert baseline.value == 57  # as the format page says
    assert check_schedule(example, baseline) == []


def test_lp_bound_is_the_lp_value_on_the_example(example):
    """The dual check reproduces the LP optimum, i.e. the duals' signs are right."""
    inst = compile_instance(example)
    relaxation = solve_relaxation(inst, build_rows(inst), time_limit=5)
    assert relaxation is not None
    assert relaxation.bound == pytest.approx(relaxation.lp_value, abs=1)


def test_small_problem_optimum(tmp_path):
    problem = problem_from_dict(small_problem())
    schedule = solve(problem, time_limit=2)
    assert (schedule.value, schedule.upper_bound) == (6, 6)
    assert brute_force(small_problem())[0] == 6


@pytest.mark.parametrize("seed", range(8))
def test_value_equals_brute_force_on_tiny_random_problems(seed):
    data = random_problem(seed, participants=5, requests=6, slots=3, tables=2, interpreters=2)
    problem = problem_from_dict(data)
    optimum, _ = brute_force(data)
    schedule = solve(problem, time_limit=2)
    assert check_schedule(problem, schedule) == []
    assert schedule.value == optimum
    assert schedule.upper_bound == optimum


def locked_from_baseline(example, optimal, n=3):
    """Meetings of the FCFS schedule that the optimum holds differently (or not at all)."""
    held = {(m.request, m.slot, m.table, m.interpreter) for m in optimal.meetings}
    other = [m for m in fcfs(example).meetings
             if (m.request, m.slot, m.table, m.interpreter) not in held]  # fmt: skip
    return other[:n]


def test_locked_meetings_are_kept_exactly(example, example_schedule):
    locked = locked_from_baseline(example, example_schedule)
    assert len(locked) == 3
    schedule = solve(example, time_limit=5, locked=locked)
    assert check_schedule(example, schedule) == []
    for m in locked:
        assert m in schedule.meetings
    assert schedule.value <= 73
    assert schedule.value == schedule.upper_bound  # proven optimal under the locks


def test_locked_meeting_with_an_interpreter_that_is_not_needed_holds_him(example):
    rid = next(r.id for r in example.requests if not example.needs_interpreter(r)
               and example.meeting_table(r) is None)  # fmt: skip
    locked = [Meeting(rid, "s1", "t1", "i1")]
    schedule = solve(example, time_limit=5, locked=locked)
    assert locked[0] in schedule.meetings
    assert check_schedule(example, schedule) == []
    assert not [m for m in schedule.meetings if m.slot == "s1" and m.interpreter == "i1"
                and m.request != rid]  # fmt: skip


@pytest.mark.parametrize(
    ("locked", "message"),
    [
        ([Meeting("r999", "s1", "t1")], "locked[0].request: unknown request 'r999'"),
        ([Meeting("r2", "s1", "t1", "i1"), Meeting("r2", "s2", "t1", "i1")],
         "locked[1].request: request 'r2' is locked twice"),
        ([Meeting("r5", "s1", "t1", "i1")],
         "locked[0] (r5): held at table 't1', but a's fixed table is 't8'"),
    ],
)  # fmt: skip
def test_infeasible_locks_are_bad_input(example, locked, message):
    with pytest.raises(ProblemError) as caught:
        solve(example, time_limit=1, locked=locked)
    assert str(caught.value) == message


def moved(before, after):
    slot_before = {m.request: m.slot for m in before.meetings}
    return sum(1 for m in after.meetings if slot_before.get(m.request, m.slot) != m.slot)


def test_rerun_with_previous_schedule_moves_nothing_needlessly(example, example_schedule):
    again = solve(example, time_limit=5, previous=example_schedule)
    assert again.value == 73
    assert set(again.meetings) == set(example_schedule.meetings)


def test_rerun_after_a_change_keeps_value_and_moves_little(example_schedule):
    # h2 can no longer come in the slot of its first meeting.
    data = example_dict()
    request = problem_from_dict(data).request
    first = next(m for m in example_schedule.meetings
                 if "h2" in (request[m.request].a, request[m.request].b))  # fmt: skip
    h2 = next(p for p in data["participants"] if p["id"] == "h2")
    h2["available"].remove(first.slot)
    changed = problem_from_dict(data)
    fresh = solve(changed, time_limit=5)
    rerun = solve(changed, time_limit=5, previous=example_schedule)
    assert check_schedule(changed, rerun) == []
    assert rerun.value == fresh.value == fresh.upper_bound  # never at the cost of value
    assert moved(example_schedule, rerun) <= moved(example_schedule, fresh)
    assert moved(example_schedule, rerun) <= 3


def test_time_limit_gives_a_feasible_schedule_with_a_bound():
    data = random_problem(7, participants=150, requests=1500, slots=10, tables=25, interpreters=6)
    problem = problem_from_dict(data)
    schedule = solve(problem, time_limit=1.0)
    assert check_schedule(problem, schedule) == []
    assert schedule.value <= schedule.upper_bound
    assert schedule.value >= fcfs(problem).value
    assert schedule.seconds < 5


def test_no_requests():
    data = small_problem()
    data["requests"] = []
    schedule = solve(problem_from_dict(data), time_limit=1)
    assert (schedule.value, schedule.upper_bound, schedule.meetings) == (0, 0, ())


@pytest.mark.parametrize("partial_hall", [False, True], ids=["hall-rows", "interpreter-flows"])
def test_cp_sat_stage_alone_finds_the_optimum(monkeypatch, partial_hall):
    """Most problems end at the LP stage; this runs CP-SAT on its own (no LP, empty hint),
    and with the exact interpreter flow model used when Hall rows would be too many."""

    monkeypatch.setattr(solver, "solve_relaxation", lambda *args, **kwargs: None)
    monkeypatch.setattr(solver, "subgradient_relaxation", lambda *args, **kwargs: None)
    monkeypatch.setattr(solver, "best_greedy", lambda inst: {})
    if partial_hall:
        monkeypatch.setattr(instance, "MAX_HALL_SETS", 0)
    for seed in range(30):
        data = random_problem(seed, participants=5, requests=7, slots=3, tables=2, interpreters=3)
        problem = problem_from_dict(data)
        schedule = solve(problem, time_limit=2)
        assert check_schedule(problem, schedule) == []
        assert schedule.value == schedule.upper_bound == brute_force(data)[0], seed


def test_subgradient_fallback_gives_a_valid_bound(monkeypatch):
    """When GLOP gives up, the subgradient bound must still be a true upper bound."""

    monkeypatch.setattr(solver, "solve_relaxation", lambda *args, **kwargs: None)
    for seed in range(10):
        data = random_problem(seed, participants=5, requests=7, slots=3, tables=2, interpreters=3)
        problem = problem_from_dict(data)
        inst = compile_instance(problem)
        relaxation = solver.subgradient_relaxation(inst, build_rows(inst), 0.2, target=0)
        optimum = brute_force(data)[0]
        if relaxation is not None:
            assert relaxation.bound >= optimum, seed
        schedule = solve(problem, time_limit=1)
        assert check_schedule(problem, schedule) == []
        assert schedule.value == optimum <= schedule.upper_bound
