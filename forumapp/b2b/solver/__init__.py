"""B2B meeting scheduling: pure Python, no Flask or database.

Formats: /work/shared/formats/b2b-problem.md (problem and schedule JSON).

    problem = parse_problem(path.read_bytes())      # ProblemError on bad input
    schedule = solve(problem, time_limit=10)         # value, upper_bound, status
    assert not check_schedule(problem, schedule)     # feasibility, rule by rule
    path.write_text(schedule.to_json())
"""

from forumapp.b2b.solver.checker import check_meetings, check_schedule
from forumapp.b2b.solver.greedy import fcfs
from forumapp.b2b.solver.parse import (
    meetings_from_list,
    parse_problem,
    parse_schedule,
    problem_from_dict,
    schedule_from_dict,
)
from forumapp.b2b.solver.problem import (
    Interpreter,
    Meeting,
    Participant,
    Problem,
    ProblemError,
    Request,
    Schedule,
    Slot,
    Table,
)
from forumapp.b2b.solver.solver import DEFAULT_TIME_LIMIT, solve

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "Interpreter",
    "Meeting",
    "Participant",
    "Problem",
    "ProblemError",
    "Request",
    "Schedule",
    "Slot",
    "Table",
    "check_meetings",
    "check_schedule",
    "fcfs",
    "meetings_from_list",
    "parse_problem",
    "parse_schedule",
    "problem_from_dict",
    "schedule_from_dict",
    "solve",
]
