"""The people/organisations spreadsheet parser: pure, no database."""

from __future__ import annotations

import io

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from forumapp.core.table_files import csv_bytes, read_rows, xlsx_bytes
from forumapp.people import table as people_table
from forumapp.people.table import TableKind, format_record, header, parse_file, parse_rows


def codes(table):
    return [(p.line, p.column, p.code) for p in table.problems]


def test_excel_csv_with_bom_semicolons_hangul_cyrillic_and_blank_lines():
    text = (
        "Name Hangul;NAME_LATIN;name_native;title_ko;title_ru;email;languages;notes\r\n"
        "\r\n"
        "조이르 미르자예프;Zoyir Mirzayev;Зоир Мирзаев;주지사;Хоким;Z@Example.uz;uz, ru;x\r\n"
        ";;;;;;;\r\n"
        "김철수;;;;;;ko;\r\n"
    )
    table = parse_file(TableKind.PEOPLE, text.encode("utf-8-sig"), "people.csv")
    assert table.fatal is None
    assert table.ignored_columns == ["notes"]
    assert table.columns[:3] == ["name_hangul", "name_latin", "name_native"]
    first, second = table.rows
    assert first.line == 3 and second.line == 5  # spreadsheet row numbers, blanks counted
    assert first.values["name_native"] == "Зоир Мирзаев"
    assert first.values["title"] == {"ko": "주지사", "ru": "Хоким"}
    assert first.values["languages"] == ["uz", "ru"]
    assert second.values["title"] == {"ko": "", "ru": ""}  # present but empty: clear them
    assert table.problems == []


def test_comma_csv_with_quotes_and_line_breaks_in_a_biography():
    data = b'name_latin,bio_en\n"Mirzayev, Zoyir","Line one\nline two"\n'
    (row,) = parse_file("people", data).rows
    assert row.values["name_latin"] == "Mirzayev, Zoyir"
    assert row.values["bio"] == {"en": "Line one\nline two"}


def test_missing_required_columns_is_one_clear_error():
    table = parse_rows(TableKind.ORGANISATIONS, [["name_en", "website"], ["Acme", "x"]])
    assert table.rows == []
    assert table.fatal.code == "missing_columns"
    assert table.fatal.args["columns"] == "kind, country"
    assert "name_ko" in table.fatal.args["expected"]
    people = parse_rows(TableKind.PEOPLE, [["email"], ["a@b.kz"]])
    assert people.fatal.args["columns"] == "name_hangul / name_latin / name_native"


def test_empty_files_and_header_only():
    assert parse_file("people", b"").fatal.code == "empty"
    assert parse_file("people", b"\xef\xbb\xbf\r\n\r\n").fatal.code == "empty"
    assert parse_file("people", b"name_latin\n\n").fatal.code == "no_rows"


def test_per_row_problems_name_row_and_column():
    rows = [
        ["id", "name_latin", "email", "languages"],
        ["abc", "A", "a@x.kz", ""],
        ["7", "B" * 161, "b@x.kz", ""],
        ["7", "C", "A@X.KZ", "k" * 41],
        ["99999999999", "D", "", ""],
    ]
    assert codes(parse_rows("people", rows)) == [
        (2, "id", "not_an_id"),
        (3, "name_latin", "too_long"),
        (4, "languages", "code_too_long"),
        (4, "id", "repeated_in_file"),
        (4, "email", "repeated_in_file"),
        (5, "id", "not_an_id"),
    ]


def test_duplicate_column_and_unreadable_files():
    assert parse_rows("people", [["name_latin", "Name Latin"], ["a", "b"]]).fatal.code == (
        "duplicate_column"
    )
    assert parse_file("people", "name_latin\nКим\n".encode("cp1251")).fatal.code == "not_utf8"
    assert parse_file("people", b"PK\x03\x04garbage", "x.xlsx").fatal.code == "bad_xlsx"
    assert parse_file("people", b"\xd0\xcf\x11\xe0rest", "x.xls").fatal.code == "old_excel"


def test_utf16_tab_separated_text_as_excel_saves_unicode_text():
    data = "name_latin\temail\nAigerim\ta@b.kz\n".encode("utf-16")
    (row,) = parse_file("people", data, "people.txt").rows
    assert row.values == {"name_latin": "Aigerim", "email": "a@b.kz"}


def test_xlsx_numbers_come_back_as_the_text_typed():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "name_latin", "phone", "extra"])
    sheet.append([12, "Dana", 77011234567.0, None])
    sheet.append([None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = parse_file("people", buffer.getvalue(), "people.xlsx")
    (row,) = table.rows
    assert row.id == 12 and row.values["phone"] == "77011234567"
    assert table.ignored_columns == ["extra"]


def test_export_cells_round_trip_through_csv_and_xlsx():
    record = {
        "id": 3,
        "name_hangul": "조이르",
        "name_latin": "Zoyir",
        "title": {"ko": "주지사", "en": '=HYPERLINK("x")'},
        "organisation": "Tashkent Region",
        "phone": "+998 71 000",
        "languages": ["uz", "ru"],
        "bio": {"ru": "Строка\r\nвторая"},
        "email": "'-quoted",
    }
    cells = format_record("people", record)
    for data in (
        csv_bytes(header("people"), [cells]),
        xlsx_bytes(header("people"), [cells], "people"),
    ):
        assert read_rows(data)[1] == cells
        (row,) = parse_file("people", data).rows
        assert row.values["title"] == {"ko": "주지사", "en": '=HYPERLINK("x")', "ru": ""}
        assert row.values["phone"] == "+998 71 000"
        assert row.values["email"] == "'-quoted"
    assert csv_bytes(["a"], [["=1+1"]]).startswith(b"\xef\xbb\xbfa\r\n'=1+1")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["", "x.csv", "x.xlsx", "x.xls"]))
def test_arbitrary_bytes_never_raise(data, filename):
    for kind in TableKind:
        table = parse_file(kind, data, filename)
        assert table.fatal is not None or all(isinstance(r.line, int) for r in table.rows)


cell_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30
) | st.sampled_from(["name_latin", "id", "kind", "country", "name_en", "email", "", " ", ";"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(cell_text, max_size=8), max_size=8), st.sampled_from(list(TableKind)))
def test_arbitrary_rows_never_raise_and_problems_are_located(rows, kind):
    table = parse_rows(kind, rows)
    for found in table.problems:
        assert found.code
        if found is not table.fatal:
            assert found.line is not None and found.column in header(kind)
    for row in table.rows:
        assert set(row.values) <= {c.field for c in people_table.COLUMNS[kind]}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cell_text, min_size=3, max_size=3), max_size=6))
def test_arbitrary_text_through_csv_never_raises(rows):
    data = csv_bytes(["name_latin", "email", "id"], rows)
    table = parse_file("people", data, "x.csv")
    assert table.fatal is None or table.fatal.code == "no_rows"
