"""schedule.json and schedule.xml validate against the c3voc schemas and say the same thing."""

from __future__ import annotations

import json

import pytest

from forumapp.programme.documents.schedule import (
    ScheduleLinks,
    conference_acronym,
    schedule_json,
    schedule_xml,
)
from tests.programme.documents.programmes import K1, K2, K3, ROOM, almaty_programme
from tests.programme.documents.schedule_checks import FORMATS, validate_json, validate_xml

LINKS = ScheduleLinks(
    base_url="https://forum.example/",
    forum_url="https://forum.example/forums/almaty-2026/",
    session_url=lambda key: f"https://forum.example/forums/almaty-2026/sessions/{key}/",
    person_url=lambda key: f"https://forum.example/forums/almaty-2026/speakers/{key}/",
)


def test_the_real_pretalx_export_is_valid_against_the_schema():
    validate_json((FORMATS / "pretalx-democon.json").read_bytes())


@pytest.mark.parametrize("lang", ["en", "ru", "ko"])
def test_schedule_json_is_valid(lang):
    document = validate_json(schedule_json(almaty_programme(), lang, LINKS))
    conference = document["schedule"]["conference"]
    assert conference["acronym"] == "almaty_2026"
    assert conference["time_zone_name"] == "Asia/Almaty"
    assert conference["daysCount"] == 2
    events = [e for d in conference["days"] for r in d["rooms"].values() for e in r]
    assert [e["guid"] for e in events] == [K1, K2, K3]
    first = events[0]
    assert first["date"] == "2026-10-14T10:00:00+05:00" and first["start"] == "10:00"
    assert first["duration"] == "01:30"
    assert first["room"] == "Room A, east wing"
    assert [p["name"] for p in first["persons"]] == (
        ["Ann Lee", "Bolat Nurlanov"] if lang != "ru" else ["Ann Lee", "Болат Нурланов"]
    )
    assert first["url"].endswith(f"/sessions/{K1}/")
    assert document["schedule"]["version"] == "Final"


def test_schedule_xml_is_valid_and_matches_the_json():
    root = validate_xml(schedule_xml(almaty_programme(), "en", LINKS))
    assert root.findtext("conference/acronym") == "almaty_2026"
    events = root.findall("day/room/event")
    assert [e.get("guid") for e in events] == [K1, K2, K3]
    assert events[0].findtext("date") == "2026-10-14T10:00:00+05:00"
    assert [p.text for p in events[0].findall("persons/person")] == ["Ann Lee", "Bolat Nurlanov"]
    room = root.find("day/room")
    assert room.get("guid") == ROOM and room.get("name") == "Room A, east wing"
    document = json.loads(schedule_json(almaty_programme(), "en", LINKS))
    json_ids = [
        e["id"]
        for d in document["schedule"]["conference"]["days"]
        for r in d["rooms"].values()
        for e in r
    ]
    assert [int(e.get("id")) for e in events] == json_ids


def test_event_ids_are_stable_across_exports():
    one = json.loads(schedule_json(almaty_programme(), "en", LINKS))
    fewer = almaty_programme(sessions=almaty_programme().sessions[1:])
    two = json.loads(schedule_json(fewer, "en", LINKS))

    def ids(doc):
        return {
            e["guid"]: e["id"]
            for d in doc["schedule"]["conference"]["days"]
            for r in d["rooms"].values()
            for e in r
        }

    assert ids(two).items() <= ids(one).items()


def test_empty_and_odd_programmes_are_still_valid():
    empty = almaty_programme(sessions=(), rooms=(), slug="abc")
    validate_json(schedule_json(empty, "en", LINKS))
    validate_xml(schedule_xml(empty, "en", LINKS))
    assert conference_acronym("abc") == "abc_"
    assert conference_acronym("jeonbuk-kazakhstan-2023") == "jeonbuk_kazakhstan_2023"
