"""The problem and schedule parsers answer any input with a value or a ProblemError."""

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forumapp.b2b.solver import ProblemError
from forumapp.b2b.solver.parse import parse_problem, parse_schedule, problem_from_dict

EXAMPLE = json.loads((Path(__file__).parent / "data" / "b2b-example-problem.json").read_text())

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def parses_or_refuses(call, value) -> None:
    try:
        call(value)
    except ProblemError as exc:
        assert "\n" not in str(exc)  # one line, naming the place


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_any_bytes_or_text(raw):
    parses_or_refuses(parse_problem, raw)
    parses_or_refuses(parse_schedule, raw)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json_value(value):
    parses_or_refuses(problem_from_dict, value)


@settings(max_examples=300, deadline=None)
@given(
    section=st.sampled_from(["slots", "tables", "participants", "interpreters", "requests"]),
    index=st.integers(min_value=0, max_value=5),
    key=st.sampled_from(
        [
            "id",
            "start",
            "end",
            "a",
            "b",
            "available",
            "languages",
            "table",
            "priority",
            "max_meetings",
            "name",
        ]
    ),
    replacement=json_values,
)
def test_one_field_of_a_real_problem_replaced_by_anything(section, index, key, replacement):
    data = json.loads(json.dumps(EXAMPLE))
    items = data.get(section) or []
    if items:
        items[index % len(items)][key] = replacement
    parses_or_refuses(problem_from_dict, data)
