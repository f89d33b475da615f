"""``b2b solve`` through click's test runner: output, summary, and bad input (exit 2)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from forumapp.b2b.solver import check_schedule, parse_schedule, problem_from_dict
from forumapp.cli.b2b import b2b
from tests.b2b.solver.builders import EXAMPLE, example_dict, small_problem, with_change


@pytest.fixture
def runner():
    return CliRunner()


def test_solve_writes_the_schedule_and_prints_one_summary_line(runner, tmp_path):
    out = tmp_path / "schedule.json"
    result = runner.invoke(b2b, ["solve", str(EXAMPLE), "-o", str(out), "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert re.match(r"^value 73, upper bound 73, optimal, \d+\.\d\d s \(", lines[0]), lines[0]
    schedule = parse_schedule(out.read_text(encoding="utf-8"))
    assert schedule.value == 73
    assert check_schedule(problem_from_dict(example_dict()), schedule) == []
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "invalid JSON at line 1 column 2: Expecting property name enclosed"),
        (json.dumps(with_change(small_problem(), "requests.3.b", "p99")),
         "requests[3].b: unknown participant 'p99'"),
        (json.dumps(with_change(small_problem(), "slots.1.start", "2024-09-12T10:10:00+05:00")),
         "slots[1]: overlaps slots[0] ('s1')"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_one_line_and_writes_nothing(runner, tmp_path, content, message):
    problem = tmp_path / "problem.json"
    problem.write_text(content, encoding="utf-8")
    out = tmp_path / "schedule.json"
    out.write_text("previous contents", encoding="utf-8")
    result = runner.invoke(b2b, ["solve", str(problem), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {problem}: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "previous contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["problem.json", "schedule.json"]


def test_missing_problem_file(runner, tmp_path):
    out = tmp_path / "schedule.json"
    result = runner.invoke(b2b, ["solve", str(tmp_path / "nope.json"), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nope.json'}: No such file or directory\n"
    assert not out.exists()


def test_missing_output_directory(runner, tmp_path):
    out = tmp_path / "missing" / "schedule.json"
    result = runner.invoke(b2b, ["solve", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "does not exist" in result.stderr


def test_time_limit_must_be_positive(runner, tmp_path):
    result = runner.invoke(
        b2b, ["solve", str(EXAMPLE), "-o", str(tmp_path / "s.json"), "--time-limit", "0"]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "s.json").exists()
