"""schedule.json and schedule.xml (the frab / pretalx / c3voc interchange format).

Data in, bytes out, valid against ``schema.json`` and ``schedule.xml.xsd`` from
voc/schedule. Mobile schedule apps (Giggity, EventFahrplan, ConfClerk) keep
favourites by event id and guid, so both come from the session's guid and stay the
same across releases.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from xml.etree import ElementTree as ET

from forumapp.core.timezones import get_zone
from forumapp.programme.rules.programme import Programme, ProgrammeSession

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = {"name": "forumapp", "version": "0.1.0"}
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
XML_CONTENT_TYPE = "application/xml; charset=utf-8"
TIMESLOT = "00:05"
NO_ROOM = "-"  # bucket for sessions without a room; the format requires one
# Characters XML 1.0 cannot carry at all (a pasted backspace would make the file unreadable).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


@dataclass(frozen=True)
class ScheduleLinks:
    """Absolute URLs the format requires; the caller builds them (url_for or a base URL)."""

    base_url: str
    forum_url: str
    session_url: Callable[[str], str]
    person_url: Callable[[str], str]


def conference_acronym(slug: str) -> str:
    """The slug in the schema's acronym alphabet: hyphens are allowed only at the start
    (``^[a-z0-9_-][a-z0-9_]{3,}``), so they become underscores; at least four characters.
    Importing such a file finds the forum again by its sessions' guids."""
    acronym = re.sub(r"[^a-z0-9_]", "_", slug.lower())
    return acronym.ljust(4, "_")


def _track_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _event_id(key: str, taken: set[int]) -> int:
    """A positive 31-bit integer from the guid: stable across exports, unique in the file."""
    try:
        number = uuid.UUID(key).int % (2**31 - 1) + 1
    except ValueError:
        number = int.from_bytes(key.encode()[:4].ljust(4, b"\0"), "big") % (2**31 - 1) + 1
    while number in taken:
        number = number % (2**31 - 1) + 1
    taken.add(number)
    return number


def _hhmm(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _local_days(programme: Programme, zone) -> list[date]:
    days = set()
    current = programme.start_date
    while current <= programme.end_date:
        days.add(current)
        current += timedelta(days=1)
    days.update(d.day for d in programme.days)
    days.update(s.starts_at.astimezone(zone).date() for s in programme.sessions)
    return sorted(days)


def _room_names(programme: Programme, lang: str) -> dict[str, str]:
    """Room key -> a name unique in the file (the format keys rooms by name)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for room in programme.rooms:
        base = _clean(programme.text(room.name, lang)) or room.key
        name, n = base, 2
        while name in used:
            name, n = f"{base} ({n})", n + 1
        used.add(name)
        names[room.key] = name
    return names


@dataclass(frozen=True)
class _Day:
    index: int
    day: date
    start: datetime
    end: datetime
    rooms: dict[str, list[dict]]


def _day_bounds(programme: Programme, day: date, zone) -> tuple[datetime, datetime]:
    info = next((d for d in programme.days if d.day == day), None)
    opens = info.opens_at if info and info.opens_at else time(0, 0)
    closes = info.closes_at if info and info.closes_at else time(23, 59)
    start = datetime.combine(day, opens, tzinfo=zone)
    end = datetime.combine(day, closes, tzinfo=zone)
    sessions = [s for s in programme.sessions if s.starts_at.astimezone(zone).date() == day]
    if sessions:
        start = min(start, *(s.starts_at.astimezone(zone) for s in sessions))
        end = max(end, *(s.ends_at.astimezone(zone) for s in sessions))
    return start, end


def _event(
    programme: Programme,
    session: ProgrammeSession,
    *,
    room_name: str,
    acronym: str,
    lang: str,
    links: ScheduleLinks,
    event_id: int,
    zone,
) -> dict:
    starts = session.starts_at.astimezone(zone)
    description = _clean(programme.text(session.description, lang))
    persons = []
    for role in session.speakers:
        person = programme.person(role.person_key)
        if person is None or any(p["guid"] == person.key for p in persons):
            continue
        persons.append(
            {
                "guid": person.key,
                "name": _clean(person.display_name(lang)),
                "public_name": _clean(person.display_name(lang)),
                "biography": _clean(programme.text(person.bio, lang)) or None,
                "url": links.person_url(person.key),
            }
        )
    return {
        "guid": session.key.lower(),
        "id": event_id,
        "date": starts.isoformat(),
        "start": starts.strftime("%H:%M"),
        "end": session.ends_at.astimezone(zone).isoformat(),
        "duration": _hhmm(session.ends_at - session.starts_at),
        "room": room_name,
        "slug": f"{acronym}-{session.key.lower()}",
        "url": links.session_url(session.key),
        "title": _clean(programme.text(session.title, lang)),
        "subtitle": "",
        "track": _clean(session.track) or None,
        "type": session.kind,
        "language": session.language,
        "abstract": description,
        "description": description,
        "logo": None,
        "do_not_record": None,
        "persons": persons,
        "links": [],
        "attachments": [],
    }


def _days(programme: Programme, lang: str, links: ScheduleLinks) -> list[_Day]:
    zone = get_zone(programme.timezone)
    acronym = conference_acronym(programme.slug)
    room_names = _room_names(programme, lang)
    taken: set[int] = set()
    result = []
    for index, day in enumerate(_local_days(programme, zone), start=1):
        start, end = _day_bounds(programme, day, zone)
        rooms: dict[str, list[dict]] = {}
        for session in programme.sessions:  # already in time order
            if session.starts_at.astimezone(zone).date() != day:
                continue
            room_name = room_names.get(session.room_key or "", NO_ROOM)
            rooms.setdefault(room_name, []).append(
                _event(
                    programme,
                    session,
                    room_name=room_name,
                    acronym=acronym,
                    lang=lang,
                    links=links,
                    event_id=_event_id(session.key, taken),
                    zone=zone,
                )
            )
        result.append(_Day(index, day, start, end, rooms))
    return result


def _tracks(programme: Programme) -> list[dict]:
    names = sorted({_clean(s.track) for s in programme.sessions if _clean(s.track)})
    tracks = []
    for name in names:
        track = {"name": name}
        if len(_track_slug(name)) >= 2:
            track["slug"] = _track_slug(name)
        tracks.append(track)
    return tracks


def _version(programme: Programme) -> str:
    return _clean(programme.release.name) if programme.release else "draft"


def schedule_json(programme: Programme, lang: str, links: ScheduleLinks) -> bytes:
    days = _days(programme, lang, links)
    room_names = _room_names(programme, lang)
    conference = {
        "acronym": conference_acronym(programme.slug),
        "title": _clean(programme.text(programme.title, lang)),
        "start": programme.start_date.isoformat(),
        "end": programme.end_date.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": TIMESLOT,
        "time_zone_name": programme.timezone,
        "url": links.forum_url,
        "rooms": [
            {"name": room_names[r.key], "guid": r.key.lower(), "capacity": r.capacity}
            for r in programme.rooms
        ],
        "tracks": _tracks(programme),
        "days": [
            {
                "index": d.index,
                "date": d.day.isoformat(),
                "day_start": d.start.isoformat(),
                "day_end": d.end.isoformat(),
                "rooms": d.rooms,
            }
            for d in days
        ],
    }
    description = _clean(programme.text(programme.description, lang))
    if description:
        conference["description"] = description
    document = {
        "$schema": SCHEMA_URL,
        "generator": GENERATOR,
        "schedule": {
            "version": _version(programme),
            "base_url": links.base_url,
            "conference": conference,
        },
    }
    # No indent: json's C encoder only runs without one, and is ~10x faster on 250 events.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def schedule_xml(programme: Programme, lang: str, links: ScheduleLinks) -> bytes:
    days = _days(programme, lang, links)
    root = ET.Element("schedule")
    _sub(root, "generator", name=GENERATOR["name"], version=GENERATOR["version"])
    _sub(root, "version", _version(programme))
    conference = _sub(root, "conference")
    _sub(conference, "acronym", conference_acronym(programme.slug))
    _sub(conference, "title", _clean(programme.text(programme.title, lang)))
    _sub(conference, "start", programme.start_date.isoformat())
    _sub(conference, "end", programme.end_date.isoformat())
    _sub(conference, "days", str(len(days)))
    _sub(conference, "timeslot_duration", TIMESLOT)
    _sub(conference, "base_url", links.base_url)
    _sub(conference, "url", links.forum_url)
    _sub(conference, "time_zone_name", programme.timezone)
    for track in _tracks(programme):
        _sub(conference, "track", track["name"], name=track["name"], slug=track.get("slug"))
    room_guids = {name: key for key, name in _room_names(programme, lang).items()}
    for day in days:
        day_el = _sub(
            root,
            "day",
            index=str(day.index),
            date=day.day.isoformat(),
            start=day.start.isoformat(),
            end=day.end.isoformat(),
        )
        for room_name, events in day.rooms.items():
            room_el = _sub(day_el, "room", name=room_name, guid=room_guids.get(room_name))
            for event in events:
                _event_xml(room_el, event)
    ET.indent(root, space=" ")
    # Serialised to str and encoded once: with encoding="utf-8" ElementTree writes through
    # a TextIOWrapper, one encoder call per fragment (~120,000 for 250 events).
    return _XML_DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8")


_XML_DECLARATION = b"<?xml version='1.0' encoding='utf-8'?>\n"


def _event_xml(room_el: ET.Element, event: dict) -> None:
    event_el = _sub(room_el, "event", id=str(event["id"]), guid=event["guid"])
    for tag in ("date", "start", "duration", "room", "slug", "url", "title", "subtitle"):
        _sub(event_el, tag, event[tag])
    _sub(event_el, "track", event["track"] or "")
    _sub(event_el, "type", event["type"])
    if event["language"]:
        _sub(event_el, "language", event["language"])
    _sub(event_el, "abstract", event["abstract"] or "")
    _sub(event_el, "description", event["description"] or "")
    persons = _sub(event_el, "persons")
    for person in event["persons"]:
        _sub(persons, "person", person["name"], guid=person["guid"])
    _sub(event_el, "links")
    _sub(event_el, "attachments")
