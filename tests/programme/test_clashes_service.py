"""Clash detection over the database: bulk loading, across forums and visits."""

from __future__ import annotations

from datetime import date, timedelta

from forumapp.core.extensions import db
from forumapp.dashboard.board import organiser_dashboard
from forumapp.demo.support import at
from forumapp.programme.clashes import clash_report, itinerary_key, session_key
from forumapp.programme.models import SessionRole, SessionRoleKind
from forumapp.programme.rules.clashes import ClashRule
from forumapp.visits.models import (
    DelegationVisit,
    ItineraryItem,
    ItineraryKind,
    ItineraryParticipant,
)
from tests import factories


def _speak(session, person, role=SessionRoleKind.SPEAKER):
    db.session.add(SessionRole(session=session, person=person, role=role))
    db.session.commit()


def test_a_person_in_a_session_and_a_visit_item_at_once_is_reported(app):
    forum = factories.forum()
    governor = factories.person(latin="Governor Kim")
    talk = factories.session(forum, "2026-10-14 10:00", "2026-10-14 11:00", title="Keynote")
    _speak(talk, governor)
    visit = DelegationVisit(
        slug="v",
        title={"en": "Visit"},
        visiting_country="UZ",
        timezone="Asia/Almaty",
        arrives_at=at("Asia/Almaty", "2026-10-13 09:00"),
        departs_at=at("Asia/Almaty", "2026-10-16 18:00"),
    )
    item = ItineraryItem(
        visit=visit,
        kind=ItineraryKind.MEETING,
        title={"en": "Courtesy call"},
        starts_at=at("Asia/Almaty", "2026-10-14 10:30"),
        ends_at=at("Asia/Almaty", "2026-10-14 11:30"),
        participants=[ItineraryParticipant(person=governor)],
    )
    db.session.add_all([visit, item])
    db.session.commit()

    report = clash_report()
    person_clashes = [c for c in report.clashes if c.rule is ClashRule.PERSON_DOUBLE_BOOKED]
    assert len(person_clashes) == 1
    assert set(person_clashes[0].item_keys) == {session_key(talk.id), itinerary_key(item.id)}
    assert report.person_names[person_clashes[0].subject_key] == "Governor Kim"
    assert report.for_session(talk.id) == person_clashes
    assert report.for_forum(forum.id) == person_clashes


def test_room_double_booking_and_missing_moderator(app):
    forum = factories.forum()
    a = factories.session(forum, "2026-10-14 10:00", "2026-10-14 11:00", title="A")
    factories.session(forum, "2026-10-14 10:30", "2026-10-14 11:30", title="B")
    rules = {c.rule for c in clash_report().for_session(a.id)}
    assert ClashRule.ROOM_DOUBLE_BOOKED in rules


def test_since_drops_finished_items(app):
    forum = factories.forum()
    factories.session(forum, "2026-10-14 10:00", "2026-10-14 11:00", title="A")
    factories.session(forum, "2026-10-14 10:30", "2026-10-14 11:30", title="B")
    assert clash_report().clashes
    assert clash_report(since=at("UTC", "2026-10-20 00:00")).clashes == []


def _programme(forum, people, sessions: int, start_index: int = 0):
    for n in range(start_index, start_index + sessions):
        day = forum.start_date + timedelta(days=n % 2)
        hour = 9 + (n // 2) % 8
        session = factories.session(
            forum, f"{day} {hour:02d}:00", f"{day} {hour:02d}:45", title=f"S{n}"
        )
        _speak(session, people[n % len(people)])


def test_clash_report_and_dashboard_query_counts_do_not_grow_with_sessions(app, count_queries):
    forum = factories.forum()
    people = [factories.person(latin=f"P{n}") for n in range(3)]
    _programme(forum, people, 4)
    # A person booked twice, so both measurements include looking up names.
    clash = factories.session(forum, "2026-10-14 09:15", "2026-10-14 09:30", title="Twice")
    _speak(clash, people[0])
    today = date(2026, 10, 1)
    with count_queries() as few:
        organiser_dashboard(today)
    _programme(forum, people, 30, start_index=4)
    db.session.expire_all()
    with count_queries() as many:
        board = organiser_dashboard(today)
    assert len(board.clashes.clashes) > 1
    assert board.clashes.person_names
    assert len(many) == len(few)
    assert len(many) <= 12
