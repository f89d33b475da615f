"""Reading schedule.json and schedule.xml as pretalx and frab write them. Pure: bytes in,
an ``ImportedSchedule`` or a ``ScheduleFormatError`` naming the place out.

Tolerant of what real exports contain: unknown fields are ignored, optional ones may
be missing or null, ``date`` may be absent (old frab: day date + ``start``), person
guids are often missing (pretalx gives a ``code``), and pretalx has been seen to give
two rooms the same guid. Strict where a wrong guess would corrupt the programme:
times must parse, every event must start within the conference's days.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from forumapp.core.timezones import get_zone, is_valid_zone
from forumapp.programme.rules.schedule_xml_reader import read_xml_document

# Guids we derive for things a file names but does not identify (pretalx persons, rooms
# without a guid): uuid5 in this namespace from the acronym and the name or code, so the
# same file always maps to the same rows.
IMPORT_NAMESPACE = uuid.UUID("2d7f6a8e-4c1b-4f43-9a3e-6b0e5d1c9f27")
_UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
_ACRONYM = re.compile(r"^[a-z0-9][a-z0-9_-]{1,78}$")


class ScheduleFormatError(ValueError):
    """The file cannot be imported; ``place`` says where (a JSON path or an XML path)."""

    def __init__(self, place: str, problem: str) -> None:
        super().__init__(f"{place}: {problem}")
        self.place = place
        self.problem = problem


@dataclass(frozen=True)
class ImportedRoom:
    guid: str
    name: str
    capacity: int | None = None
    position: int = 0


@dataclass(frozen=True)
class ImportedPerson:
    guid: str
    name: str
    biography: str = ""


@dataclass(frozen=True)
class ImportedEvent:
    guid: str
    title: str
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    room_guid: str | None
    kind: str = "talk"  # the file's "type", mapped to a session kind by the service
    track: str | None = None
    language: str | None = None
    abstract: str = ""
    description: str = ""
    person_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportedSchedule:
    acronym: str
    title: str
    timezone: str
    start_date: date
    end_date: date
    version: str
    days: tuple[date, ...]
    rooms: tuple[ImportedRoom, ...]
    persons: tuple[ImportedPerson, ...]
    events: tuple[ImportedEvent, ...]


def derived_guid(*parts: object) -> str:
    return str(uuid.uuid5(IMPORT_NAMESPACE, "\x1f".join(str(p) for p in parts)))


# -- small readers that name the place on failure -------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _required_text(record: Mapping[str, Any], key: str, place: str, sep: str = ".") -> str:
    value = _text(record.get(key)).strip()
    if not value:
        raise ScheduleFormatError(f"{place}{sep}{key}", "missing")
    return value


def _parse_date(value: Any, place: str) -> date:
    try:
        return date.fromisoformat(_text(value).strip()[:10])
    except ValueError:
        raise ScheduleFormatError(place, f"not a date: {value!r}") from None


def _parse_datetime(value: Any, place: str, zone: tzinfo) -> datetime:
    text = _text(value).strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ScheduleFormatError(place, f"not a date and time: {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def _parse_duration(value: Any, place: str) -> timedelta:
    match = re.fullmatch(r"\s*(\d{1,3}):(\d{2})(?::(\d{2}))?\s*", _text(value))
    if not match:
        raise ScheduleFormatError(place, f"not a duration (hh:mm): {value!r}")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _guid(value: Any, *fallback_parts: object) -> str:
    text = _text(value).strip()
    if _UUID.match(text):
        return text.lower()
    return derived_guid(*fallback_parts, text) if text else derived_guid(*fallback_parts)


def _zone_name(value: Any) -> str:
    name = _text(value).strip()
    return name if is_valid_zone(name) else "UTC"


# -- the shared model both formats are read into -------------------------------------


@dataclass
class _Builder:
    acronym: str
    zone_name: str
    start_date: date
    end_date: date
    rooms: dict[str, ImportedRoom]  # by name
    persons: dict[str, ImportedPerson]  # by guid
    events: list[ImportedEvent]
    room_guids_seen: set[str]
    sep: str = "."  # JSON paths use dots, XML paths slashes

    @property
    def zone(self) -> tzinfo:
        return get_zone(self.zone_name)

    def room(self, name: str, guid: Any = None, capacity: Any = None) -> ImportedRoom:
        name = name.strip() or "-"
        if name in self.rooms:
            return self.rooms[name]
        room_guid = _guid(guid, self.acronym, "room", name)
        if room_guid in self.room_guids_seen:  # pretalx gives rooms the same guid
            room_guid = derived_guid(self.acronym, "room", name)
        self.room_guids_seen.add(room_guid)
        room = ImportedRoom(
            guid=room_guid,
            name=name,
            capacity=int(capacity)
            if isinstance(capacity, (int, float)) and capacity >= 0
            else None,
            position=len(self.rooms),
        )
        self.rooms[name] = room
        return room

    def person(self, record: Mapping[str, Any], place: str) -> str:
        name = _text(
            record.get("name") or record.get("public_name") or record.get("full_public_name")
        )
        name = name.strip()
        if not name:
            raise ScheduleFormatError(f"{place}{self.sep}name", "missing")
        key = record.get("code") or record.get("id") or name
        person_guid = _guid(record.get("guid"), self.acronym, "person", key)
        if person_guid not in self.persons:
            self.persons[person_guid] = ImportedPerson(
                guid=person_guid,
                name=name,
                biography=_text(record.get("biography")).strip(),
            )
        return person_guid

    def check_within_days(self, starts_at: datetime, place: str) -> None:
        local_day = starts_at.astimezone(self.zone).date()
        if not self.start_date <= local_day <= self.end_date:
            raise ScheduleFormatError(
                place,
                f"starts on {local_day.isoformat()}, outside the conference days "
                f"{self.start_date.isoformat()}..{self.end_date.isoformat()}",
            )

    def finish(self, title: str, version: str, day_dates: set[date]) -> ImportedSchedule:
        seen: dict[str, str] = {}
        for index, event in enumerate(self.events):
            if event.guid in seen:
                raise ScheduleFormatError(f"event {event.guid}", "the same guid appears twice")
            seen[event.guid] = str(index)
        return ImportedSchedule(
            acronym=self.acronym,
            title=title,
            timezone=self.zone_name,
            start_date=self.start_date,
            end_date=self.end_date,
            version=version,
            days=tuple(sorted(day_dates)),
            rooms=tuple(self.rooms.values()),
            persons=tuple(self.persons.values()),
            events=tuple(sorted(self.events, key=lambda e: (e.starts_at, e.guid))),
        )


def _check_acronym(acronym: str, place: str) -> str:
    acronym = acronym.strip().lower()
    if not _ACRONYM.match(acronym):
        raise ScheduleFormatError(place, f"not usable as a forum slug: {acronym!r}")
    return acronym


def _event_times(
    record: Mapping[str, Any], place: str, day_date: date | None, builder: _Builder
) -> tuple[datetime, datetime]:
    if record.get("date"):
        starts_at = _parse_datetime(record["date"], f"{place}{builder.sep}date", builder.zone)
    elif record.get("start") and day_date is not None:
        clock = _text(record["start"]).strip()
        try:
            local = datetime.combine(day_date, time.fromisoformat(clock), tzinfo=builder.zone)
        except ValueError:
            raise ScheduleFormatError(
                f"{place}{builder.sep}start", f"not a time: {clock!r}"
            ) from None
        starts_at = local.astimezone(UTC)
    else:
        raise ScheduleFormatError(f"{place}{builder.sep}date", "missing")
    if record.get("end"):
        ends_at = _parse_datetime(record["end"], f"{place}{builder.sep}end", builder.zone)
    else:
        ends_at = starts_at + _parse_duration(
            record.get("duration"), f"{place}{builder.sep}duration"
        )
    if ends_at <= starts_at:
        raise ScheduleFormatError(
            f"{place}{builder.sep}duration", "the event ends before it starts"
        )
    return starts_at, ends_at


def _add_event(
    builder: _Builder, record: Mapping[str, Any], place: str, room_name: str, day_date: date | None
) -> None:
    if not isinstance(record, Mapping):
        raise ScheduleFormatError(place, "not an object")
    title = _required_text(record, "title", place, builder.sep)
    starts_at, ends_at = _event_times(record, place, day_date, builder)
    builder.check_within_days(starts_at, f"{place}{builder.sep}date")
    room = builder.room(_text(record.get("room")) or room_name)
    persons = record.get("persons") or []
    if not isinstance(persons, list):
        raise ScheduleFormatError(f"{place}{builder.sep}persons", "not a list")
    person_guids = []
    for n, entry in enumerate(persons):
        person = {"name": entry} if isinstance(entry, str) else entry
        if not isinstance(person, Mapping):
            raise ScheduleFormatError(f"{place}{builder.sep}persons[{n}]", "not an object")
        person_guid = builder.person(person, f"{place}{builder.sep}persons[{n}]")
        if person_guid not in person_guids:
            person_guids.append(person_guid)
    fallback_key = record.get("id") or record.get("slug") or title
    language = _text(record.get("language")).strip().lower()[:8] or None
    builder.events.append(
        ImportedEvent(
            guid=_guid(record.get("guid"), builder.acronym, "event", fallback_key),
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            room_guid=room.guid,
            kind=_text(record.get("type")).strip().lower() or "talk",
            track=_text(record.get("track")).strip()[:80] or None,
            language=language,
            abstract=_text(record.get("abstract")).strip(),
            description=_text(record.get("description")).strip(),
            person_guids=tuple(person_guids),
        )
    )


# -- schedule.json ------------------------------------------------------------------


def _json_document(data: bytes) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ScheduleFormatError(f"byte {exc.start}", "not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ScheduleFormatError(f"line {exc.lineno} column {exc.colno}", exc.msg) from None
    if not isinstance(document, Mapping) or not isinstance(document.get("schedule"), Mapping):
        raise ScheduleFormatError("schedule", "missing (not a schedule.json file)")
    schedule = document["schedule"]
    conference = schedule.get("conference")
    if not isinstance(conference, Mapping):
        raise ScheduleFormatError("schedule.conference", "missing")
    return schedule, conference


def _new_builder(conference: Mapping[str, Any], place: str, sep: str) -> _Builder:
    builder = _Builder(
        acronym=_check_acronym(
            _required_text(conference, "acronym", place, sep), f"{place}{sep}acronym"
        ),
        zone_name=_zone_name(conference.get("time_zone_name")),
        start_date=_parse_date(
            _required_text(conference, "start", place, sep), f"{place}{sep}start"
        ),
        end_date=_parse_date(_required_text(conference, "end", place, sep), f"{place}{sep}end"),
        rooms={},
        persons={},
        events=[],
        room_guids_seen=set(),
        sep=sep,
    )
    if builder.end_date < builder.start_date:
        raise ScheduleFormatError(f"{place}{sep}end", "before the start")
    return builder


def _json_day(builder: _Builder, day: Any, day_place: str) -> date:
    if not isinstance(day, Mapping):
        raise ScheduleFormatError(day_place, "not an object")
    day_date = _parse_date(_required_text(day, "date", day_place), f"{day_place}.date")
    rooms = day.get("rooms") or {}
    if not isinstance(rooms, Mapping):
        raise ScheduleFormatError(f"{day_place}.rooms", "not an object")
    for room_name, events in rooms.items():
        room_place = f"{day_place}.rooms[{json.dumps(room_name, ensure_ascii=False)}]"
        if not isinstance(events, list):
            raise ScheduleFormatError(room_place, "not a list")
        for i, event in enumerate(events):
            _add_event(builder, event, f"{room_place}[{i}]", str(room_name), day_date)
    return day_date


def parse_schedule_json(data: bytes) -> ImportedSchedule:
    schedule, conference = _json_document(data)
    place = "schedule.conference"
    builder = _new_builder(conference, place, ".")
    for n, room in enumerate(conference.get("rooms") or []):
        if not isinstance(room, Mapping) or not _text(room.get("name")).strip():
            raise ScheduleFormatError(f"{place}.rooms[{n}].name", "missing")
        builder.room(_text(room["name"]), room.get("guid"), room.get("capacity"))
    days = conference.get("days")
    if not isinstance(days, list):
        raise ScheduleFormatError(f"{place}.days", "missing")
    day_dates = {_json_day(builder, day, f"{place}.days[{n}]") for n, day in enumerate(days)}
    return builder.finish(
        title=_required_text(conference, "title", place),
        version=_text(schedule.get("version")).strip() or "imported",
        day_dates=day_dates,
    )


# -- schedule.xml -------------------------------------------------------------------


def parse_schedule_xml(data: bytes) -> ImportedSchedule:
    root = read_xml_document(data, ScheduleFormatError)
    if root.tag != "schedule":
        raise ScheduleFormatError(
            f"/{root.tag}", "not a schedule.xml file (root is not <schedule>)"
        )
    conference_el = root.find("conference")
    if conference_el is None:
        raise ScheduleFormatError("/schedule/conference", "missing")
    conference = {child.tag: (child.text or "").strip() for child in conference_el}
    place = "/schedule/conference"
    builder = _new_builder(conference, place, "/")
    day_dates: set[date] = set()
    for n, day_el in enumerate(root.findall("day"), start=1):
        day_place = f"/schedule/day[{n}]"
        day_date = _parse_date(day_el.get("date") or day_el.get("start"), f"{day_place}/@date")
        day_dates.add(day_date)
        for r, room_el in enumerate(day_el.findall("room"), start=1):
            room_name = (room_el.get("name") or "").strip()
            if not room_name:
                raise ScheduleFormatError(f"{day_place}/room[{r}]/@name", "missing")
            builder.room(room_name, room_el.get("guid"))
            for e, event_el in enumerate(room_el.findall("event"), start=1):
                record: dict[str, Any] = {
                    child.tag: (child.text or "").strip()
                    for child in event_el
                    if child.tag not in ("persons", "links", "attachments")
                }
                record["guid"] = event_el.get("guid")
                record["id"] = event_el.get("id")
                record["persons"] = [
                    {"name": (p.text or "").strip(), "guid": p.get("guid"), "id": p.get("id")}
                    for p in event_el.findall("persons/person")
                ]
                _add_event(
                    builder, record, f"{day_place}/room[{r}]/event[{e}]", room_name, day_date
                )
    return builder.finish(
        title=_required_text(conference, "title", place, "/"),
        version=(root.findtext("version") or "").strip() or "imported",
        day_dates=day_dates,
    )


def parse_schedule(data: bytes) -> ImportedSchedule:
    """Either format, told apart by the first non-blank character."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"{":
        return parse_schedule_json(data)
    if head == b"<":
        return parse_schedule_xml(data)
    raise ScheduleFormatError("line 1", "neither JSON nor XML")
