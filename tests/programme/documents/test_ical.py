"""Every feed parses in icalendar and vobject (validate=True) and keeps the promises
calendar clients depend on: CRLF, 75-octet folding, stable unique UIDs, a VTIMEZONE for
each TZID, real durations, no ATTENDEE, no control characters."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import icalendar
import pytest
import vobject

from forumapp.programme.documents import ical
from forumapp.visits.rules.schedule_visits import PublicVisit, VisitItem, itinerary_item_key
from tests.programme.documents.programmes import BOLAT, K1, K3, STAMP, almaty_programme


def ctx(lang="en") -> ical.FeedContext:
    return ical.FeedContext(
        lang=lang, stamp=STAMP, session_url=lambda key: f"https://forum.example/s/{key}/"
    )


def all_feeds() -> dict[str, bytes]:
    programme = almaty_programme()
    visit = PublicVisit(
        slug="visit",
        title={"en": "Governor's visit"},
        timezone="Asia/Seoul",
        arrives_at=datetime(2022, 9, 6, 0, 0, tzinfo=UTC),
        departs_at=datetime(2022, 9, 8, 0, 0, tzinfo=UTC),
        visiting_country="UZ",
        updated_at=STAMP,
        itinerary=(
            VisitItem(
                key=itinerary_item_key(7),
                kind="courtesy_call",
                title={"en": "Courtesy call"},
                starts_at=datetime(2022, 9, 7, 1, 0, tzinfo=UTC),
                ends_at=datetime(2022, 9, 7, 2, 0, tzinfo=UTC),
                location={"en": "Central Cooperation Office"},
                time_provisional=True,
            ),
        ),
    )
    return {
        "forum": ical.forum_calendar(programme, ctx()),
        "session": ical.session_calendar(programme, K1, ctx()),
        "speaker": ical.speaker_calendar(programme, BOLAT, ctx()),
        "my": ical.my_schedule_calendar(programme, [K3, K1], ctx(), name="My schedule"),
        "visit": ical.visit_calendar(visit, ctx()),
    }


FEEDS = list(all_feeds())


@pytest.mark.parametrize("which", FEEDS)
def test_every_feed_parses_in_icalendar_and_vobject(which):
    data = all_feeds()[which]
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.events
    parsed = vobject.readOne(io.StringIO(data.decode("utf-8")), validate=True)
    assert len(parsed.vevent_list) == len(calendar.events)


@pytest.mark.parametrize("which", FEEDS)
def test_lines_end_in_crlf_and_fold_at_75_octets(which):
    data = all_feeds()[which]
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)  # no bare LF anywhere
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines) or which in ("session", "visit", "my")


@pytest.mark.parametrize("which", FEEDS)
def test_calendar_properties_once_and_durations_are_real(which):
    text = all_feeds()[which].decode()
    assert text.count("\r\nNAME:") == 1 and text.count("\r\nX-WR-CALNAME:") == 1
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text
    assert "\r\nX-PUBLISHED-TTL:PT1H\r\n" in text
    assert "\r\nMETHOD:PUBLISH\r\n" in text
    assert "ATTENDEE" not in text
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


@pytest.mark.parametrize("which", FEEDS)
def test_each_tzid_has_one_vtimezone_limited_to_the_event_years(which):
    calendar = icalendar.Calendar.from_ical(all_feeds()[which])
    assert calendar.get_missing_tzids() == set()
    names = [tz.tz_name for tz in calendar.timezones]
    assert len(names) == len(set(names)) == len(calendar.get_used_tzids())
    for tz in calendar.timezones:
        for sub in tz.subcomponents:
            year = sub.DTSTART.year
            assert year in {e.start.year for e in calendar.events}


def test_a_session_at_ten_in_almaty_is_five_utc():
    calendar = icalendar.Calendar.from_ical(all_feeds()["session"])
    (event,) = calendar.events
    assert event.start.astimezone(UTC) == datetime(2026, 10, 14, 5, 0, tzinfo=UTC)
    assert "DTSTART;TZID=Asia/Almaty:20261014T100000" in all_feeds()["session"].decode()
    assert event.DTSTAMP == STAMP  # the release's publication time, in UTC
    assert "DTSTAMP:20260901T120000Z" in all_feeds()["session"].decode()


def test_uids_are_unique_and_stable_across_exports_and_languages():
    first = icalendar.Calendar.from_ical(all_feeds()["forum"])
    again = icalendar.Calendar.from_ical(ical.forum_calendar(almaty_programme(), ctx(lang="ru")))
    uids = [str(e.uid) for e in first.events]
    assert len(uids) == len(set(uids)) == 3
    assert uids == [str(e.uid) for e in again.events]
    assert uids[0] == f"session-{K1}@forumapp"
    my = icalendar.Calendar.from_ical(all_feeds()["my"])
    assert {str(e.uid) for e in my.events} == {uids[0], uids[2]}
    assert all_feeds()["forum"] == ical.forum_calendar(almaty_programme(), ctx())


def test_event_carries_sequence_location_description_url_and_status():
    calendar = icalendar.Calendar.from_ical(all_feeds()["forum"])
    panel, keynote, _dinner = calendar.events
    assert panel["SEQUENCE"] == 2
    assert panel["LAST-MODIFIED"].dt == datetime(2026, 8, 30, 9, 15, tzinfo=UTC)
    assert str(panel["LOCATION"]) == "Room A, east wing, Rixos Hall, Almaty"
    description = str(panel["DESCRIPTION"])
    assert "Line one\nLine two" in description
    assert "moderator: Ann Lee (CEO, Acme)" in description
    assert "panellist: Bolat Nurlanov" in description
    assert str(panel["URL"]) == f"https://forum.example/s/{K1}/"
    assert str(panel["SUMMARY"]) == "Green energy panel"  # the backspace is gone
    assert str(keynote["STATUS"]) == "TENTATIVE"  # time not confirmed yet


def test_a_moved_session_goes_up_in_sequence():
    programme = almaty_programme()
    moved = programme.sessions[0].__class__(**{**programme.sessions[0].__dict__, "sequence": 3})
    calendar = icalendar.Calendar.from_ical(
        ical.session_calendar(almaty_programme(sessions=(moved,)), K1, ctx())
    )
    assert calendar.events[0]["SEQUENCE"] == 3


def test_languages_and_names():
    ru = icalendar.Calendar.from_ical(ical.forum_calendar(almaty_programme(), ctx("ru")))
    assert ru.calendar_name == "Алматинский инвестиционный форум"
    assert str(ru.events[0]["SUMMARY"]) == "Зелёная энергетика"
    speaker = icalendar.Calendar.from_ical(
        ical.speaker_calendar(almaty_programme(), BOLAT, ctx("ru"))
    )
    assert speaker.calendar_name.startswith("Болат Нурланов")
    assert len(speaker.events) == 2


def test_vtimezone_order_is_deterministic_and_dst_zones_work():
    programme = almaty_programme(timezone="Europe/Berlin")
    data = ical.forum_calendar(programme, ctx())
    assert data == ical.forum_calendar(programme, ctx())
    calendar = icalendar.Calendar.from_ical(data)
    (berlin,) = calendar.timezones
    assert {sub.name for sub in berlin.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_unknown_session_or_speaker_is_a_lookup_error():
    with pytest.raises(LookupError):
        ical.session_calendar(almaty_programme(), "nope", ctx())
    with pytest.raises(LookupError):
        ical.speaker_calendar(almaty_programme(), "nope", ctx())


def test_empty_programme_still_parses():
    data = ical.forum_calendar(almaty_programme(sessions=()), ctx())
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.events == [] and calendar.timezones == []


def test_ascii_fallback_filename():
    assert ical.ascii_filename("전북 포럼 2023", "ics") == "2023.ics"
    assert ical.ascii_filename("한국어", "ics") == "calendar.ics"
    assert ical.ascii_filename('a"b/c', "ics") == "a-b-c.ics"
