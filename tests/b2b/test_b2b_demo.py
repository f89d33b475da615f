"""The demo B2B data loads once, and the demo session schedules every accepted request."""

from __future__ import annotations

import pytest

from forumapp.accounts import operations as accounts
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.models import MatchmakingSession
from forumapp.b2b.solver import problem_from_dict
from forumapp.core.extensions import db
from forumapp.demo import b2b as demo_b2b

pytestmark = pytest.mark.usefixtures("outbox_in_tmp", "in_request")


def test_demo_b2b_loads_once_and_schedules(demo):
    # `forumapp demo` (the fixture) loads the B2B part too, with the organiser's password.
    assert demo.company_password == "kazakh-wind-2023"
    again = demo_b2b.load()
    assert again.loaded == [] and again.company_password is None
    user = accounts.authenticate("company.kz@example.org", "kazakh-wind-2023")
    assert user is not None

    mm = db.session.scalar(db.select(MatchmakingSession))
    problem = problem_from_dict(b2b_schedule.build_problem(mm.id))
    assert len(problem.slots) == 5 and len(problem.requests) == 5
    result = b2b_schedule.run_scheduler(mm.id, time_limit=2)
    assert result["unscheduled"] == []
    assert result["value"] == result["upper_bound"]
