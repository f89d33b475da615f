"""Reading problem and schedule JSON, checking the schema semantics in plain Python.

Besides what the JSON schemas say (types, required and unknown fields, patterns,
minimums), this checks what they cannot: known ids, unique ids, no overlapping
slots, no request of a participant with itself. The first problem found becomes
a one-line `ProblemError` naming its place, e.g.
``requests[3].b: unknown participant 'p99'``.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from itertools import pairwise
from typing import Any

from forumapp.b2b.solver.problem import (
    PROBLEM_FORMAT,
    SCHEDULE_FORMAT,
    Interpreter,
    Meeting,
    Participant,
    Problem,
    ProblemError,
    Request,
    Schedule,
    Slot,
    Table,
)

# RFC 3339 date-time (the JSON schema `format: date-time`): the offset is mandatory.
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")


def load_json(text: str | bytes) -> Any:
    def reject_constant(name: str) -> None:
        raise ProblemError(f"invalid JSON: {name} is not allowed")

    try:
        if isinstance(text, bytes):
            # The format is UTF-8 (json.loads would also guess UTF-16/32); a BOM is tolerated.
            text = text.decode("utf-8-sig")
        return json.loads(text, parse_constant=reject_constant)
    except json.JSONDecodeError as exc:
        raise ProblemError(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except UnicodeDecodeError as exc:
        raise ProblemError(f"invalid JSON: not UTF-8 ({exc.reason} at byte {exc.start})") from None


def parse_problem(text: str | bytes) -> Problem:
    return problem_from_dict(load_json(text))


def _obj(value: Any, where: str, required: tuple[str, ...], allowed: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise ProblemError(f"{where}: expected an object, got {_kind(value)}")
    for key in required:
        if key not in value:
            raise ProblemError(f"{where}: missing field '{key}'")
    for key in value:
        if key not in allowed:
            raise ProblemError(f"{where}: unknown field '{key}'")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _str(value: Any, where: str, *, nonempty: bool = False) -> str:
    if not isinstance(value, str):
        raise ProblemError(f"{where}: expected a string, got {_kind(value)}")
    if nonempty and not value:
        raise ProblemError(f"{where}: must not be empty")
    return value


def _int(value: Any, where: str, minimum: int) -> int:
    # JSON Schema's "integer" accepts 2.0 but not true/false.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProblemError(f"{where}: expected an integer, got {_kind(value)}")
    if isinstance(value, float) and not value.is_integer():
        raise ProblemError(f"{where}: expected an integer, got {value}")
    if value < minimum:
        raise ProblemError(f"{where}: must be at least {minimum}, got {int(value)}")
    return int(value)


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise ProblemError(f"{where}: expected an array, got {_kind(value)}")
    return value


def _date_time(value: Any, where: str) -> datetime:
    text = _str(value, where)
    if not _DATE_TIME.match(text):
        raise ProblemError(f"{where}: not an ISO 8601 date-time with offset: {text!r}")
    try:
        return datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError as exc:
        raise ProblemError(f"{where}: {exc}") from None


def _languages(value: Any, where: str, min_items: int) -> tuple[str, ...]:
    items = _list(value, where)
    if len(items) < min_items:
        raise ProblemError(f"{where}: needs at least {min_items} language(s)")
    for i, lang in enumerate(items):
        if not _LANGUAGE.match(_str(lang, f"{where}[{i}]")):
            raise ProblemError(f"{where}[{i}]: not a two-letter language code: {lang!r}")
    return tuple(items)


def _unique_ids(items: list[dict], section: str) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = item["id"]
        if ident in seen:
            raise ProblemError(
                f"{section}[{i}].id: duplicate id {ident!r} (also {section}[{seen[ident]}])"
            )
        seen[ident] = i


def _available(value: Any, where: str, slot_ids: set[str]) -> frozenset[str]:
    items = _list(value, where)
    for i, slot in enumerate(items):
        if _str(slot, f"{where}[{i}]") not in slot_ids:
            raise ProblemError(f"{where}[{i}]: unknown slot {slot!r}")
    return frozenset(items)


def problem_from_dict(data: Any) -> Problem:
    keys = ("format", "slots", "tables", "participants", "interpreters", "requests")
    _obj(data, "problem", keys, (*keys, "name"))
    if data["format"] != PROBLEM_FORMAT:
        raise ProblemError(f"format: expected {PROBLEM_FORMAT!r}, got {data['format']!r}")
    slots = _slots(data["slots"])
    tables = _tables(data["tables"])
    slot_ids = {s.id for s in slots}
    participants = _participants(data["participants"], slot_ids, {t.id for t in tables})
    return Problem(
        slots=slots,
        tables=tables,
        participants=participants,
        interpreters=_interpreters(data["interpreters"], slot_ids),
        requests=_requests(data["requests"], {p.id for p in participants}),
        name=_str(data["name"], "name") if "name" in data else None,
    )


def _slots(value: Any) -> tuple[Slot, ...]:
    raw_slots = _list(value, "slots")
    slots = []
    for i, raw in enumerate(raw_slots):
        where = f"slots[{i}]"
        _obj(raw, where, ("id", "start", "end"), ("id", "start", "end"))
        start = _date_time(raw["start"], f"{where}.start")
        end = _date_time(raw["end"], f"{where}.end")
        if end <= start:
            raise ProblemError(f"{where}.end: not after start")
        slots.append(Slot(_str(raw["id"], f"{where}.id", nonempty=True), start, end))
    _unique_ids(raw_slots, "slots")
    by_start = sorted(range(len(slots)), key=lambda i: slots[i].start)
    for prev, cur in pairwise(by_start):
        if slots[cur].start < slots[prev].end:
            raise ProblemError(f"slots[{cur}]: overlaps slots[{prev}] ({slots[prev].id!r})")
    return tuple(slots)


def _tables(value: Any) -> tuple[Table, ...]:
    raw_tables = _list(value, "tables")
    tables = []
    for i, raw in enumerate(raw_tables):
        where = f"tables[{i}]"
        _obj(raw, where, ("id",), ("id", "name"))
        name = _str(raw["name"], f"{where}.name") if "name" in raw else None
        tables.append(Table(_str(raw["id"], f"{where}.id", nonempty=True), name))
    _unique_ids(raw_tables, "tables")
    return tuple(tables)


def _participants(value: Any, slot_ids: set[str], table_ids: set[str]) -> tuple[Participant, ...]:
    raw_parts = _list(value, "participants")
    participants = []
    fields = ("id", "name", "languages", "available")
    for i, raw in enumerate(raw_parts):
        where = f"participants[{i}]"
        _obj(raw, where, fields, (*fields, "max_meetings", "table"))
        table = None
        if "table" in raw:
            table = _str(raw["table"], f"{where}.table")
            if table not in table_ids:
                raise ProblemError(f"{where}.table: unknown table {table!r}")
        max_meetings = None
        if "max_meetings" in raw:
            max_meetings = _int(raw["max_meetings"], f"{where}.max_meetings", 0)
        participants.append(
            Participant(
                id=_str(raw["id"], f"{where}.id", nonempty=True),
                name=_str(raw["name"], f"{where}.name"),
                languages=_languages(raw["languages"], f"{where}.languages", 1),
                available=_available(raw["available"], f"{where}.available", slot_ids),
                max_meetings=max_meetings,
                table=table,
            )
        )
    _unique_ids(raw_parts, "participants")
    return tuple(participants)


def _interpreters(value: Any, slot_ids: set[str]) -> tuple[Interpreter, ...]:
    raw_interps = _list(value, "interpreters")
    interpreters = []
    for i, raw in enumerate(raw_interps):
        where = f"interpreters[{i}]"
        _obj(raw, where, ("id", "languages", "available"), ("id", "name", "languages", "available"))
        interpreters.append(
            Interpreter(
                id=_str(raw["id"], f"{where}.id", nonempty=True),
                languages=_languages(raw["languages"], f"{where}.languages", 2),
                available=_available(raw["available"], f"{where}.available", slot_ids),
                name=_str(raw["name"], f"{where}.name") if "name" in raw else None,
            )
        )
    _unique_ids(raw_interps, "interpreters")
    return tuple(interpreters)


def _requests(value: Any, participant_ids: set[str]) -> tuple[Request, ...]:
    raw_reqs = _list(value, "requests")
    requests = []
    for i, raw in enumerate(raw_reqs):
        where = f"requests[{i}]"
        _obj(raw, where, ("id", "a", "b"), ("id", "a", "b", "priority"))
        rid = _str(raw["id"], f"{where}.id", nonempty=True)
        for side in ("a", "b"):
            if _str(raw[side], f"{where}.{side}") not in participant_ids:
                raise ProblemError(f"{where}.{side}: unknown participant {raw[side]!r}")
        if raw["a"] == raw["b"]:
            raise ProblemError(f"{where}.b: participant {raw['b']!r} cannot meet itself")
        priority = _int(raw["priority"], f"{where}.priority", 1) if "priority" in raw else 1
        requests.append(Request(rid, raw["a"], raw["b"], priority))
    _unique_ids(raw_reqs, "requests")
    return tuple(requests)


def parse_schedule(text: str | bytes) -> Schedule:
    return schedule_from_dict(load_json(text))


def meetings_from_list(items: Any, where: str) -> tuple[Meeting, ...]:
    """Meetings as the schedule format writes them (used for `locked` and `previous`)."""
    meetings = []
    for i, raw in enumerate(_list(items, where)):
        w = f"{where}[{i}]"
        # The schedule schema allows extra keys in a meeting.
        _obj(raw, w, ("request", "slot", "table"), tuple(raw) if isinstance(raw, dict) else ())
        interp = raw.get("interpreter")
        meetings.append(
            Meeting(
                request=_str(raw["request"], f"{w}.request"),
                slot=_str(raw["slot"], f"{w}.slot"),
                table=_str(raw["table"], f"{w}.table"),
                interpreter=None if interp is None else _str(interp, f"{w}.interpreter"),
            )
        )
    return tuple(meetings)


def schedule_from_dict(data: Any) -> Schedule:
    """A schedule file; shape only (ids are checked against a problem by the checker)."""
    _obj(
        data,
        "schedule",
        ("format", "meetings", "unscheduled"),
        tuple(data) if isinstance(data, dict) else (),  # the schema allows extra keys
    )
    if data["format"] != SCHEDULE_FORMAT:
        raise ProblemError(f"format: expected {SCHEDULE_FORMAT!r}, got {data['format']!r}")
    unscheduled = _list(data["unscheduled"], "unscheduled")
    for i, rid in enumerate(unscheduled):
        _str(rid, f"unscheduled[{i}]")
    value = _int(data["value"], "value", -(2**62)) if "value" in data else None
    bound = data.get("upper_bound")
    return Schedule(
        meetings=meetings_from_list(data["meetings"], "meetings"),
        unscheduled=tuple(unscheduled),
        value=value,
        upper_bound=None if bound is None else _int(bound, "upper_bound", -(2**62)),
        seconds=data.get("seconds"),
    )
