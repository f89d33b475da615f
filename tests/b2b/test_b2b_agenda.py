"""Agendas as documents: the company's calendar (stable UIDs, no attendees), the signed
feed token, publishing with an .ics attached, and the organiser's table sheets."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from icalendar import Calendar

from forumapp.b2b import agenda as b2b_agenda
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.models import MatchmakingMode
from forumapp.core.errors import NotFound
from forumapp.core.extensions import db
from forumapp.core.outbox_delivery import deliver_due
from tests.b2b_factories import INTERPRETER, KAZAKH, KOREAN, company, matchmaking, published_world

pytestmark = pytest.mark.usefixtures("outbox_in_tmp")


@pytest.fixture
def world(app):
    return published_world(app)


def _calendar(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_agenda_holds_only_the_companys_own_meetings(app, world):
    with app.test_request_context("/"):
        kr = b2b_agenda.company_agenda(world.kr.user, world.mm.id)
        kz = b2b_agenda.company_agenda(world.kz.user, world.mm.id)
    assert [m.counterpart.name for m in kr.meetings] == [KAZAKH]
    assert kr.meetings[0].interpreter == INTERPRETER
    assert sorted(m.counterpart.name for m in kz.meetings) == sorted([KOREAN, "Gamma Trading"])
    assert kr.company.name == KOREAN and kr.published


def test_agenda_calendar_has_stable_uids_and_no_attendees(app, world):
    with app.test_request_context("/"):
        agenda = b2b_agenda.company_agenda(world.kr.user, world.mm.id)
        first = b2b_agenda.agenda_ics(agenda)
        again = b2b_agenda.agenda_ics(b2b_agenda.company_agenda(world.kr.user, world.mm.id))
        other_side = b2b_agenda.agenda_ics(b2b_agenda.company_agenda(world.kz.user, world.mm.id))
    assert first == again  # same data, same bytes
    calendar = _calendar(first)
    assert calendar["METHOD"] == "PUBLISH"
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert "ATTENDEE" not in event and "ORGANIZER" not in event
    assert KAZAKH in str(event["SUMMARY"])
    assert INTERPRETER in str(event["DESCRIPTION"])
    assert event.decoded("DTSTART").tzinfo is not None
    assert str(event["DTSTART"].params["TZID"]) == "Asia/Almaty"
    assert calendar.walk("VTIMEZONE")
    # Both sides' calendars name the same meeting with the same UID.
    other_uids = {str(e["UID"]) for e in _calendar(other_side).walk("VEVENT")}
    assert str(event["UID"]) in other_uids
    assert str(event["UID"]).startswith(f"b2b-{world.mm.id}-request-")


def test_rerunning_the_scheduler_keeps_uids_and_raises_sequence(app, world):
    with app.test_request_context("/"):
        before = _calendar(
            b2b_agenda.agenda_ics(b2b_agenda.company_agenda(world.kz.user, world.mm.id))
        )
        b2b_schedule.run_scheduler(world.mm.id, time_limit=5)
        b2b_schedule.publish(world.mm.id)  # a re-run is a draft until published again
        after = _calendar(
            b2b_agenda.agenda_ics(b2b_agenda.company_agenda(world.kz.user, world.mm.id))
        )
    uids = lambda cal: {str(e["UID"]) for e in cal.walk("VEVENT")}  # noqa: E731
    assert uids(before) == uids(after)
    seq = lambda cal: {str(e["UID"]): int(e["SEQUENCE"]) for e in cal.walk("VEVENT")}  # noqa: E731
    assert all(seq(after)[uid] >= seq(before)[uid] for uid in uids(before))


def test_publishing_mails_each_company_its_agenda_with_an_ics(app, world):
    deliver_due()
    folder = Path(app.config["MAIL_OUTBOX"])
    agendas = [
        email.message_from_bytes(p.read_bytes())
        for p in sorted(folder.glob("*.eml"))
        if "B2B agenda" in email.message_from_bytes(p.read_bytes())["Subject"]
    ]
    assert len(agendas) == 3
    for message in agendas:
        attachments = [part for part in message.walk() if part.get_filename()]
        assert len(attachments) == 1
        part = attachments[0]
        assert part.get_content_type() == "text/calendar"
        assert part.get_filename().endswith(".ics")
        calendar = _calendar(part.get_payload(decode=True))
        assert calendar.walk("VEVENT")
    kr_mail = next(m for m in agendas if "kr@x.example" in m["To"])
    kr_calendar = next(p for p in kr_mail.walk() if p.get_filename())
    events = _calendar(kr_calendar.get_payload(decode=True)).walk("VEVENT")
    assert [KAZAKH in str(e["SUMMARY"]) for e in events] == [True]


def _mails(app, subject_part: str) -> list:
    deliver_due()
    folder = Path(app.config["MAIL_OUTBOX"])
    messages = [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(folder.glob("*.eml"))
    ]
    return [m for m in messages if subject_part in m["Subject"]]  # decoded by the policy


def _attached_events(message) -> list:
    parts = [p for p in message.walk() if p.get_filename()]
    assert [p.get_content_type() for p in parts] == ["text/calendar"]
    return _calendar(parts[0].get_payload(decode=True)).walk("VEVENT")


def test_a_cancelled_meeting_is_sent_as_cancelled_to_both_calendars(app, world):
    # Both companies imported the publishing e-mail's file: each gets the same UID
    # back with STATUS:CANCELLED and a higher SEQUENCE, so its calendar updates the
    # entry; the subscribed feed simply no longer lists it.
    with app.test_request_context("/"):
        published = {
            str(e["UID"]): e
            for e in _calendar(
                b2b_agenda.agenda_ics(b2b_agenda.company_agenda(world.kr.user, world.mm.id))
            ).walk("VEVENT")
        }
        (meeting,) = b2b_schedule.meetings_of(world.mm.id, world.kr.participant.id)
        b2b_requests.cancel_meeting(world.kr.user, meeting.id)
        feed = b2b_agenda.agenda_ics(b2b_agenda.company_agenda(world.kr.user, world.mm.id))
    assert _calendar(feed).walk("VEVENT") == []
    told = _mails(app, "cancelled your meeting at")
    confirmed = _mails(app, "You cancelled your meeting")
    assert [m["To"] for m in told] == ["kz@x.example"]
    assert [m["To"] for m in confirmed] == ["kr@x.example"]
    for message in (*told, *confirmed):
        (event,) = _attached_events(message)
        assert str(event["STATUS"]) == "CANCELLED"
        original = published[str(event["UID"])]
        assert int(event["SEQUENCE"]) > int(original["SEQUENCE"])
        assert event.decoded("DTSTART") == original.decoded("DTSTART")


def test_cancelling_before_agendas_are_published_sends_no_calendar_file(app):
    with app.test_request_context("/"):
        mm = matchmaking(mode=MatchmakingMode.REQUEST_THEN_SCHEDULE)
        a = company(mm, "a@x.example", "Alpha")
        b = company(mm, "b@x.example", "Beta")
        request = b2b_requests.request_meeting(a.user, mm.id, b.id)
        b2b_requests.accept(b.user, request.id)
        b2b_schedule.run_scheduler(mm.id, time_limit=5)  # a draft, not published
        b2b_requests.cancel_request(a.user, request.id)
    (told,) = _mails(app, "cancelled a meeting with you")
    assert not [p for p in told.walk() if p.get_filename()]
    assert _mails(app, "You cancelled") == []


def test_unpublished_agenda_is_empty(app):
    with app.test_request_context("/"):
        mm = matchmaking(mode=MatchmakingMode.REQUEST_THEN_SCHEDULE)
        a = company(mm, "a@x.example", "Alpha")
        agenda = b2b_agenda.company_agenda(a.user, mm.id)
    assert not agenda.published and agenda.meetings == ()
    assert _calendar(b2b_agenda.agenda_ics(agenda)).walk("VEVENT") == []


def test_feed_token_names_one_participant_and_can_be_revoked(app, world):
    with app.test_request_context("/"):
        token = b2b_agenda.feed_token(world.kr.user, world.mm.id)
        assert b2b_agenda.feed_token(world.kr.user, world.mm.id) == token  # stable
        assert b2b_agenda.agenda_from_token(token).company.name == KOREAN
        for forged in ("", "abc", token[:-2] + "xx", token + "x"):
            with pytest.raises(NotFound):
                b2b_agenda.agenda_from_token(forged)
        new = b2b_agenda.revoke_feed(world.kr.user, world.mm.id)
        assert new != token
        with pytest.raises(NotFound):
            b2b_agenda.agenda_from_token(token)
        assert b2b_agenda.agenda_from_token(new).participant_id == world.kr.id
        # Another company's key does not open this participant's agenda.
        kz_token = b2b_agenda.feed_token(world.kz.user, world.mm.id)
        assert b2b_agenda.agenda_from_token(kz_token).company.name == KAZAKH


def test_table_sheets_list_every_table_with_its_meetings(app, world):
    with app.test_request_context("/"):
        sheets = b2b_agenda.table_sheets(world.mm.id)
    assert [t.name for t in sheets.tables] == ["1", "2", "3"]
    meetings = [m for t in sheets.tables for m in t.meetings]
    assert len(meetings) == 2
    assert {KOREAN, KAZAKH} <= {c.name for m in meetings for c in (m.first, m.second)}
    with app.test_request_context("/"), pytest.raises(NotFound):
        b2b_agenda.table_sheets(world.mm.id + 999)
    db.session.rollback()
