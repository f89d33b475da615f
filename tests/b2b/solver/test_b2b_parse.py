"""Reading problem files: the example parses; bad input gives one line naming the place."""

from __future__ import annotations

import json

import pytest

from forumapp.b2b.solver import ProblemError, parse_problem, parse_schedule, problem_from_dict
from tests.b2b.solver.builders import (
    DELETE,
    PROBLEM_SCHEMA,
    example_dict,
    slot,
    small_problem,
    with_change,
)


def test_example_parses():
    problem = problem_from_dict(example_dict())
    assert len(problem.slots) == 6
    assert len(problem.tables) == 10
    assert len(problem.participants) == 38
    assert len(problem.interpreters) == 3
    assert len(problem.requests) == 120
    assert problem.request["r2"].priority == 1  # the default
    assert problem.fixed_tables == {"t2", "t3", "t5", "t8", "t9"}


def test_slots_are_ordered_by_time_not_file_order():
    data = small_problem()
    data["slots"].reverse()
    assert problem_from_dict(data).slot_ids == ("s1", "s2", "s3")


def test_integral_float_priority_is_an_integer_like_in_json_schema():
    problem = problem_from_dict(with_change(small_problem(), "requests.0.priority", 2.0))
    assert problem.request["r1"].priority == 2


BAD = [
    # (change to small_problem(), expected message)
    ("requests.3.b", "p99", "requests[3].b: unknown participant 'p99'"),
    ("requests.0.a", DELETE, "requests[0]: missing field 'a'"),
    ("requests.1.b", "h2", "requests[1].b: participant 'h2' cannot meet itself"),
    ("requests.2.id", "r1", "requests[2].id: duplicate id 'r1' (also requests[0])"),
    ("requests.0.priority", 0, "requests[0].priority: must be at least 1, got 0"),
    ("requests.0.priority", True, "requests[0].priority: expected an integer, got a boolean"),
    ("requests.0.priority", 1.5, "requests[0].priority: expected an integer, got 1.5"),
    ("requests.0.note", "x", "requests[0]: unknown field 'note'"),
    ("participants.1.available.1", "s9", "participants[1].available[1]: unknown slot 's9'"),
    ("participants.2.table", "t7", "participants[2].table: unknown table 't7'"),
    ("participants.3.id", "h1", "participants[3].id: duplicate id 'h1' (also participants[0])"),
    ("participants.0.languages", [], "participants[0].languages: needs at least 1 language(s)"),
    ("participants.0.languages", ["KO"],
     "participants[0].languages[0]: not a two-letter language code: 'KO'"),
    ("participants.0.max_meetings", -1, "participants[0].max_meetings: must be at least 0, got -1"),
    ("participants.0.name", DELETE, "participants[0]: missing field 'name'"),
    ("interpreters.1.id", "i1", "interpreters[1].id: duplicate id 'i1' (also interpreters[0])"),
    ("interpreters.0.languages", ["ko"], "interpreters[0].languages: needs at least 2 language(s)"),
    ("interpreters.0.available.0", "s0", "interpreters[0].available[0]: unknown slot 's0'"),
    ("tables.2.id", "t1", "tables[2].id: duplicate id 't1' (also tables[0])"),
    ("tables.0.id", "", "tables[0].id: must not be empty"),
    ("slots.1.id", "s1", "slots[1].id: duplicate id 's1' (also slots[0])"),
    ("slots.1.start", "2024-09-12T10:10:00+05:00", "slots[1]: overlaps slots[0] ('s1')"),
    ("slots.0.end", "2024-09-12T09:00:00+05:00", "slots[0].end: not after start"),
    ("slots.0.start", "2024-09-12T10:00:00",
     "slots[0].start: not an ISO 8601 date-time with offset: '2024-09-12T10:00:00'"),
    ("slots.0.start", "2024-13-12T10:00:00+05:00", "slots[0].start: month must be in 1..12"),
    ("slots", {}, "slots: expected an array, got an object"),
    ("requests.0", "r1", "requests[0]: expected an object, got a string"),
    ("format", "forumapp.b2b-problem/2",
     "format: expected 'forumapp.b2b-problem/1', got 'forumapp.b2b-problem/2'"),
    ("interpreters", DELETE, "problem: missing field 'interpreters'"),
    ("extra", 1, "problem: unknown field 'extra'"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[b[2] for b in BAD])
def test_bad_input_names_the_place_in_one_line(path, value, message):
    with pytest.raises(ProblemError) as caught:
        problem_from_dict(with_change(small_problem(), path, value))
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[b[2] for b in BAD])
def test_schema_rejections_agree_with_jsonschema(path, value, message):
    """What the schema can say, jsonschema says too (the rest is ours: ids, overlaps)."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(PROBLEM_SCHEMA.read_text(encoding="utf-8"))
    semantic = (
        "unknown participant", "unknown slot", "unknown table", "duplicate id", "overlaps",
        "not after start", "meet itself", "month must be", "with offset",
    )  # fmt: skip
    data = with_change(small_problem(), path, value)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert bool(errors) != any(s in message for s in semantic)


def test_valid_inputs_pass_jsonschema_too():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(PROBLEM_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(small_problem(), schema)
    jsonschema.validate(example_dict(), schema)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b'{"format": ', "invalid JSON at line 1 column 12: Expecting value"),
        ('{"a": 1,\n "b": }', "invalid JSON at line 2 column 7: Expecting value"),
        (b"\xff\xfe{}", "invalid JSON: not UTF-8 (invalid start byte at byte 0)"),
        ('{"x": NaN}', "invalid JSON: NaN is not allowed"),
        ("[]", "problem: expected an object, got an array"),
    ],
)
def test_invalid_json(text, message):
    with pytest.raises(ProblemError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_problem(text)


def test_z_offset_is_accepted():
    data = small_problem()
    data["slots"] = [slot(1) | {"start": "2024-09-12T04:00:00Z", "end": "2024-09-12T04:20:00Z"}]
    for p in data["participants"]:
        p["available"] = ["s1"]
    for i in data["interpreters"]:
        i["available"] = ["s1"]
    assert problem_from_dict(data).slots[0].start.utcoffset().total_seconds() == 0


def test_schedule_round_trip():
    text = json.dumps(
        {"format": "forumapp.b2b-schedule/1", "unscheduled": ["r2"], "value": 3,
         "upper_bound": None, "extra": "allowed by the schema",
         "meetings": [{"request": "r1", "slot": "s1", "table": "t1", "interpreter": None}]}
    )  # fmt: skip
    schedule = parse_schedule(text)
    assert schedule.meetings[0].table == "t1"
    assert schedule.to_dict()["meetings"] == json.loads(text)["meetings"]
    with pytest.raises(ProblemError, match=r"^meetings\[0\]: missing field 'slot'$"):
        parse_schedule(text.replace('"slot": "s1", ', ""))
