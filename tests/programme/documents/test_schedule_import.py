"""Importing schedule.json / schedule.xml from pretalx and frab: tolerant, matched by guid,
never duplicated, and bad input names its place and writes nothing."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forumapp.core.extensions import db
from forumapp.people.models import Person
from forumapp.programme.models import Forum, Room, Session
from forumapp.programme.release_model import Release
from forumapp.programme.rules.schedule_import import (
    ScheduleFormatError,
    parse_schedule,
    parse_schedule_json,
    parse_schedule_xml,
)
from tests.programme.documents.schedule_checks import FORMATS, validate_json, validate_xml

PRETALX = FORMATS / "pretalx-democon.json"

FRAB_XML = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>Kazakh Wind 1.0</version>
  <conference>
    <acronym>wind-2026</acronym>
    <title>Wind of Kazakhstan</title>
    <start>2026-10-14</start>
    <end>2026-10-15</end>
    <days>2</days>
    <timeslot_duration>00:15</timeslot_duration>
    <time_zone_name>Asia/Almaty</time_zone_name>
    <extra_thing_frab_adds>ignored</extra_thing_frab_adds>
  </conference>
  <day index="1" date="2026-10-14"
       start="2026-10-14T08:00:00+05:00" end="2026-10-14T22:00:00+05:00">
    <room name="Hall A">
      <event id="101" guid="aaaaaaaa-0000-4000-8000-000000000101">
        <start>10:00</start>
        <duration>01:00</duration>
        <room>Hall A</room>
        <title>Opening</title>
        <type>opening</type>
        <abstract></abstract>
        <track>Main</track>
        <persons><person id="7">Бауыржан Иванов</person><person id="8">김대식</person></persons>
      </event>
    </room>
    <room name="Hall B">
      <event id="102" guid="aaaaaaaa-0000-4000-8000-000000000102">
        <date>2026-10-14T11:00:00+05:00</date>
        <start>11:00</start>
        <duration>00:45</duration>
        <room>Hall B</room>
        <title>Energy panel</title>
        <type>panel</type>
        <abstract>Who builds the grid</abstract>
        <language>ru</language>
        <track></track>
        <persons><person id="7">Бауыржан Иванов</person></persons>
      </event>
    </room>
  </day>
</schedule>
""".encode()


def pretalx_document() -> dict:
    return json.loads(PRETALX.read_text())


def all_events(document: dict) -> list[dict]:
    return [
        e
        for d in document["schedule"]["conference"]["days"]
        for r in d["rooms"].values()
        for e in r
    ]


# -- the pure parser ---------------------------------------------------------------


def test_parses_the_real_pretalx_export():
    schedule = parse_schedule(PRETALX.read_bytes())
    assert schedule.acronym == "democon" and schedule.timezone == "UTC"
    assert len(schedule.events) == 36
    assert [r.name for r in schedule.rooms] == ["Gray Room", "Tan Room"]
    # pretalx gives both rooms the same guid; we keep them apart
    assert len({r.guid for r in schedule.rooms}) == 2
    first = next(e for e in schedule.events if e.guid == "8079583e-8321-506c-95af-fd2903a5f075")
    assert first.starts_at == datetime(2020, 12, 14, 8, 0, tzinfo=UTC)  # 09:00+01:00
    assert first.title == "Focused 5thgeneration hardware"


def test_parses_frab_xml_with_day_times_and_no_person_guids():
    schedule = parse_schedule_xml(FRAB_XML)
    assert schedule.acronym == "wind-2026" and schedule.timezone == "Asia/Almaty"
    opening, panel = schedule.events
    assert opening.starts_at == datetime(2026, 10, 14, 5, 0, tzinfo=UTC)  # 10:00 Almaty
    assert opening.kind == "opening" and opening.track == "Main"
    assert panel.language == "ru" and panel.track is None
    assert len(schedule.persons) == 2 and opening.person_guids[0] == panel.person_guids[0]


def test_same_file_same_derived_guids():
    assert parse_schedule_xml(FRAB_XML) == parse_schedule_xml(FRAB_XML)


@pytest.mark.parametrize(
    ("mutate", "place"),
    [
        (lambda d: d["schedule"]["conference"].pop("acronym"), "schedule.conference.acronym"),
        (
            lambda d: d["schedule"]["conference"]["days"][1]["rooms"]["Gray Room"][2].pop("title"),
            'schedule.conference.days[1].rooms["Gray Room"][2].title',
        ),
        (
            lambda d: d["schedule"]["conference"]["days"][0]["rooms"]["Tan Room"][0].update(
                date="2020-12-20T09:00:00+01:00"
            ),
            'schedule.conference.days[0].rooms["Tan Room"][0].date',
        ),
        (
            lambda d: d["schedule"]["conference"]["days"][0]["rooms"]["Tan Room"][1].update(
                date="yesterday"
            ),
            'schedule.conference.days[0].rooms["Tan Room"][1].date',
        ),
        (
            lambda d: d["schedule"]["conference"]["days"][2]["rooms"]["Gray Room"][0].update(
                duration="an hour"
            ),
            'schedule.conference.days[2].rooms["Gray Room"][0].duration',
        ),
        (lambda d: d.pop("schedule"), "schedule"),
    ],
)
def test_bad_json_names_the_place(mutate, place):
    document = pretalx_document()
    mutate(document)
    with pytest.raises(ScheduleFormatError) as caught:
        parse_schedule(json.dumps(document).encode())
    assert caught.value.place == place
    assert "\n" not in str(caught.value)


def test_not_json_nor_xml():
    for data, place in [
        (b"hello", "line 1"),
        (b'{"schedule": ', "line 1 column 14"),
        (b"<schedule><conference>", "line 1 column 23"),
        (b"<html></html>", "/html"),
    ]:
        with pytest.raises(ScheduleFormatError) as caught:
            parse_schedule(data)
        assert caught.value.place == place


def test_xml_entity_bombs_are_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><schedule>&a;</schedule>'
    with pytest.raises(ScheduleFormatError):
        parse_schedule(bomb)


def test_xml_event_outside_the_days_names_the_event():
    data = FRAB_XML.replace(b"2026-10-14T11:00:00+05:00", b"2026-11-01T11:00:00+05:00")
    with pytest.raises(ScheduleFormatError) as caught:
        parse_schedule(data)
    assert caught.value.place == "/schedule/day[1]/room[2]/event[1]/date"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_either_parse_or_raise_a_format_error(data):
    with contextlib.suppress(ScheduleFormatError):
        parse_schedule(data)


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=12,
    )
)
def test_any_json_value_in_an_event_either_parses_or_raises(value):
    document = pretalx_document()
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Gray Room"][0]
    for key in ("persons", "title", "date", "duration", "room"):
        mutated = json.loads(json.dumps(document))
        mutated["schedule"]["conference"]["days"][0]["rooms"]["Gray Room"][0][key] = value
        with contextlib.suppress(ScheduleFormatError):
            parse_schedule_json(json.dumps(mutated).encode())
    assert event


# -- the service, through the CLI ---------------------------------------------------


def import_file(runner, path, *args):
    return runner.invoke(args=["import-schedule", str(path), *args], catch_exceptions=False)


def counts() -> tuple[int, int, int, int, int]:
    return tuple(
        db.session.scalar(db.select(db.func.count()).select_from(model))
        for model in (Forum, Session, Person, Room, Release)
    )


def test_import_prints_the_slug_last_and_reimport_changes_nothing(runner, app):
    result = import_file(runner, PRETALX)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "democon"
    assert "36 sessions created" in result.output
    after_first = counts()
    assert after_first == (1, 36, 27, 2, 1)
    again = import_file(runner, PRETALX)
    assert again.exit_code == 0 and again.output.splitlines()[-1] == "democon"
    assert "0 sessions created, 0 updated, 0 removed" in again.output
    assert counts() == after_first  # no duplicates, no new release


def test_reimport_updates_in_place_by_guid_and_bumps_sequence(runner, app, tmp_path):
    assert import_file(runner, PRETALX).exit_code == 0
    guid = "8079583e-8321-506c-95af-fd2903a5f075"
    before = db.session.scalar(db.select(Session).where(Session.guid == guid))
    session_id, sequence = before.id, before.sequence
    document = pretalx_document()
    event = next(e for e in all_events(document) if e["guid"] == guid)
    event["date"] = "2020-12-14T15:00:00+01:00"
    event["title"] = "Moved and renamed"
    event["persons"] = event["persons"][:0]
    changed = tmp_path / "v2.json"
    changed.write_text(json.dumps(document))
    result = import_file(runner, changed)
    assert result.exit_code == 0, result.output
    assert "0 sessions created, 1 updated" in result.output
    db.session.expire_all()
    after = db.session.scalar(db.select(Session).where(Session.guid == guid))
    assert after.id == session_id and after.sequence == sequence + 1
    assert after.starts_at == datetime(2020, 12, 14, 14, 0, tzinfo=UTC)
    assert after.title["en"] == "Moved and renamed" and after.roles == []
    assert counts()[:4] == (1, 36, 27, 2)
    assert counts()[4] == 2  # published as the second release


@pytest.mark.parametrize(
    "content",
    [
        b"not a schedule",
        json.dumps({"schedule": {"version": "1", "conference": {"title": "x"}}}).encode(),
        FRAB_XML.replace(b"2026-10-14T11:00:00+05:00", b"2027-01-01T11:00:00+05:00"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(runner, app, tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    result = runner.invoke(args=["import-schedule", str(bad)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and str(bad) in lines[0]
    assert counts() == (0, 0, 0, 0, 0)


def test_pretalx_round_trip_keeps_events_times_rooms_and_speakers(runner, app, tmp_path):
    assert import_file(runner, PRETALX).exit_code == 0
    out = tmp_path / "democon.json"
    result = runner.invoke(args=["export", "json", "democon", "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = validate_json(out.read_bytes())

    def summary(document):
        return {
            e["guid"]: (
                datetime.fromisoformat(e["date"]).astimezone(UTC),
                e["duration"],
                e["room"],
                e["title"],
                sorted(p.get("name") or p["public_name"] for p in e["persons"]),
            )
            for e in all_events(document)
        }

    assert summary(exported) == summary(pretalx_document())
    # and the export imports back onto the same rows
    back = import_file(runner, out)
    assert back.exit_code == 0 and back.output.splitlines()[-1] == "democon"
    assert "0 sessions created" in back.output
    assert counts()[:4] == (1, 36, 27, 2)


def test_xml_round_trip_and_our_own_export_finds_the_forum_by_guid(runner, app, tmp_path, demo):
    out = tmp_path / "demo.xml"
    assert (
        runner.invoke(args=["export", "xml", "jeonbuk-kazakhstan-2023", "-o", str(out)]).exit_code
        == 0
    )
    root = validate_xml(out.read_bytes())
    assert root.findtext("conference/acronym") == "jeonbuk_kazakhstan_2023"
    before = counts()
    result = import_file(runner, out, "--no-publish")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "jeonbuk-kazakhstan-2023"  # found by guid
    assert "0 sessions created" in result.output
    assert counts()[:2] == before[:2]


def test_export_of_unknown_or_unpublished_slug_exits_2(runner, app, tmp_path):
    out = tmp_path / "x.ics"
    result = runner.invoke(args=["export", "ics", "no-such-forum", "-o", str(out)])
    assert result.exit_code == 2 and "no-such-forum" in result.output
    assert not out.exists()


def test_export_ics_and_draft(runner, app, tmp_path):
    assert import_file(runner, frab_xml_path(tmp_path), "--no-publish").exit_code == 0
    out = tmp_path / "wind.ics"
    assert runner.invoke(args=["export", "ics", "wind-2026", "-o", str(out)]).exit_code == 2
    result = runner.invoke(args=["export", "ics", "wind-2026", "--draft", "-o", str(out)])
    assert result.exit_code == 0, result.output
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Opening", "Energy panel"]
    assert "https://" in str(calendar.events[0]["URL"]) or "http://" in str(
        calendar.events[0]["URL"]
    )


def frab_xml_path(tmp_path):
    path = tmp_path / "wind.xml"
    path.write_bytes(FRAB_XML)
    return path
