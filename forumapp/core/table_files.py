"""Spreadsheet files as rows of text, and rows of text as spreadsheet files. Pure: bytes in,
rows out (or a ``TableFileError``); rows in, bytes out.

Reads what organisers actually have: CSV saved by Excel (UTF-8 with a BOM, often with
semicolons in European locales, or UTF-16 "Unicode text" with tabs), CSV from LibreOffice
or Google Sheets (UTF-8, commas), and .xlsx workbooks (the first worksheet).
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time

MAX_ROWS = 10_000
MAX_COLUMNS = 200
# An .xlsx is a zip; refuse one that would inflate to more than this before parsing it,
# so a small upload cannot make the server decompress gigabytes.
MAX_XLSX_INFLATED = 64 * 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) container
# Cells a spreadsheet would run as a formula when the CSV is opened; written with a
# leading apostrophe and read back without it, so a round trip keeps the value.
_FORMULA_START = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TableFileError(ValueError):
    """The file as a whole cannot be read; ``code`` and ``params`` say why (translated by
    the caller), ``line`` is the 1-based row where reading stopped, when known."""

    def __init__(self, code: str, line: int | None = None, **params: object) -> None:
        super().__init__(code if line is None else f"line {line}: {code}")
        self.code = code
        self.line = line
        self.params = params


def read_rows(data: bytes, filename: str = "") -> list[list[str]]:
    """The rows of a CSV or .xlsx file, each a list of cell texts (blank rows kept, so
    row numbers match what the organiser sees in the spreadsheet)."""
    name = filename.lower()
    if data.startswith(_OLE_MAGIC) or name.endswith(".xls"):
        raise TableFileError("old_excel")
    if data.startswith(_ZIP_MAGIC) or name.endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def unescape_cell(text: str) -> str:
    """Undo the apostrophe ``csv_bytes`` puts before formula-like values."""
    if text[:1] == "'" and text[1:2] and (text[1:2] in _FORMULA_START or text[1:2] == "'"):
        return text[1:]
    return text


# -- reading -------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TableFileError("not_utf8") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Guessing between CP949 and CP1251 would silently garble names; asking for
        # UTF-8 ("CSV UTF-8" in Excel's Save As) is one click for the organiser.
        raise TableFileError("not_utf8") from exc


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the first non-blank line uses most."""
    for line in text.splitlines():
        if line.strip():
            counts = {d: line.count(d) for d in (",", ";", "\t")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] else ","
    return ","


def _read_csv(data: bytes) -> list[list[str]]:
    text = _decode(data).replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append([unescape_cell(cell) for cell in row[:MAX_COLUMNS]])
            if len(rows) > MAX_ROWS + 1:
                raise TableFileError("too_many_rows", limit=MAX_ROWS)
    except csv.Error as exc:
        raise TableFileError("bad_csv", line=reader.line_num) from exc
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        # Excel stores 12 and 12.0 alike; ids and phone numbers typed as numbers come back
        # as floats and must read as "12", not "12.0".
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes) -> list[list[str]]:
    import openpyxl  # noqa: PLC0415  (heavy; loaded only for an .xlsx file)

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise TableFileError("bad_xlsx") from exc
    if inflated > MAX_XLSX_INFLATED:
        raise TableFileError("too_large")
    rows: list[list[str]] = []
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, conditional
            # formats); they do not matter for reading values.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                for values in sheet.iter_rows(values_only=True):
                    rows.append([_cell_text(v) for v in values[:MAX_COLUMNS]])
                    if len(rows) > MAX_ROWS + 1:
                        raise TableFileError("too_many_rows", limit=MAX_ROWS)
            finally:
                workbook.close()
    except TableFileError:
        raise
    except Exception as exc:
        # openpyxl raises whatever its zip and XML layers raise on a damaged or
        # foreign file (KeyError, ValueError, lxml/ElementTree errors, ...); for the
        # organiser they all mean the same thing.
        raise TableFileError("bad_xlsx") from exc
    return rows


# -- writing -------------------------------------------------------------------------


def _escape_for_csv(text: str) -> str:
    if text.startswith(_FORMULA_START) or unescape_cell(text) != text:
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 with a BOM (so Excel shows Hangul and Cyrillic), commas, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_escape_for_csv(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[str]], title: str) -> bytes:
    """One worksheet; every cell a string, so "=..." or "+7 ..." stay text."""
    import openpyxl  # noqa: PLC0415  (heavy; loaded only for an .xlsx file)
    from openpyxl.styles import Font  # noqa: PLC0415

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column_number, text in enumerate(row, start=1):
            if not text:
                continue
            cell = sheet.cell(row=row_number, column=column_number)
            cell.value = _CONTROL.sub("", text)
            cell.data_type = "s"  # openpyxl would store "=..." as a formula
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
