"""The fast iCalendar writer writes the same bytes as the icalendar library.

``forumapp/programme/documents/ical_writer.py`` writes events line by line instead of building
``icalendar.Event`` objects, and folds lines itself; its docstring promises the bytes
``Calendar.to_ical()`` gives for the same calendar. Here every call the feeds make to
``calendar_bytes`` is recorded and the same calendar is built again with icalendar's
component API alone (``Calendar``, ``Timezone``, ``Event``, ``add``, ``to_ical()``,
icalendar choosing the property order, value types and folding), over the demo data
(forum, sessions, speakers, visit, B2B agendas) and a generated 250-session forum full of
text that needs escaping and folding.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar, Event, Timezone, vDuration

from forumapp.b2b import agenda as b2b_agenda
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.documents import ical as b2b_ical
from forumapp.b2b.models import B2BParticipant
from forumapp.core.extensions import db
from forumapp.core.timezones import get_zone
from forumapp.demo import forum as demo_forum
from forumapp.demo import visit as demo_visit
from forumapp.programme.documents import ical
from forumapp.programme.documents.ical_writer import (
    PRODID,
    REFRESH_INTERVAL,
    calendar_bytes,
    clean_text,
)
from forumapp.programme.programme import published_programme
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


def icalendar_bytes(*, name, uid, zone_name, events, stamp) -> bytes:
    """The calendar ``calendar_bytes`` is asked for, built with icalendar's objects only."""
    zone = get_zone(zone_name)
    calendar = Calendar.new(prodid=PRODID, uid=uid, method="PUBLISH", name=clean_text(name))
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    calendar.add("X-WR-TIMEZONE", zone_name)
    ordered = sorted(events, key=lambda e: (e.starts_at, e.uid))
    if ordered:
        calendar.add_component(
            Timezone.from_tzinfo(
                zone,
                tzid=zone_name,
                first_date=date(min(e.starts_at.astimezone(zone).year for e in ordered), 1, 1),
                last_date=date(max(e.ends_at.astimezone(zone).year for e in ordered) + 1, 1, 1),
            )
        )
    for item in ordered:
        event = Event()
        # Added in an order unlike the writer's: icalendar sorts on output.
        if item.url:
            event.add("URL", item.url)
        event.add("UID", item.uid)
        event.add(
            "STATUS",
            "CANCELLED" if item.cancelled else "TENTATIVE" if item.tentative else "CONFIRMED",
        )
        if item.location:
            event.add("LOCATION", item.location)
        event.add("DTSTAMP", stamp.astimezone(UTC))
        event.add("SUMMARY", item.summary or "-")
        event.add("DTEND", item.ends_at.astimezone(zone))
        event.add("DTSTART", item.starts_at.astimezone(zone))
        if item.description:
            event.add("DESCRIPTION", item.description)
        if item.last_modified:
            event.add("LAST-MODIFIED", item.last_modified.astimezone(UTC))
        event.add("SEQUENCE", item.sequence)
        calendar.add_component(event)
    return calendar.to_ical()


@pytest.fixture
def recorded(monkeypatch):
    """Every (arguments, bytes) of the feeds' calls to ``calendar_bytes`` in the test."""
    calls: list[tuple[dict, bytes]] = []

    def recording(**kwargs) -> bytes:
        data = calendar_bytes(**kwargs)
        calls.append((kwargs, data))
        return data

    monkeypatch.setattr(ical, "calendar_bytes", recording)  # forum, session, speaker, visit
    monkeypatch.setattr(b2b_ical, "calendar_bytes", recording)  # B2B agendas
    return calls


def assert_same_bytes(calls: list[tuple[dict, bytes]], at_least: int) -> None:
    assert len(calls) >= at_least, len(calls)
    for kwargs, fast in calls:
        reference = icalendar_bytes(**kwargs)
        if fast != reference:
            fast_lines, ref_lines = fast.split(b"\r\n"), reference.split(b"\r\n")
            first = next(
                (
                    i
                    for i, pair in enumerate(zip(fast_lines, ref_lines, strict=False))
                    if pair[0] != pair[1]
                ),
                min(len(fast_lines), len(ref_lines)),
            )
            pytest.fail(
                f"calendar {kwargs['uid']} differs from icalendar's at line {first}:\n"
                f"  writer:     {fast_lines[first : first + 3]!r}\n"
                f"  icalendar:  {ref_lines[first : first + 3]!r}"
            )


# -- the demo ------------------------------------------------------------------------------


def test_demo_feeds_match_icalendar(app, client, demo, recorded):
    slug = demo_forum.SLUG
    with app.app_context():
        programme = published_programme(slug)
    assert programme is not None and programme.sessions
    paths = [f"/forums/{slug}/programme.ics?lang={lang}" for lang in ("ko", "en", "ru")]
    paths += [f"/forums/{slug}/sessions/{s.key}.ics?lang=en" for s in programme.sessions]
    paths += [f"/forums/{slug}/speakers/{p.key}.ics?lang=ru" for p in programme.people]
    paths += [f"/visits/{demo_visit.SLUG}/itinerary.ics?lang={lang}" for lang in ("ko", "en")]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
    assert_same_bytes(recorded, at_least=len(paths))


def test_demo_b2b_agendas_match_icalendar(app, demo, recorded):
    with app.test_request_context("/"):
        participants = db.session.scalars(db.select(B2BParticipant)).all()
        assert participants
        for mm_id in sorted({p.matchmaking_id for p in participants}):
            b2b_schedule.run_scheduler(mm_id, time_limit=5)
            b2b_schedule.publish(mm_id)
        agendas = [b2b_agenda.agenda_of(p, lang) for p in participants for lang in ("ko", "ru")]
        for agenda in agendas:
            b2b_agenda.agenda_ics(agenda)
    assert sum(len(a.meetings) for a in agendas) > 0  # meetings, not only empty calendars
    assert_same_bytes(recorded, at_least=len(agendas))


# -- a generated 250-session forum ---------------------------------------------------------

# Text that needs escaping (\\ ; , and line breaks), caret (RFC 6868), and multi-byte
# characters of 2, 3 and 4 bytes, so that folds land next to all of them.
PIECES = [
    "Зелёная энергетика",
    "스마트팜 협력",
    "Қазақстан желі",
    "Oʻzbekiston",
    "a\\b",
    "C:\\path\\",
    "one; two",
    "x, y, z",
    "^caret^",
    "emoji 🚜🌾",
    "e\u0301",
    "₸ 1 000",
    '"quoted"',
    "tab\tin",
]


def generated_forum(seed: int, timezone: str) -> Programme:
    rng = random.Random(seed)
    people = tuple(
        PersonInfo(
            key=f"person-{i:03d}",
            name_latin=f"Person {i} " + rng.choice(PIECES),
            name_hangul=rng.choice(("김관영", "이민봉", None)),
            name_native=rng.choice(("Бауыржан Едженов", None)),
            title={"en": rng.choice(PIECES), "ko": "교수"},
            organisation={"en": " ".join(rng.choices(PIECES, k=rng.randint(0, 6)))},
        )
        for i in range(300)
    )
    rooms = tuple(
        RoomInfo(key=f"room-{r}", name={"en": f"Hall {r}, {rng.choice(PIECES)}"}, position=r)
        for r in range(6)
    )
    start = date(2026, 10, 23)  # over the end of summer time in Europe (25 October)
    sessions = []
    for i in range(250):
        day, slot = i % 3, (i // 3) // 6
        begins = datetime(2026, 10, 23 + day, 6, 0, tzinfo=UTC) + timedelta(minutes=40 * slot)
        sessions.append(
            ProgrammeSession(
                key=f"{i:04d}-0000-4000-8000-{seed:012d}",
                kind="panel",
                title={"en": f"{i}: " + " ".join(rng.choices(PIECES, k=rng.randint(1, 12)))},
                description={
                    "en": "\n".join(
                        " ".join(rng.choices(PIECES, k=rng.randint(1, 15)))
                        for _ in range(rng.randint(0, 4))
                    )
                },
                starts_at=begins,
                ends_at=begins + timedelta(minutes=rng.choice((30, 40, 90))),
                room_key=rooms[(i // 3) % 6].key if i % 17 else None,
                time_provisional=rng.random() < 0.1,
                sequence=rng.randint(0, 5),
                updated_at=datetime(2026, 9, 1, tzinfo=UTC) + timedelta(minutes=i)
                if i % 5
                else None,
                speakers=tuple(
                    SpeakerRole(p.key, rng.choice(("moderator", "panellist")), n)
                    for n, p in enumerate(rng.sample(people, rng.randint(0, 6)))
                ),
            )
        )
    return Programme(
        slug="generated",
        title={"en": "Generated forum: " + " ".join(PIECES)},
        timezone=timezone,
        start_date=start,
        end_date=start + timedelta(days=2),
        venue=VenueInfo(name={"en": "Grand hall; east"}, city="Almaty, KZ"),
        days=tuple(DayInfo(day=start + timedelta(days=d)) for d in range(3)),
        rooms=rooms,
        people=people,
        sessions=tuple(sessions),
        release=ReleaseInfo(1, "Final", datetime(2026, 9, 1, 12, 0, 0, 500, tzinfo=UTC)),
    )


@pytest.mark.parametrize("timezone", ["Asia/Almaty", "Europe/Berlin", "UTC"])
def test_a_generated_250_session_forum_matches_icalendar(recorded, timezone):
    programme = generated_forum(2026, timezone)
    ctx = ical.FeedContext(
        lang="en",
        stamp=programme.release.published_at,
        session_url=lambda key: f"https://forum.example/forums/generated/sessions/{key}/?x=1;y=2",
    )
    ical.forum_calendar(programme, ctx)
    for person in programme.people[:40]:
        ical.speaker_calendar(programme, person.key, ctx)
    ical.session_calendar(programme, programme.sessions[7].key, ctx)
    assert_same_bytes(recorded, at_least=42)
    forum, _ = recorded[0]
    assert len(forum["events"]) == 250
