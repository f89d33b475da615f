"""Simultaneous self-bookings: of several companies grabbing the same participant in the
same slot, exactly one wins and the others are told SlotTaken; never a double booking.

Each thread has its own app context, hence its own database session and connection,
like gunicorn workers. Runs on SQLite (WAL + busy timeout) and on PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest

from forumapp.accounts.models import User
from forumapp.b2b import booking as b2b_booking
from forumapp.b2b.models import B2BMeeting, MeetingSeat, MeetingStatus
from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from tests.b2b_factories import company, matchmaking

pytestmark = pytest.mark.usefixtures("outbox_in_tmp")

THREADS = 8


def book_in_thread(app, user_id, matchmaking_id, counterpart_id, slot_id, barrier, results):
    with app.app_context(), app.test_request_context("/"):
        user = db.session.get(User, user_id)
        barrier.wait()
        try:
            meeting = b2b_booking.book(user, matchmaking_id, counterpart_id, slot_id)
            results.append(("booked", meeting.id))
        except b2b_booking.SlotTaken:
            results.append(("taken", None))
        except Exception as exc:  # anything else is a failure the test reports
            results.append(("error", repr(exc)))


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_only_one_of_simultaneous_bookings_of_a_participant_wins(app):
    mm = matchmaking(tables=THREADS)
    popular = company(mm, "popular@x.example", "Popular")
    askers = [company(mm, f"c{i}@x.example", f"Company {i}") for i in range(THREADS)]
    asker_users = [c.user.id for c in askers]
    mm_id, popular_id = mm.id, popular.id
    slot_ids = [s.id for s in mm.slots[:3]]
    db.session.commit()

    for round_number, slot_id in enumerate(slot_ids):
        # Each round, the askers that have not met Popular yet race for one slot.
        contenders = asker_users[round_number:]
        barrier = threading.Barrier(len(contenders))
        results: list[tuple[str, object]] = []
        threads = [
            threading.Thread(
                target=book_in_thread,
                args=(app, uid, mm_id, popular_id, slot_id, barrier, results),
            )
            for uid in contenders
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        outcomes = sorted(kind for kind, _ in results)
        assert outcomes == ["booked"] + ["taken"] * (len(contenders) - 1), results

        db.session.expire_all()
        in_slot = db.session.scalars(
            db.select(B2BMeeting).where(
                B2BMeeting.slot_id == slot_id, B2BMeeting.status != MeetingStatus.CANCELLED
            )
        ).all()
        assert len(in_slot) == 1
        seats = db.session.scalars(
            db.select(MeetingSeat.seat_key).where(MeetingSeat.slot_id == slot_id)
        ).all()
        assert seats.count(f"participant:{popular_id}") == 1
        # Make the winner the first contender's peer so the next round has fresh askers.
        winner = in_slot[0]
        winner_user = next(
            uid
            for uid, c in zip(asker_users, askers, strict=True)
            if c.id in (winner.participant_a_id, winner.participant_b_id)
        )
        asker_users.remove(winner_user)
        asker_users.insert(round_number, winner_user)
        askers.sort(key=lambda c: asker_users.index(c.user.id))

    total = db.session.scalar(
        db.select(db.func.count(B2BMeeting.id)).where(B2BMeeting.matchmaking_id == mm_id)
    )
    assert total == len(slot_ids)


def book_slot_in_thread(app, user_id, matchmaking_id, counterpart_id, slot_id, barrier, results):
    with app.app_context(), app.test_request_context("/"):
        user = db.session.get(User, user_id)
        barrier.wait()
        try:
            b2b_booking.book(user, matchmaking_id, counterpart_id, slot_id)
            results.append("booked")
        except b2b_booking.SlotTaken:
            results.append("taken")
        except ServiceError as exc:
            results.append(exc.message)
        except Exception as exc:  # anything else is a failure the test reports
            results.append(repr(exc))


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_simultaneous_bookings_in_different_slots_respect_the_meeting_cap(app):
    # Five companies book the popular one at the same instant, each in a slot of its
    # own: every seat is free, so only the cap of two can stop the other three.
    mm = matchmaking(tables=5, cap=2)
    popular = company(mm, "popular@x.example", "Popular")
    askers = [company(mm, f"c{i}@x.example", f"Company {i}") for i in range(5)]
    slot_ids = [s.id for s in mm.slots[:5]]
    mm_id, popular_id = mm.id, popular.id
    users = [c.user.id for c in askers]
    db.session.commit()

    barrier = threading.Barrier(len(users))
    results: list[str] = []
    threads = [
        threading.Thread(
            target=book_slot_in_thread,
            args=(app, uid, mm_id, popular_id, slot_id, barrier, results),
        )
        for uid, slot_id in zip(users, slot_ids, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    full = "This company has no more meetings available."
    assert sorted(results) == sorted(["booked"] * 2 + [full] * 3), results
    db.session.expire_all()
    held = db.session.scalar(
        db.select(db.func.count(B2BMeeting.id)).where(
            B2BMeeting.matchmaking_id == mm_id,
            B2BMeeting.status != MeetingStatus.CANCELLED,
            (B2BMeeting.participant_a_id == popular_id)
            | (B2BMeeting.participant_b_id == popular_id),
        )
    )
    assert held == 2
