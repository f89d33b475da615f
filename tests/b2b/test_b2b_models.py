"""The database itself refuses a double booking, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from forumapp.b2b.models import B2BInterpreter, B2BMeeting, MeetingRequest, MeetingSeat
from forumapp.core.extensions import db
from tests.b2b_factories import company, matchmaking

pytestmark = pytest.mark.usefixtures("outbox_in_tmp", "in_request")


def meeting(mm, a, b, slot, table, interpreter=None) -> B2BMeeting:
    m = B2BMeeting(
        matchmaking_id=mm.id,
        participant_a_id=a.id,
        participant_b_id=b.id,
        slot_id=slot.id,
        table_id=table.id,
        interpreter_id=interpreter.id if interpreter else None,
    )
    m.seats = [MeetingSeat(slot_id=slot.id, seat_key=k) for k in m.seat_keys()]
    db.session.add(m)
    return m


@pytest.fixture
def three(app):
    mm = matchmaking()
    a = company(mm, "a@x.example", "A")
    b = company(mm, "b@x.example", "B")
    c = company(mm, "c@x.example", "C")
    d = company(mm, "d@x.example", "D")
    return mm, a, b, c, d


def test_participant_cannot_hold_two_meetings_in_one_slot(three):
    mm, a, b, c, _d = three
    meeting(mm, a, b, mm.slots[0], mm.tables[0])
    db.session.commit()
    meeting(mm, a, c, mm.slots[0], mm.tables[1])
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(B2BMeeting.id))) == 1


def test_table_cannot_host_two_meetings_in_one_slot(three):
    mm, a, b, c, d = three
    meeting(mm, a, b, mm.slots[0], mm.tables[0])
    db.session.commit()
    meeting(mm, c, d, mm.slots[0], mm.tables[0])
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_interpreter_cannot_serve_two_meetings_in_one_slot(three):
    mm, a, b, c, d = three
    interpreter = B2BInterpreter(matchmaking_id=mm.id, name="Kim", languages=["ko", "ru"])
    db.session.add(interpreter)
    db.session.commit()
    meeting(mm, a, b, mm.slots[0], mm.tables[0], interpreter)
    db.session.commit()
    meeting(mm, c, d, mm.slots[0], mm.tables[1], interpreter)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_same_participant_in_other_slot_is_fine_and_cancelling_frees_seats(three):
    mm, a, b, c, _d = three
    first = meeting(mm, a, b, mm.slots[0], mm.tables[0])
    meeting(mm, a, c, mm.slots[1], mm.tables[0])
    db.session.commit()
    first.seats.clear()  # what cancelling does
    db.session.commit()
    meeting(mm, a, c, mm.slots[0], mm.tables[0])
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(MeetingSeat.meeting_id))) == 6


def test_request_with_itself_is_refused(three):
    mm, a, *_ = three
    db.session.add(
        MeetingRequest(matchmaking_id=mm.id, from_participant_id=a.id, to_participant_id=a.id)
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
