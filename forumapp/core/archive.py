"""A whole database as one JSON archive, and back into an empty database.

The archive is generic over ``Base.metadata.sorted_tables``: a new table or column
is archived without touching this module. Values keep their exact type: datetimes
(with their UTC offset), dates, times, enums, decimals, bytes and JSON columns are
written in a form the column type reads back to an equal value. A JSON column's value
is wrapped in a one-element list, so SQL NULL (``null``) and a stored JSON null
(``[null]``) stay apart.

An archive belongs to one schema revision. It goes back only into a database that
is migrated to that same revision and holds no rows at all, so an import never
mixes with or overwrites existing data. After the import PostgreSQL's sequences
are moved past the imported ids, so the next insert does not collide.
"""

from __future__ import annotations

import base64
import decimal
import enum
import uuid
from datetime import UTC, date, datetime, time
from typing import Any

import sqlalchemy as sa
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from forumapp.core.models import Base

FORMAT = "forumapp-archive"
VERSION = 1
INSERT_BATCH = 1000


class ArchiveRefused(ServiceError):
    """The archive cannot go into this database (not empty, other schema, malformed)."""


_TYPE_KINDS = (
    (sa.JSON, "json"),
    (sa.DateTime, "datetime"),
    (sa.Date, "date"),
    (sa.Time, "time"),
    (sa.LargeBinary, "bytes"),
    (sa.Uuid, "uuid"),
)
_ENCODERS = {
    "enum": lambda v: v.value if isinstance(v, enum.Enum) else v,
    "datetime": lambda v: v.isoformat(),
    "date": lambda v: v.isoformat(),
    "time": lambda v: v.isoformat(),
    "decimal": str,
    "bytes": lambda v: base64.b64encode(bytes(v)).decode("ascii"),
    "uuid": str,
}
_DECODERS = {
    "datetime": datetime.fromisoformat,
    "date": date.fromisoformat,
    "time": time.fromisoformat,
    "decimal": decimal.Decimal,
    "bytes": base64.b64decode,
    "uuid": uuid.UUID,
}


def _kind(column: sa.Column) -> str:
    """How a column's values are written to JSON and read back."""
    col_type = getattr(column.type, "impl_instance", column.type)  # TypeDecorator -> impl
    if isinstance(col_type, sa.Enum) and col_type.enum_class is not None:
        return "enum"
    if isinstance(col_type, sa.Numeric) and not isinstance(col_type, sa.Float):
        return "decimal" if col_type.asdecimal else "plain"
    return next((kind for cls, kind in _TYPE_KINDS if isinstance(col_type, cls)), "plain")


def _encode(value: Any, kind: str, sql_null: bool = False) -> Any:
    if kind == "json":
        return None if sql_null else [value]
    if value is None or kind == "plain":
        return value
    return _ENCODERS[kind](value)


def _decode(value: Any, kind: str, column: sa.Column) -> Any:
    if kind == "json":
        if value is None:
            return None  # SQL NULL: inserted as null() by _insert_rows
        (inner,) = value
        return sa.JSON.NULL if inner is None else inner
    if value is None or kind == "plain":
        return value
    if kind == "enum":
        return column.type.enum_class(value)
    return _DECODERS[kind](value)


def _revision(conn: Connection) -> str | None:
    heads = MigrationContext.configure(conn).get_current_heads()
    return ",".join(sorted(heads)) or None


def export_archive() -> dict[str, Any]:
    """Every row of every table, in one read transaction (a consistent snapshot on
    PostgreSQL; on SQLite stop writers first for the same guarantee)."""
    engine = db.engine
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    tables = []
    with engine.connect().execution_options(**options) as conn, conn.begin():
        revision = _revision(conn)
        for table in Base.metadata.sorted_tables:
            columns = list(table.columns)
            kinds = [_kind(c) for c in columns]
            # SQL NULL and JSON null both read as None; ask the database which it is.
            null_flags = [c.is_(None) for c, k in zip(columns, kinds, strict=True) if k == "json"]
            order = list(table.primary_key.columns) or columns
            result = conn.execute(sa.select(*columns, *null_flags).order_by(*order))
            rows = []
            for row in result:
                flags = iter(row[len(columns) :])
                rows.append(
                    [
                        _encode(v, k, bool(next(flags)) if k == "json" else False)
                        for v, k in zip(row[: len(columns)], kinds, strict=True)
                    ]
                )
            tables.append({"name": table.name, "columns": [c.name for c in columns], "rows": rows})
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema_revision": revision,
        "dialect": engine.dialect.name,
        "exported_at": datetime.now(UTC).isoformat(),
        "tables": tables,
    }


def row_count(archive: dict[str, Any]) -> int:
    return sum(len(t["rows"]) for t in archive["tables"])


def _check_header(archive: Any) -> None:
    if not isinstance(archive, dict) or archive.get("format") != FORMAT:
        raise ArchiveRefused(f"not a forumapp archive (expected format {FORMAT!r})")
    if archive.get("version") != VERSION:
        raise ArchiveRefused(
            f"archive format version {archive.get('version')!r} is not supported "
            f"(this release reads version {VERSION})"
        )
    if not isinstance(archive.get("tables"), list):
        raise ArchiveRefused("the archive has no table list")


def _check_tables(archive: dict[str, Any]) -> dict[str, dict]:
    known = {t.name: t for t in Base.metadata.sorted_tables}
    by_name: dict[str, dict] = {}
    for entry in archive["tables"]:
        name = entry.get("name") if isinstance(entry, dict) else None
        if name not in known:
            raise ArchiveRefused(f"the archive has a table this schema lacks: {name!r}")
        expected = [c.name for c in known[name].columns]
        if entry.get("columns") != expected:
            raise ArchiveRefused(
                f"table {name}: the archive's columns {entry.get('columns')} differ "
                f"from the schema's {expected}"
            )
        by_name[name] = entry
    return by_name


def _check_target(conn: Connection, archive: dict[str, Any]) -> None:
    revision = _revision(conn)
    if revision is None:
        raise ArchiveRefused("the database is not migrated; run `forumapp db upgrade` first")
    if archive.get("schema_revision") != revision:
        raise ArchiveRefused(
            f"the archive is of schema revision {archive.get('schema_revision')} but the "
            f"database is at {revision}; import into a database at the archive's revision "
            "(with the release that wrote it), then run `forumapp db upgrade`"
        )
    for table in Base.metadata.sorted_tables:
        if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
            raise ArchiveRefused(
                f"the database is not empty (table {table.name} has rows); "
                "import-all only fills an empty, freshly migrated database"
            )


def _reset_postgres_sequences(conn: Connection) -> None:
    for table in Base.metadata.sorted_tables:
        for column in table.primary_key.columns:
            if not isinstance(column.type, sa.Integer):
                continue
            sequence = conn.execute(
                sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": f'"{table.name}"', "column": column.name},
            ).scalar()
            if sequence is None:
                continue
            highest = conn.execute(sa.select(sa.func.max(column))).scalar()
            # setval(seq, n, false) makes n the next value; an empty table restarts at 1.
            conn.execute(
                sa.text("SELECT setval(CAST(:seq AS regclass), :value, :called)"),
                {"seq": sequence, "value": highest or 1, "called": highest is not None},
            )


def _decoded_rows(table: sa.Table, entry: dict) -> list[dict[str, Any]]:
    columns = [table.columns[name] for name in entry["columns"]]
    kinds = [_kind(c) for c in columns]
    rows = []
    for number, values in enumerate(entry["rows"], start=1):
        try:
            rows.append(
                {c.name: _decode(v, k, c) for c, k, v in zip(columns, kinds, values, strict=True)}
            )
        except (TypeError, ValueError, KeyError, decimal.InvalidOperation) as exc:
            raise ArchiveRefused(f"table {table.name}, row {number}: {exc}") from exc
    return rows


def _insert_rows(conn: Connection, table: sa.Table, entry: dict) -> int:
    json_columns = [c.name for c in table.columns if _kind(c) == "json"]
    # Rows whose JSON columns are SQL NULL get null() in the statement itself (a bound
    # None would be stored as JSON null); group rows by which ones those are.
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in _decoded_rows(table, entry):
        nulls = tuple(name for name in json_columns if row[name] is None)
        for name in nulls:
            del row[name]
        groups.setdefault(nulls, []).append(row)
    for nulls, rows in groups.items():
        statement = table.insert().values({name: sa.null() for name in nulls})
        for start in range(0, len(rows), INSERT_BATCH):
            conn.execute(statement, rows[start : start + INSERT_BATCH])
    return sum(len(rows) for rows in groups.values())


def import_archive(archive: Any) -> int:
    """Load ``archive`` into the empty database in one transaction; the row count."""
    _check_header(archive)
    entries = _check_tables(archive)
    engine = db.engine
    with engine.connect() as conn, conn.begin():
        _check_target(conn, archive)
        if engine.dialect.name == "sqlite":
            # Rows of a table that points at itself may come before their parent.
            conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        total = 0
        for table in Base.metadata.sorted_tables:
            entry = entries.get(table.name)
            if entry and entry["rows"]:
                total += _insert_rows(conn, table, entry)
        if engine.dialect.name == "postgresql":
            _reset_postgres_sequences(conn)
    return total
