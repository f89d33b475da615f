"""The organiser's flow: the problem built from the database, the stored schedule, locks,
publishing."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.models import MatchmakingMode, MatchmakingStatus, MeetingSeat, RequestPreference
from forumapp.b2b.solver import check_schedule, problem_from_dict, schedule_from_dict
from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from tests.b2b_factories import company, matchmaking, outbox_messages

pytestmark = pytest.mark.usefixtures("outbox_in_tmp", "in_request")
SCHEMAS = Path("/work/shared/formats")


@pytest.fixture
def session_with_requests(app):
    mm = matchmaking(mode=MatchmakingMode.REQUEST_THEN_SCHEDULE, tables=2)
    a = company(mm, "a@x.example", "Alpha", languages=["ko"])
    b = company(mm, "b@x.example", "Beta", "KZ", languages=["ru"])
    c = company(mm, "c@x.example", "Gamma", languages=["ko", "ru"])
    b2b_sessions.add_interpreter(mm.id, "Pak", ["ko", "ru"])
    b2b_sessions.fix_table(mm.tables[1].id, b.id)
    for asker, asked, pref in (
        (a, b, RequestPreference.MUST_MEET),
        (c, b, RequestPreference.MEET),
        (a, c, RequestPreference.MEET),
    ):
        request = b2b_requests.request_meeting(asker.user, mm.id, asked.id, "", pref)
        b2b_requests.accept(asked.user, request.id)
    d = company(mm, "d@x.example", "Delta")
    declined = b2b_requests.request_meeting(d.user, mm.id, a.id)
    b2b_requests.decline(a.user, declined.id)
    return mm, a, b, c


def test_problem_follows_the_format(session_with_requests):
    mm, _a, b, _c = session_with_requests
    problem = b2b_schedule.build_problem(mm.id)
    if (SCHEMAS / "b2b-problem.schema.json").exists():
        schema = json.loads((SCHEMAS / "b2b-problem.schema.json").read_text())
        jsonschema.validate(problem, schema)
    parsed = problem_from_dict(problem)
    assert len(parsed.slots) == 5
    assert len(parsed.requests) == 3  # the declined request is not there
    assert {r.priority for r in parsed.requests} == {1, 3}
    assert parsed.participant[f"p{b.id}"].table == f"t{mm.tables[1].id}"
    assert parsed.slots[0].start.isoformat() == "2026-10-14T17:00:00+05:00"


def test_run_scheduler_stores_a_feasible_draft_and_keeps_locked_meetings(session_with_requests):
    mm, a, b, _c = session_with_requests
    result = b2b_schedule.run_scheduler(mm.id, time_limit=2)
    problem = problem_from_dict(b2b_schedule.build_problem(mm.id))
    assert check_schedule(problem, schedule_from_dict(result)) == []
    assert result["unscheduled"] == []
    assert mm.status == MatchmakingStatus.SCHEDULED
    meetings = b2b_schedule.meetings_of(mm.id)
    assert len(meetings) == 3
    must = next(m for m in meetings if {m.participant_a_id, m.participant_b_id} == {a.id, b.id})
    assert must.interpreter_id is not None  # ko meets ru
    assert must.table_id == mm.tables[1].id  # Beta's fixed table

    # Move the locked meeting by hand to the last slot: a re-run must leave it there.
    b2b_schedule.set_locked(mm.id, must.id, True)
    last = mm.slots[-1]
    must.seats.clear()
    db.session.flush()
    must.slot_id = last.id
    must.seats = [MeetingSeat(slot_id=last.id, seat_key=k) for k in must.seat_keys()]
    db.session.commit()
    again = b2b_schedule.run_scheduler(mm.id, time_limit=2)
    assert again["unscheduled"] == []
    kept = [m for m in b2b_schedule.meetings_of(mm.id) if m.locked]
    assert [(m.id, m.slot_id) for m in kept] == [(must.id, last.id)]


def test_a_schedule_that_moves_a_locked_meeting_is_refused(session_with_requests):
    mm, *_ = session_with_requests
    b2b_schedule.run_scheduler(mm.id, time_limit=2)
    locked = b2b_schedule.meetings_of(mm.id)[0]
    b2b_schedule.set_locked(mm.id, locked.id, True)
    problem = b2b_schedule.build_problem(mm.id)
    everything_unscheduled = {
        "format": "forumapp.b2b-schedule/1",
        "meetings": [],
        "unscheduled": [r["id"] for r in problem["requests"]],
    }
    with pytest.raises(ServiceError):
        b2b_schedule.apply_schedule(mm.id, everything_unscheduled)


def test_a_broken_schedule_is_refused(session_with_requests):
    mm, *_ = session_with_requests
    with pytest.raises(ServiceError):
        b2b_schedule.apply_schedule(mm.id, {"format": "forumapp.b2b-schedule/1", "meetings": []})


def test_agenda_appears_on_publishing_and_everyone_is_mailed(app, session_with_requests):
    mm, a, _b, _c = session_with_requests
    with pytest.raises(ServiceError):
        b2b_schedule.publish(mm.id)  # nothing scheduled yet
    b2b_schedule.run_scheduler(mm.id, time_limit=2)
    _me, meetings, visible = b2b_schedule.agenda(a.user, mm.id)
    assert (meetings, visible) == ([], False)
    assert b2b_schedule.publish(mm.id) == 3
    _me, meetings, visible = b2b_schedule.agenda(a.user, mm.id)
    assert visible
    assert len(meetings) == 2
    agenda_mails = [m for m in outbox_messages(app) if "Your B2B agenda" in m]
    assert len(agenda_mails) == 3
    assert any("To: a@x.example" in m and "Beta" in m for m in agenda_mails)
