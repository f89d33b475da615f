import json
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from forumapp.programme.rules.changelog import diff_programmes
from forumapp.programme.rules.programme import (
    DayInfo,
    PersonInfo,
    Programme,
    ProgrammeSession,
    RoomInfo,
    SpeakerRole,
    VenueInfo,
)

T0 = datetime(2023, 12, 5, 5, 0, tzinfo=UTC)


def session(key, start=T0, minutes=30, room="r1", speakers=(("p1", "speaker"),), title=None):
    return ProgrammeSession(
        key=key,
        kind="panel",
        title=title or {"en": key, "ko": key},
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        room_key=room,
        interpretation=("ru",),
        speakers=tuple(
            SpeakerRole(person_key=p, role=r, position=i) for i, (p, r) in enumerate(speakers)
        ),
    )


def programme(*sessions):
    return Programme(
        slug="f",
        title={"ko": "포럼", "en": "Forum"},
        timezone="Asia/Seoul",
        start_date=date(2023, 12, 5),
        end_date=date(2023, 12, 6),
        venue=VenueInfo(name={"en": "Hall"}, city="Jeonju"),
        days=(DayInfo(day=date(2023, 12, 5), opens_at=time(9), closes_at=time(18)),),
        rooms=(
            RoomInfo(key="r1", name={"en": "A"}, capacity=100),
            RoomInfo(key="r2", name={"en": "B"}),
        ),
        people=(
            PersonInfo(key="p1", name_hangul="김대식", name_latin="Kim Dae-sik"),
            PersonInfo(
                key="p2", name_latin="Aibar Temenov", name_native="Айбар Теменов", languages=("kk",)
            ),
        ),
        sessions=tuple(sessions),
    )


def test_snapshot_round_trips_exactly():
    original = programme(session("a"), session("b", speakers=(("p2", "moderator"),)))

    again = Programme.from_snapshot(json.loads(json.dumps(original.to_snapshot())))
    assert again == original
    assert again.person("p2").display_name("ru") == "Айбар Теменов"
    assert again.room("r1").capacity == 100


def test_first_release_lists_everything_as_added_and_notifies_no_one():
    log = diff_programmes(None, programme(session("a"), session("b")))
    assert log.added == ("a", "b") and not log.removed and not log.changed
    assert log.speakers_to_notify == ()


def test_moves_renames_and_speaker_changes():
    before = programme(session("a"), session("b"), session("c", speakers=(("p2", "panellist"),)))
    after = programme(
        session("a", start=T0 + timedelta(hours=1)),  # moved in time
        session("b", room="r2", title={"en": "B renamed"}),  # other room, new title
        session("d", speakers=(("p2", "moderator"),)),  # new session
    )
    log = diff_programmes(before, after)
    assert log.added == ("d",)
    assert log.removed == ("c",)
    changes = {c.key: c.changes for c in log.changed}
    assert changes == {"a": ("time",), "b": ("room", "title")}
    assert {c.key for c in log.moved()} == {"a", "b"}
    assert log.speakers_to_notify == ("p1", "p2")


def test_speaker_swap_is_reported_with_who_came_and_went():
    before = programme(session("a"))
    after = programme(
        replace(session("a"), speakers=(SpeakerRole(person_key="p2", role="speaker"),))
    )
    (change,) = diff_programmes(before, after).changed
    assert change.changes == ("speakers",)
    assert change.speakers_added == ("p2",) and change.speakers_removed == ("p1",)


def test_nothing_changed_is_empty():
    assert diff_programmes(programme(session("a")), programme(session("a"))).is_empty
