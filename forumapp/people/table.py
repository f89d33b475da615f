"""The people and organisations spreadsheet: its columns, and rows of text turned into typed
rows with per-row problems. Pure: no database, no Flask; problems are codes with
parameters, which the service words in the organiser's language.

A file names its columns in its first non-blank row, in any order and case
("Name Latin" reads as ``name_latin``). Columns the file leaves out are left alone when a
row updates an existing record; unknown columns are ignored with a notice. A row with an
``id`` updates that record; a row without one creates a record.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from forumapp.core.localized import LANGUAGES
from forumapp.core.table_files import TableFileError, read_rows

# Larger than any real id, small enough for a 32-bit integer column everywhere.
MAX_ID = 2**31 - 1


class TableKind(enum.StrEnum):
    PEOPLE = "people"
    ORGANISATIONS = "organisations"


class Shape(enum.StrEnum):
    ID = "id"
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # line breaks kept
    CODES = "codes"  # "ko, en" -> ["ko", "en"]


@dataclass(frozen=True)
class Column:
    name: str  # as written in the file's header
    field: str  # the record's attribute it fills
    shape: Shape
    max_length: int
    language: str | None = None  # set for one language of a multilingual text


def _localized(prefix: str, shape: Shape, max_length: int, attribute: str | None = None):
    return tuple(
        Column(f"{prefix}_{lang}", attribute or prefix, shape, max_length, lang)
        for lang in LANGUAGES
    )


PEOPLE_COLUMNS: tuple[Column, ...] = (
    Column("id", "id", Shape.ID, 12),
    Column("name_hangul", "name_hangul", Shape.TEXT, 120),
    Column("name_latin", "name_latin", Shape.TEXT, 160),
    Column("name_native", "name_native", Shape.TEXT, 160),
    *_localized("title", Shape.TEXT, 300),
    Column("organisation", "organisation", Shape.TEXT, 300),
    Column("email", "email", Shape.TEXT, 255),
    Column("phone", "phone", Shape.TEXT, 64),
    Column("languages", "languages", Shape.CODES, 200),
    *_localized("bio", Shape.LONG_TEXT, 10_000),
)

ORGANISATION_COLUMNS: tuple[Column, ...] = (
    Column("id", "id", Shape.ID, 12),
    Column("kind", "kind", Shape.TEXT, 40),
    Column("country", "country", Shape.TEXT, 40),
    *_localized("name", Shape.TEXT, 300),
    Column("short_name", "short_name", Shape.TEXT, 80),
    *_localized("region", Shape.TEXT, 300),
    Column("sectors", "sectors", Shape.CODES, 500),
    Column("website", "website", Shape.TEXT, 255),
    Column("email", "email", Shape.TEXT, 255),
    Column("phone", "phone", Shape.TEXT, 64),
    Column("notes", "notes", Shape.LONG_TEXT, 10_000),
)

COLUMNS = {TableKind.PEOPLE: PEOPLE_COLUMNS, TableKind.ORGANISATIONS: ORGANISATION_COLUMNS}
# Each group: the file must have at least one of these columns.
REQUIRED_GROUPS = {
    TableKind.PEOPLE: (("name_hangul", "name_latin", "name_native"),),
    TableKind.ORGANISATIONS: (("kind",), ("country",), ("name_ko", "name_en", "name_ru")),
}
LOCALIZED_FIELDS = {
    TableKind.PEOPLE: ("title", "bio"),
    TableKind.ORGANISATIONS: ("name", "region"),
}
MAX_CODE_LENGTH = 40


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file (``line`` None) or with one cell or row.

    ``line`` is the spreadsheet row number (the header is usually row 1).
    """

    code: str
    line: int | None = None
    column: str | None = None
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.params)


def problem(code: str, line: int | None = None, column: str | None = None, **params) -> Problem:
    return Problem(code, line, column, tuple(sorted(params.items())))


@dataclass
class ParsedRow:
    line: int
    id: int | None
    # Only the fields whose columns the file has. Multilingual texts are dicts holding
    # every language column the file has, "" meaning "clear this language".
    values: dict[str, Any]
    cells: dict[str, str]  # column -> text as read, for the preview table
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ParsedTable:
    kind: TableKind
    columns: list[str] = field(default_factory=list)  # recognised, in the file's order
    ignored_columns: list[str] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)
    fatal: Problem | None = None  # the file cannot be imported at all

    @property
    def problems(self) -> list[Problem]:
        found = [self.fatal] if self.fatal else []
        return found + [p for row in self.rows for p in row.problems]


def normalise_header(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.replace("\ufeff", "").strip().lower())


_LINE_BREAKS = re.compile(r"[\r\n\t\v\f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(raw: str, shape: Shape) -> str:
    if shape is Shape.LONG_TEXT:
        # Line breaks kept as they are (browsers send CRLF), so a round trip changes nothing.
        return _CONTROL.sub("", raw).strip()
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", raw)).strip()


def split_codes(text: str) -> list[str]:
    return list(dict.fromkeys(p.lower() for p in re.split(r"[,;\s]+", text) if p))


def _parse_cell(column: Column, raw: str, line: int, row: ParsedRow) -> Any:
    text = _clean_text(raw, column.shape)
    if len(text) > column.max_length:
        row.problems.append(
            problem("too_long", line, column.name, limit=column.max_length, length=len(text))
        )
        return None
    if column.shape is Shape.ID:
        if not text:
            return None
        if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_ID:
            row.problems.append(problem("not_an_id", line, column.name, value=text))
            return None
        return int(text)
    if column.shape is Shape.CODES:
        return _parse_codes(column, text, line, row)
    return text


def _parse_codes(column: Column, text: str, line: int, row: ParsedRow) -> list[str] | None:
    found = split_codes(text)
    if any(len(c) > MAX_CODE_LENGTH for c in found):
        row.problems.append(problem("code_too_long", line, column.name, limit=MAX_CODE_LENGTH))
        return None
    return found


def _map_header(kind: TableKind, header: Sequence[str], table: ParsedTable) -> dict[int, Column]:
    by_name = {c.name: c for c in COLUMNS[kind]}
    positions: dict[int, Column] = {}
    seen: set[str] = set()
    for index, cell in enumerate(header):
        name = normalise_header(cell)
        if not name:
            continue
        if name in seen:
            table.fatal = problem("duplicate_column", 1, name)
            return {}
        seen.add(name)
        if name in by_name:
            positions[index] = by_name[name]
            table.columns.append(name)
        else:
            table.ignored_columns.append(cell.strip())
    missing = [
        " / ".join(group)
        for group in REQUIRED_GROUPS[kind]
        if not any(name in seen for name in group)
    ]
    if missing:
        table.fatal = problem(
            "missing_columns",
            columns=", ".join(missing),
            expected=", ".join(c.name for c in COLUMNS[kind]),
        )
        return {}
    return positions


def parse_rows(kind: TableKind | str, rows: Iterable[Sequence[str]]) -> ParsedTable:
    """Typed rows and their problems from rows of cell texts (header first)."""
    kind = TableKind(kind)
    table = ParsedTable(kind)
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not numbered:
        table.fatal = problem("empty")
        return table
    (header_line, header), *data = numbered
    positions = _map_header(kind, header, table)
    if table.fatal:
        return table
    if not data:
        table.fatal = problem("no_rows")
        return table
    for line, cells in data:
        row = ParsedRow(line=line, id=None, values={}, cells={})
        for index, column in positions.items():
            raw = cells[index] if index < len(cells) else ""
            row.cells[column.name] = raw.strip()
            value = _parse_cell(column, raw, line, row)
            if column.language:
                row.values.setdefault(column.field, {})[column.language] = value or ""
            elif column.field == "id":
                row.id = value
            else:
                row.values[column.field] = value
        table.rows.append(row)
    _check_repeats(table, header_line)
    return table


def _check_repeats(table: ParsedTable, header_line: int) -> None:
    """The same record twice in one file is a mistake whichever copy is meant."""
    first_line_of: dict[tuple[str, object], int] = {}
    for row in table.rows:
        keys: list[tuple[str, object]] = []
        if row.id is not None:
            keys.append(("id", row.id))
        email = row.values.get("email")
        if email and table.kind is TableKind.PEOPLE:
            keys.append(("email", email.casefold()))
        for key in keys:
            if key in first_line_of:
                row.problems.append(
                    problem("repeated_in_file", row.line, key[0], first=first_line_of[key])
                )
            else:
                first_line_of[key] = row.line


def parse_file(kind: TableKind | str, data: bytes, filename: str = "") -> ParsedTable:
    """``parse_rows`` on a CSV or .xlsx file; an unreadable file is the table's ``fatal``."""
    try:
        rows = read_rows(data, filename)
    except TableFileError as error:
        table = ParsedTable(TableKind(kind))
        table.fatal = problem(error.code, error.line, **error.params)
        return table
    return parse_rows(kind, rows)


# -- export ----------------------------------------------------------------------------


def header(kind: TableKind | str) -> list[str]:
    return [c.name for c in COLUMNS[TableKind(kind)]]


def format_record(kind: TableKind | str, record: Mapping[str, Any]) -> list[str]:
    """One record (field -> value, as the service loads it) as the cells of one row."""
    cells = []
    for column in COLUMNS[TableKind(kind)]:
        value = record.get(column.field)
        if column.language:
            cells.append(str((value or {}).get(column.language) or ""))
        elif column.shape is Shape.CODES:
            cells.append(", ".join(value or []))
        else:
            cells.append("" if value is None else str(value))
    return cells
