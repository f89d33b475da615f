"""A small programme for the export tests (no tests here): three sessions in Almaty,
two speakers and one room, with stable keys."""

from __future__ import annotations

from datetime import UTC, date, datetime

from forumapp.programme.rules.programme import (
    DayInfo,
    PersonInfo,
    Programme,
    ProgrammeSession,
    ReleaseInfo,
    RoomInfo,
    SpeakerRole,
    VenueInfo,
)

STAMP = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
K1 = "0b5e1f9a-1111-4c7e-9d4e-000000000001"
K2 = "0b5e1f9a-1111-4c7e-9d4e-000000000002"
K3 = "0b5e1f9a-1111-4c7e-9d4e-000000000003"
ANN = "5a1f7e00-2222-4b2a-8c11-00000000000a"
BOLAT = "5a1f7e00-2222-4b2a-8c11-00000000000b"
ROOM = "9c0ffee0-3333-4d5d-8e22-0000000000aa"


def almaty_programme(**overrides) -> Programme:
    """A session at 10:00 Asia/Almaty on 2026-10-14 (05:00 UTC: Almaty is UTC+5 since 2024)."""
    values = {
        "slug": "almaty-2026",
        "title": {"en": "Almaty Investment Forum", "ru": "Алматинский инвестиционный форум"},
        "timezone": "Asia/Almaty",
        "start_date": date(2026, 10, 14),
        "end_date": date(2026, 10, 15),
        "venue": VenueInfo(name={"en": "Rixos Hall"}, city="Almaty", country="KZ"),
        "days": (DayInfo(day=date(2026, 10, 14)),),
        "rooms": (RoomInfo(key=ROOM, name={"en": "Room A, east wing"}),),
        "people": (
            PersonInfo(
                key=ANN, name_latin="Ann Lee", title={"en": "CEO"}, organisation={"en": "Acme"}
            ),
            PersonInfo(key=BOLAT, name_latin="Bolat Nurlanov", name_native="Болат Нурланов"),
        ),
        "sessions": (
            ProgrammeSession(
                key=K1,
                kind="panel",
                title={"en": "Green energy\x08 panel", "ru": "Зелёная энергетика"},
                description={"en": "Line one\r\nLine two\x00"},
                starts_at=datetime(2026, 10, 14, 5, 0, tzinfo=UTC),
                ends_at=datetime(2026, 10, 14, 6, 30, tzinfo=UTC),
                room_key=ROOM,
                sequence=2,
                updated_at=datetime(2026, 8, 30, 9, 15, tzinfo=UTC),
                speakers=(SpeakerRole(ANN, "moderator"), SpeakerRole(BOLAT, "panellist", 1)),
            ),
            ProgrammeSession(
                key=K2,
                kind="keynote",
                title={"en": "Keynote " + "with a very long title that needs folding " * 4},
                starts_at=datetime(2026, 10, 14, 7, 0, tzinfo=UTC),
                ends_at=datetime(2026, 10, 14, 8, 0, tzinfo=UTC),
                time_provisional=True,
                speakers=(SpeakerRole(BOLAT, "keynote"),),
            ),
            ProgrammeSession(
                key=K3,
                kind="networking",
                title={"ko": "네트워킹 만찬"},
                starts_at=datetime(2026, 10, 15, 13, 0, tzinfo=UTC),
                ends_at=datetime(2026, 10, 15, 15, 0, tzinfo=UTC),
            ),
        ),
        "release": ReleaseInfo(1, "Final", STAMP),
    }
    values.update(overrides)
    return Programme(**values)
