"""Meeting outcomes and the figures Korean organisers report, by country and by sector."""

from __future__ import annotations

import pytest

from forumapp.b2b import outcomes as b2b_outcomes
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.agenda_rules import OutcomeRecord, outcome_statistics
from forumapp.b2b.models import MeetingStatus
from forumapp.b2b.outcomes import OutcomeData
from forumapp.core.errors import NotFound, ServiceError
from tests.b2b_factories import published_world

pytestmark = pytest.mark.usefixtures("outbox_in_tmp")


def test_statistics_count_held_meetings_once_per_country_and_sector():
    records = [
        OutcomeRecord(
            1, ("KR", "KZ"), ("agri_food", "construction"), True, False, "USD", 100, 50, 20, True
        ),
        OutcomeRecord(2, ("KR",), ("ict", "agri_food"), True, False, "USD", 10, 0, 0, False),
        OutcomeRecord(3, ("KR", "KZ"), ("agri_food",), False, True),
        OutcomeRecord(4, ("KZ", "UZ"), ("energy",), True, False, "KRW", 5000, 0, 0, False),
    ]
    stats = outcome_statistics(records)
    assert stats.total.meetings == 3  # 상담건수
    assert stats.total.no_shows == 1
    assert stats.total.consultation == {"USD": 110, "KRW": 5000}  # 상담액
    assert stats.total.negotiation == {"USD": 50, "KRW": 0}  # 계약추진액
    assert stats.total.contract == {"USD": 20, "KRW": 0}  # 계약체결액
    assert stats.total.mous == 1
    assert stats.currencies == ("KRW", "USD")
    country = {g.key: g for g in stats.by_country}
    assert country["KR"].meetings == 2 and country["KR"].consultation == {"USD": 110}
    assert country["KZ"].meetings == 2 and country["KZ"].no_shows == 1
    assert country["UZ"].meetings == 1
    sector = {g.key: g for g in stats.by_sector}
    assert sector["agri_food"].meetings == 2 and sector["agri_food"].mous == 1
    assert stats.by_country[-1].key == "UZ"  # most meetings first


def test_record_outcome_and_statistics(app, world_meetings):
    world, first, second = world_meetings
    with app.test_request_context("/"):
        b2b_outcomes.record_outcome(
            world.mm.id,
            first.id,
            OutcomeData(MeetingStatus.HELD, "usd", 300_000, 120_000, 50_000, True, "Send samples"),
        )
        b2b_outcomes.record_outcome(world.mm.id, second.id, OutcomeData(MeetingStatus.NO_SHOW))
        stats = b2b_outcomes.statistics(world.mm.id)
    assert first.status == MeetingStatus.HELD
    assert first.outcome.currency == "USD" and first.outcome.follow_up_note == "Send samples"
    assert stats.total.meetings == 1 and stats.total.no_shows == 1
    assert stats.total.consultation == {"USD": 300_000}
    assert stats.total.contract == {"USD": 50_000}
    assert stats.total.mous == 1
    assert {g.key for g in stats.by_country} == {"KR", "KZ"}
    # Recording again updates the same outcome.
    with app.test_request_context("/"):
        b2b_outcomes.record_outcome(
            world.mm.id, first.id, OutcomeData(MeetingStatus.HELD, "USD", 1, 0, 0)
        )
        assert b2b_outcomes.statistics(world.mm.id).total.consultation == {"USD": 1}


@pytest.fixture
def world_meetings(app):
    world = published_world(app)
    meetings = b2b_schedule.meetings_of(world.mm.id)
    return world, meetings[0], meetings[1]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (OutcomeData(MeetingStatus.HELD, "dollars"), "currency"),
        (OutcomeData(MeetingStatus.HELD, "USD", -5), "consultation_amount"),
        (OutcomeData(MeetingStatus.HELD, "USD", 0, 0, 10**16), "contract_amount"),
        (OutcomeData(MeetingStatus.NO_SHOW, "USD", 100), "status"),
        (OutcomeData(MeetingStatus.NO_SHOW, "USD", mou_signed=True), "status"),
        (OutcomeData(MeetingStatus.CANCELLED), "status"),
    ],
)
def test_bad_outcomes_are_refused_beside_the_field(app, world_meetings, data, field):
    world, first, _second = world_meetings
    with app.test_request_context("/"), pytest.raises(ServiceError) as refused:
        b2b_outcomes.record_outcome(world.mm.id, first.id, data)
    assert refused.value.field == field


def test_a_meeting_of_another_session_is_not_found(app, world_meetings):
    world, first, _second = world_meetings
    with app.test_request_context("/"), pytest.raises(NotFound):
        b2b_outcomes.record_outcome(world.mm.id + 1, first.id, OutcomeData(MeetingStatus.HELD))
