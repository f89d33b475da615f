"""``b2b``: B2B matchmaking schedules from the command line (plain click, no app needed).

    forumapp b2b solve problem.json -o schedule.json --time-limit 30

Bad input ends with exit code 2 and one line on stderr naming the place, e.g.
``Error: problem.json: requests[3].b: unknown participant 'p99'``; the output
file is then left untouched (it is only ever replaced whole, atomically).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import click

from forumapp.b2b.solver import DEFAULT_TIME_LIMIT, ProblemError, parse_problem, solve

BAD_INPUT = 2


def _fail(message: str, code: int = BAD_INPUT) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory and rename it into place,
    so readers never see a half-written schedule and a failure leaves no file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.group("b2b", help="B2B matchmaking: schedule accepted meeting requests.")
def b2b() -> None:
    pass


@b2b.command("solve")
@click.argument("problem_path", metavar="PROBLEM.json", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_path",
    required=True,
    metavar="SCHEDULE.json",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the schedule (forumapp.b2b-schedule/1).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    metavar="SECONDS",
    help="Stop optimising after this long and keep the best schedule found.",
)
def solve_command(problem_path: Path, output_path: Path, time_limit: float) -> None:
    """Schedule the meetings of PROBLEM.json for the highest total priority."""
    try:
        text = problem_path.read_bytes()
    except OSError as exc:
        _fail(f"{problem_path}: {exc.strerror or exc}")
    try:
        problem = parse_problem(text)
    except ProblemError as exc:
        _fail(f"{problem_path}: {exc}")
    if not output_path.parent.is_dir():
        _fail(f"{output_path}: directory {str(output_path.parent)!r} does not exist")

    schedule = solve(problem, time_limit=time_limit)
    try:
        write_atomically(output_path, schedule.to_json())
    except OSError as exc:
        _fail(f"{output_path}: {exc.strerror or exc}", code=1)
    click.echo(
        f"value {schedule.value}, upper bound {schedule.upper_bound}, {schedule.status}, "
        f"{schedule.seconds:.2f} s ({len(schedule.meetings)} meetings, "
        f"{len(schedule.unscheduled)} unscheduled)"
    )
