"""Hypothesis: on any small problem the solver's schedule is feasible and optimal."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forumapp.b2b.solver import (
    Meeting,
    Schedule,
    check_schedule,
    fcfs,
    problem_from_dict,
    solve,
)
from tests.b2b.solver.builders import brute_force, slot

LANGUAGES = ("ko", "ru", "en")


@st.composite
def small_problems(draw, max_requests: int = 6):
    n_slots = draw(st.integers(1, 3))
    n_tables = draw(st.integers(1, 3))
    slot_ids = [f"s{i}" for i in range(1, n_slots + 1)]
    table_ids = [f"t{i}" for i in range(1, n_tables + 1)]
    available = st.lists(st.sampled_from(slot_ids), unique=True)
    languages = st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True)
    participants = []
    for i in range(draw(st.integers(2, 5))):
        p = {"id": f"p{i}", "name": f"P{i}", "languages": draw(languages),
             "available": draw(available)}  # fmt: skip
        if draw(st.booleans()):
            p["max_meetings"] = draw(st.integers(0, 3))
        if draw(st.integers(0, 3)) == 0:  # fixed tables, sometimes shared
            p["table"] = draw(st.sampled_from(table_ids))
        participants.append(p)
    interpreters = [
        {"id": f"i{k}", "available": draw(available),
         "languages": draw(st.lists(st.sampled_from(LANGUAGES), min_size=2, max_size=2,
                                    unique=True))}
        for k in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    pair = st.lists(st.sampled_from([p["id"] for p in participants]), min_size=2, max_size=2,
                    unique=True)  # fmt: skip
    requests = []
    for j in range(draw(st.integers(0, max_requests))):
        a, b = draw(pair)
        requests.append({"id": f"r{j}", "a": a, "b": b, "priority": draw(st.integers(1, 3))})
    return {
        "format": "forumapp.b2b-problem/1",
        "slots": [slot(i) for i in range(1, n_slots + 1)],
        "tables": [{"id": t} for t in table_ids],
        "participants": participants,
        "interpreters": interpreters,
        "requests": requests,
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_solver_is_feasible_and_optimal(data):
    problem = problem_from_dict(data)
    schedule = solve(problem, time_limit=2)
    assert check_schedule(problem, schedule) == []
    optimum, meetings = brute_force(data)
    assert schedule.value == optimum == schedule.upper_bound
    # The oracle's own schedule passes the checker too (checker and oracle agree).
    oracle = tuple(Meeting(**m) for m in meetings)
    held = {m.request for m in oracle}
    unscheduled = tuple(r.id for r in problem.requests if r.id not in held)
    assert check_schedule(problem, Schedule(oracle, unscheduled)) == []


@settings(max_examples=40, deadline=None)
@given(small_problems(max_requests=10), st.integers(0, 3))
def test_locked_meetings_survive_and_schedule_stays_feasible(data, n_locked):
    problem = problem_from_dict(data)
    locked = fcfs(problem).meetings[:n_locked]
    schedule = solve(problem, time_limit=2, locked=locked)
    assert check_schedule(problem, schedule) == []
    assert set(locked) <= set(schedule.meetings)
    assert schedule.value <= schedule.upper_bound


@settings(max_examples=30, deadline=None)
@given(small_problems(max_requests=10))
def test_baseline_is_feasible_and_never_better(data):
    problem = problem_from_dict(data)
    baseline = fcfs(problem)
    assert check_schedule(problem, baseline) == []
    assert baseline.value <= solve(problem, time_limit=2).value
