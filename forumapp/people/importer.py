"""Bulk import and export of people and organisations (CSV and .xlsx).

``preview_import`` reads a file and checks every row against the database without
writing anything; ``apply_import`` does the same checks and then writes every row in one
transaction, or nothing at all. ``export_table`` writes the same columns, so exporting
and importing the result changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from forumapp.core.checks import check_email
from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from forumapp.core.localized import LANGUAGES
from forumapp.core.table_files import MAX_ROWS, csv_bytes, xlsx_bytes
from forumapp.core.unit_of_work import discard
from forumapp.people import operations as people_service
from forumapp.people import table as people_table
from forumapp.people.models import Organisation, Person
from forumapp.people.table import ParsedRow, Problem, TableKind

_PROBLEM_TEXT = {
    "old_excel": _l("This is an old .xls workbook: save it as .xlsx or CSV UTF-8."),
    "not_utf8": _l("The file is not UTF-8 text: in Excel, save it as “CSV UTF-8”."),
    "bad_csv": _l("The CSV file cannot be read here."),
    "bad_xlsx": _l("This is not a readable .xlsx workbook."),
    "too_large": _l("The workbook is too large to read."),
    "too_many_rows": _l("The file has more than %(limit)s rows; split it."),
    "empty": _l("The file is empty."),
    "no_rows": _l("The file has a header row but no data rows."),
    "duplicate_column": _l("The column appears twice in the header."),
    "missing_columns": _l("Missing column(s): %(columns)s. The columns are: %(expected)s."),
    "too_long": _l("Too long: %(length)s characters, at most %(limit)s."),
    "not_an_id": _l("“%(value)s” is not an id (a whole number)."),
    "code_too_long": _l("Codes are at most %(limit)s characters, separated by commas."),
    "repeated_in_file": _l("Also given in row %(first)s of this file."),
    "no_such_person": _l("No person has id %(id)s."),
    "no_such_organisation": _l("No organisation has id %(id)s."),
    "unknown_organisation": _l("No organisation is called “%(name)s”; import it first."),
    "ambiguous_organisation": _l("Several organisations are called “%(name)s”: use the id."),
    "email_taken": _l("Another person already uses this e-mail (id %(id)s)."),
    "organisation_exists": _l(
        "An organisation called “%(name)s” already exists (id %(id)s): "
        "put its id in the id column to update it."
    ),
}

# Which column a service's complaint about a field belongs beside.
_FIELD_COLUMN = {
    "organisation_id": "organisation",
    "name": "name_en",
    "title": "title_en",
    "region": "region_en",
    "bio": "bio_en",
}


def problem_text(found: Problem) -> str:
    template = _PROBLEM_TEXT.get(found.code)
    return str(template) % found.args if template is not None else found.code


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass
class RowMessage:
    column: str | None
    message: str


@dataclass
class RowOutcome:
    line: int
    action: str
    record_id: int | None
    cells: dict[str, str]
    errors: list[RowMessage] = field(default_factory=list)
    # What apply writes: the clean column values, and the record to update (None: new).
    values: dict[str, Any] = field(default_factory=dict, repr=False)
    target: Any = field(default=None, repr=False)


@dataclass
class ImportPreview:
    kind: TableKind
    columns: list[str]
    ignored_columns: list[str]
    fatal: str | None
    rows: list[RowOutcome]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def ok(self) -> bool:
        return self.fatal is None and self.count(Action.ERROR) == 0

    @property
    def changes(self) -> int:
        return self.count(Action.CREATE) + self.count(Action.UPDATE)

    def first_error(self) -> str:
        """One readable line: where the first problem is, what it is, how many more."""
        if self.fatal:
            return self.fatal
        located = [(row.line, message) for row in self.rows for message in row.errors]
        if not located:
            return ""
        line, message = located[0]
        text = f"{_place(line, message.column)}: {message.message}"
        if len(located) > 1:
            text += " " + _("(and %(count)s more problems)", count=len(located) - 1)
        return text


class ImportRefused(ServiceError):
    """The file has problems; nothing was written. ``preview`` lists them row by row."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__(preview.first_error(), field="file")
        self.preview = preview


def preview_import(kind: TableKind | str, data: bytes, filename: str = "") -> ImportPreview:
    """Every row's fate and problems; writes nothing."""
    try:
        return _plan(TableKind(kind), data, filename)
    finally:
        discard()  # planning may have autoflushed nothing, but loaded rows stay untouched


def apply_import(kind: TableKind | str, data: bytes, filename: str = "") -> ImportPreview:
    """Write every row in one transaction, or raise ImportRefused and write nothing."""
    preview = _plan(TableKind(kind), data, filename)
    if not preview.ok:
        raise ImportRefused(preview)
    model = Person if preview.kind is TableKind.PEOPLE else Organisation
    for row in preview.rows:
        if row.action == Action.CREATE:
            db.session.add(model(**row.values))
        elif row.action == Action.UPDATE:
            for name, value in row.values.items():
                setattr(row.target, name, value)
    try:
        db.session.flush()
    except IntegrityError as exc:
        raise ServiceError(
            _("Someone changed the same records meanwhile; nothing was imported."),
            field="file",
        ) from exc
    return preview


# -- planning -------------------------------------------------------------------------


def _plan(kind: TableKind, data: bytes, filename: str) -> ImportPreview:
    table = people_table.parse_file(kind, data, filename)
    preview = ImportPreview(
        kind=kind,
        columns=table.columns,
        ignored_columns=table.ignored_columns,
        fatal=_located(table.fatal) if table.fatal else None,
        rows=[],
    )
    if table.fatal:
        return preview
    # The whole address book in two queries, rather than a few per row.
    organisations = {o.id: o for o in db.session.scalars(db.select(Organisation))}
    if kind is TableKind.PEOPLE:
        planner = _PeoplePlanner(organisations)
    else:
        planner = _OrganisationPlanner(organisations)
    for parsed in table.rows:
        outcome = RowOutcome(parsed.line, Action.ERROR, parsed.id, parsed.cells)
        outcome.errors = [RowMessage(p.column, problem_text(p)) for p in parsed.problems]
        if not outcome.errors:
            try:
                planner.plan(parsed, outcome)
            except ServiceError as error:
                column = _FIELD_COLUMN.get(error.field or "", error.field)
                outcome.errors.append(RowMessage(column, error.message))
        if outcome.errors:
            outcome.action = Action.ERROR
        preview.rows.append(outcome)
    return preview


def _place(line: int, column: str | None) -> str:
    if column:
        return _("row %(line)s, column %(column)s", line=line, column=column)
    return _("row %(line)s", line=line)


def _located(found: Problem) -> str:
    if found.line is None:
        return problem_text(found)
    return f"{_place(found.line, found.column)}: {problem_text(found)}"


def _refuse(code: str, column: str, **params) -> ServiceError:
    return ServiceError(problem_text(people_table.problem(code, **params)), field=column)


def _merge_localized(current: dict[str, str], given: dict[str, str]) -> dict[str, str]:
    """The file's languages replace the record's; languages it has no column for stay."""
    merged = {lang: text for lang, text in current.items() if lang not in given}
    merged.update({lang: text for lang, text in given.items() if text})
    return merged


def _merged(current: dict[str, Any], parsed: ParsedRow) -> dict[str, Any]:
    merged = dict(current)
    for name, value in parsed.values.items():
        if isinstance(value, dict):
            merged[name] = _merge_localized(current.get(name) or {}, value)
        else:
            merged[name] = value
    return merged


def _keep_other_languages(
    values: dict[str, Any], current: dict[str, Any], fields: tuple[str, ...]
) -> None:
    """The services keep ko/en/ru only; texts in other languages (kk, uz, from the demo
    data or a later form) have no column in the file, so they are left as they are."""
    for name in fields:
        kept = {k: v for k, v in (current.get(name) or {}).items() if k not in LANGUAGES}
        if kept:
            values[name] = {**values[name], **kept}


def _unchanged(target: Any, values: dict[str, Any]) -> bool:
    return all(getattr(target, name) == value for name, value in values.items())


def _name_index(organisations: dict[int, Organisation]) -> dict[str, set[int]]:
    index: dict[str, set[int]] = {}
    for organisation in organisations.values():
        names = [*organisation.name.values(), organisation.short_name or ""]
        for name in names:
            if name.strip():
                index.setdefault(name.strip().casefold(), set()).add(organisation.id)
    return index


class _PeoplePlanner:
    def __init__(self, organisations: dict[int, Organisation]) -> None:
        self.organisations = organisations
        self.names = _name_index(organisations)
        self.people = {p.id: p for p in db.session.scalars(db.select(Person))}
        self.email_owner = {p.email.lower(): p.id for p in self.people.values() if p.email}

    def organisation_id(self, reference: str | None) -> int | None:
        reference = (reference or "").strip()
        if not reference:
            return None
        if reference.isascii() and reference.isdigit() and int(reference) in self.organisations:
            return int(reference)
        matches = self.names.get(reference.casefold(), set())
        if len(matches) == 1:
            return next(iter(matches))
        code = "ambiguous_organisation" if matches else "unknown_organisation"
        raise _refuse(code, "organisation", name=reference)

    def plan(self, parsed: ParsedRow, outcome: RowOutcome) -> None:
        target = None
        current: dict[str, Any] = {}
        if parsed.id is not None:
            target = self.people.get(parsed.id)
            if target is None:
                raise _refuse("no_such_person", "id", id=parsed.id)
            current = people_service.person_form_data(target)
        merged = _merged(current, parsed)
        if "organisation" in parsed.values:
            merged["organisation_id"] = self.organisation_id(parsed.values["organisation"])
        # The e-mail is checked here against the address book loaded once, not by a
        # query per row; check_person sees the rest.
        email = check_email(merged.get("email"))
        owner = self.email_owner.get(email) if email else None
        if owner is not None and owner != parsed.id:
            raise _refuse("email_taken", "email", id=owner)
        data = people_service.PersonData(
            **{k: v for k, v in merged.items() if k not in ("email", "organisation")}
        )
        values = people_service.check_person(data, except_id=parsed.id) | {"email": email}
        _keep_other_languages(values, current, ("title", "bio"))
        outcome.values, outcome.target = values, target
        if target is None:
            outcome.action = Action.CREATE
        else:
            outcome.action = Action.UNCHANGED if _unchanged(target, values) else Action.UPDATE


class _OrganisationPlanner:
    def __init__(self, organisations: dict[int, Organisation]) -> None:
        self.organisations = organisations
        self.names = _name_index(organisations)
        self.new_names: dict[str, int] = {}  # names of the file's new rows -> row

    def plan(self, parsed: ParsedRow, outcome: RowOutcome) -> None:
        target = None
        current: dict[str, Any] = {"kind": "", "name": {}, "country": ""}
        if parsed.id is not None:
            target = self.organisations.get(parsed.id)
            if target is None:
                raise _refuse("no_such_organisation", "id", id=parsed.id)
            current = people_service.organisation_form_data(target)
        merged = _merged(current, parsed)
        merged["kind"] = (merged.get("kind") or "").strip().lower()
        values = people_service.check_organisation(people_service.OrganisationData(**merged))
        _keep_other_languages(values, current, ("name", "region"))
        for lang, name in values["name"].items():
            others = self.names.get(name.casefold(), set()) - {parsed.id}
            if others:
                raise _refuse("organisation_exists", f"name_{lang}", name=name, id=min(others))
            first = self.new_names.get(name.casefold()) if target is None else None
            if first is not None:
                raise _refuse("repeated_in_file", f"name_{lang}", first=first)
        if target is None:
            for name in values["name"].values():
                self.new_names.setdefault(name.casefold(), outcome.line)
        outcome.values, outcome.target = values, target
        if target is None:
            outcome.action = Action.CREATE
        else:
            outcome.action = Action.UNCHANGED if _unchanged(target, values) else Action.UPDATE


# -- export ---------------------------------------------------------------------------


def export_records(kind: TableKind | str) -> list[dict[str, Any]]:
    kind = TableKind(kind)
    organisations = people_service.list_organisations()
    if kind is TableKind.ORGANISATIONS:
        return [
            {"id": o.id, **people_service.organisation_form_data(o), "sectors": o.sectors}
            for o in organisations
        ]
    names = _name_index({o.id: o for o in organisations})
    records = []
    for person in people_service.list_people():
        record = {"id": person.id, **people_service.person_form_data(person)}
        record["languages"] = person.languages
        organisation = person.organisation
        if organisation is not None:
            # The name reads better than a number, but only a unique name finds its way back.
            name = organisation.display_name().strip()
            unique = names.get(name.casefold()) == {organisation.id} and not name.isdigit()
            record["organisation"] = name if unique else str(organisation.id)
        records.append(record)
    return records


def export_table(kind: TableKind | str, fmt: str) -> bytes:
    """The whole address book of ``kind`` as "csv" or "xlsx" bytes."""
    kind = TableKind(kind)
    rows = [people_table.format_record(kind, r) for r in export_records(kind)]
    header = people_table.header(kind)
    if fmt == "xlsx":
        return xlsx_bytes(header, rows, title=kind.value)
    return csv_bytes(header, rows)


__all__ = [
    "MAX_ROWS",
    "Action",
    "ImportPreview",
    "ImportRefused",
    "apply_import",
    "export_table",
    "preview_import",
]
