"""The placement rule (b2b/solver/placement.py): self-booking and the solver's checker agree.

Self-booking's SessionState.placement is run on a session state written by hand (no
database): what is away and which seats are taken come from a random small problem and a
feasible schedule of some of its requests. Whatever placement booking finds, the checker
accepts; where booking finds none, the checker rejects every table and interpreter.
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forumapp.b2b import booking
from forumapp.b2b.models import seat_key
from forumapp.b2b.solver import Meeting, check_meetings, fcfs, problem_from_dict
from forumapp.b2b.solver import placement as rule
from tests.b2b.solver.builders import slot

LANGUAGES = ("ko", "ru", "en")


@st.composite
def instances(draw):
    """A small problem without caps (booking checks caps apart from placement), a pair of
    companies that wants to meet, and a slot."""
    slot_ids = [f"s{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    table_ids = [f"t{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    available = st.lists(st.sampled_from(slot_ids), unique=True)
    languages = st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True)
    participants = []
    for i in range(draw(st.integers(2, 5))):
        p = {"id": f"p{i}", "name": f"P{i}", "languages": draw(languages),
             "available": draw(available)}  # fmt: skip
        if draw(st.integers(0, 3)) == 0:
            p["table"] = draw(st.sampled_from(table_ids))
        participants.append(p)
    interpreters = [
        {"id": f"i{k}", "available": draw(available),
         "languages": draw(st.lists(st.sampled_from(LANGUAGES), min_size=2, max_size=2,
                                    unique=True))}
        for k in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    ids = [p["id"] for p in participants]
    pair = st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True)
    requests = [{"id": f"r{j}", "a": a, "b": b}
                for j, (a, b) in enumerate(draw(st.lists(pair, max_size=6)))]  # fmt: skip
    a, b = draw(pair)
    requests.append({"id": "new", "a": a, "b": b})
    data = {
        "format": "forumapp.b2b-problem/1",
        "slots": [slot(i) for i in range(1, len(slot_ids) + 1)],
        "tables": [{"id": t} for t in table_ids],
        "participants": participants,
        "interpreters": interpreters,
        "requests": requests,
    }
    return data, draw(st.sampled_from(slot_ids))


def booking_state(problem, meetings) -> booking.SessionState:
    """SessionState as __init__ would read it from the database, for these meetings."""
    state = booking.SessionState.__new__(booking.SessionState)
    state.taken = set()
    for m in meetings:
        request = problem.request[m.request]
        used = [("participant", request.a), ("participant", request.b), ("table", m.table)]
        if m.interpreter is not None:
            used.append(("interpreter", m.interpreter))
        state.taken.update((m.slot, seat_key(kind, ident)) for kind, ident in used)
    state.away = {(p.id, s) for p in problem.participants for s in problem.slot_ids
                  if s not in p.available}  # fmt: skip
    state.interpreter_away = {(i.id, s) for i in problem.interpreters for s in problem.slot_ids
                              if s not in i.available}  # fmt: skip
    state.fixed_table = {p.id: p.table for p in problem.participants if p.table is not None}
    state.table_ids = list(problem.table_ids)
    state.fixed_tables = frozenset(state.fixed_table.values())
    state.rule_interpreters = [
        rule.Interpreter(i.id, frozenset(i.languages)) for i in problem.interpreters
    ]
    return state


def company(problem, pid):
    return SimpleNamespace(
        id=pid, profile=SimpleNamespace(languages=problem.participant[pid].languages)
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_booking_and_checker_agree(instance):
    data, slot_id = instance
    problem = problem_from_dict(data)
    others = problem_from_dict({**data, "requests": data["requests"][:-1]})
    existing = list(fcfs(others).meetings)
    assert check_meetings(problem, existing) == []
    new = problem.request["new"]
    state = booking_state(problem, existing)

    found = state.placement(company(problem, new.a), company(problem, new.b), slot_id)

    def verdict(table, interpreter):
        return check_meetings(problem, [*existing, Meeting("new", slot_id, table, interpreter)])

    if found is not None:
        assert found.slot_id == slot_id
        assert verdict(found.table_id, found.interpreter_id) == []
        # No interpreter is taken when the companies share a language.
        assert (found.interpreter_id is None) == (not problem.needs_interpreter(new))
    else:
        for table in problem.table_ids:
            for interpreter in (None, *problem.interpreter):
                assert verdict(table, interpreter) != [], (table, interpreter)


def _free(*busy):
    return lambda kind, ident: (kind, ident) not in busy


KO = rule.Company("a", frozenset({"ko"}))
KO_EN = rule.Company("b", frozenset({"ko", "en"}))
RU = rule.Company("c", frozenset({"ru"}))
RU_FIXED = rule.Company("d", frozenset({"ru"}), table="t2")
KO_FIXED = rule.Company("e", frozenset({"ko"}), table="t3")
KO_RU = rule.Interpreter("i1", frozenset({"ko", "ru"}))
EN_RU = rule.Interpreter("i2", frozenset({"en", "ru"}))
FIXED = {"t2", "t3"}
TABLES = ["t1", "t2", "t3", "t4"]


@pytest.mark.parametrize(
    ("a", "b", "interpreters", "busy", "expected"),
    [
        (KO, KO_EN, [KO_RU], (), ("t1", None)),  # shared language: no interpreter
        (KO, KO_EN, [], (("table", "t1"),), ("t4", None)),  # next open table
        (KO, KO_EN, [], (("table", "t1"), ("table", "t4")), None),  # fixed ones are not open
        (KO, KO_EN, [], (("participant", "b"),), None),  # a side is busy or away
        (KO, RU, [], (), None),  # no language, no interpreter
        (KO, RU, [EN_RU, KO_RU], (), ("t1", "i1")),  # the one who speaks both
        (KO, RU, [KO_RU], (("interpreter", "i1"),), None),  # ... is busy
        (KO_EN, RU, [KO_RU, EN_RU], (), ("t1", "i1")),  # the first who can
        (KO, RU_FIXED, [KO_RU], (), ("t2", "i1")),  # b's fixed table
        (KO_FIXED, RU_FIXED, [KO_RU], (), ("t3", "i1")),  # a's fixed table before b's
        (KO_FIXED, KO_EN, [], (("table", "t3"),), None),  # fixed table taken: no other
    ],
)
def test_find_placement(a, b, interpreters, busy, expected):
    found = rule.find_placement(a, b, TABLES, interpreters, FIXED, _free(*busy))
    assert (None if found is None else (found[0], found[1] and found[1].id)) == expected
    if found is not None:
        assert rule.placement_faults(a, b, *found, FIXED, _free(*busy)) == []


def test_placement_faults_name_each_broken_part():
    faults = rule.placement_faults(
        KO_FIXED, RU, "t1", EN_RU, FIXED, _free(("participant", "c"), ("interpreter", "i2"))
    )
    assert Counter(f.rule for f in faults) == {
        rule.BUSY: 2,
        rule.NOT_FIXED_TABLE: 1,
        rule.UNQUALIFIED: 1,
    }
    assert rule.placement_faults(KO, KO_EN, "t2", None, FIXED, _free()) == [
        rule.Fault(rule.RESERVED_TABLE, "table", "t2")
    ]
    assert rule.within_cap(3, 3) and rule.within_cap(9, None) and not rule.within_cap(4, 3)
