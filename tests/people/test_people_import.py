"""Bulk import of people and organisations: preview, all-or-nothing, round trips."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from forumapp.core.extensions import db
from forumapp.core.table_files import read_rows, xlsx_bytes
from forumapp.people import importer as people_import
from forumapp.people.models import Organisation, Person
from tests import factories


@pytest.fixture(autouse=True)
def english(app):
    with force_locale("en"):
        yield


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)))


def csv(text: str) -> bytes:
    return text.encode("utf-8-sig")


def test_preview_reports_per_row_errors_against_the_database_and_writes_nothing():
    org = factories.organisation("Airba Fresh")
    taken = factories.person(latin="Dana Ospan")
    taken.email = "dana@example.kz"
    db.session.commit()
    data = csv(
        "name_latin,email,organisation\n"
        "Aigerim Bekova,aigerim@example.kz,Airba Fresh\n"
        f"Ali Rakhimov,ali@example.kz,{org.id}\n"
        "Other Dana,DANA@example.kz,\n"
        "Nobody,,Unknown Ltd\n"
        ",x@example.kz,\n"
        "Bad Mail,not-an-email,\n"
    )
    preview = people_import.preview_import("people", data, "people.csv")
    outcome = {
        row.line: (row.action, [(e.column, e.message) for e in row.errors]) for row in preview.rows
    }
    assert outcome[2] == ("create", [])
    assert outcome[3] == ("create", [])
    assert outcome[4][0] == "error" and outcome[4][1][0][0] == "email"
    assert "already uses this e-mail" in outcome[4][1][0][1]
    assert outcome[5][1] == [
        ("organisation", "No organisation is called “Unknown Ltd”; import it first.")
    ]
    assert outcome[6][1][0][0] == "name_latin"
    assert outcome[7][1] == [("email", "Not a valid e-mail address.")]
    assert not preview.ok
    assert preview.first_error().startswith("row 4, column email: ")
    assert "(and 3 more problems)" in preview.first_error()
    assert count(Person) == 1


def test_apply_is_all_or_nothing():
    data = csv("name_latin,email\nGood One,one@example.kz\nGood Two,two@example.kz\nBad,@\n")
    with pytest.raises(people_import.ImportRefused) as refused:
        people_import.apply_import("people", data)
    assert "row 4, column email" in refused.value.message
    assert count(Person) == 0
    preview = people_import.apply_import("people", data.replace(b"Bad,@", b"Three,"))
    assert (preview.count("create"), count(Person)) == (3, 3)


def test_rows_with_an_id_update_and_leave_absent_columns_alone():
    person = factories.person(hangul="김철수", latin="Kim Chulsoo")
    person.phone = "+82 10 0000"
    person.title = {"ko": "대표", "uz": "rahbar"}
    db.session.commit()
    data = csv(f"id,name_latin,title_en\n{person.id},Kim Cheolsu,CEO\n")
    preview = people_import.apply_import("people", data)
    assert preview.count("update") == 1
    db.session.refresh(person)
    assert person.name_latin == "Kim Cheolsu" and person.name_hangul == "김철수"
    assert person.phone == "+82 10 0000"
    assert person.title == {"ko": "대표", "en": "CEO", "uz": "rahbar"}
    again = people_import.preview_import("people", data)
    assert again.count("unchanged") == 1 and again.changes == 0


def test_unknown_id_and_ambiguous_organisation_name():
    factories.organisation("Twin")
    factories.organisation("Twin")
    data = csv("id,name_latin,organisation\n999,A,\n,B,twin\n")
    preview = people_import.preview_import("people", data)
    assert [e.column for row in preview.rows for e in row.errors] == ["id", "organisation"]
    assert "use the id" in preview.rows[1].errors[0].message


def test_organisations_import_checks_kind_country_and_existing_names():
    factories.organisation("Acme Foods")
    data = csv(
        "kind;country;name_en;name_ko;sectors;extra\n"
        "Government;kr;Gyeonggi Province;경기도;trade, investment;x\n"
        "company;KZ;Acme Foods;;;\n"
        "bank;KZ;Nowhere Bank;;;\n"
        "company;Kazakhstan;Steppe Ltd;;;\n"
        "agency;UZ;Gyeonggi Province;;;\n"
    )
    preview = people_import.preview_import("organisations", data, "orgs.csv")
    assert preview.ignored_columns == ["extra"]
    errors = {row.line: [e.column for e in row.errors] for row in preview.rows}
    assert errors == {2: [], 3: ["name_en"], 4: ["kind"], 5: ["country"], 6: ["name_en"]}
    people_import.apply_import("organisations", b"kind,country,name_en\nagency,uz,Tashkent\n")
    tashkent = db.session.scalar(db.select(Organisation).where(Organisation.country == "UZ"))
    assert tashkent.name == {"en": "Tashkent"}


def test_missing_columns_is_one_error_for_the_file():
    preview = people_import.preview_import("organisations", csv("name_en\nAcme\n"))
    assert preview.rows == []
    assert preview.first_error().startswith("Missing column(s): kind, country.")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(demo, fmt):
    people_before = count(Person)
    for kind in ("organisations", "people"):
        data = people_import.export_table(kind, fmt)
        preview = people_import.apply_import(kind, data, f"{kind}.{fmt}")
        assert preview.ok and preview.changes == 0, preview.first_error()
        assert preview.count("unchanged") == len(preview.rows) > 0
    assert count(Person) == people_before


def test_exported_file_imports_into_an_empty_database(app):
    org = factories.organisation("Airba Fresh")
    person = factories.person(hangul="조이르", latin="Zoyir Mirzayev", native="Зоир Мирзаев")
    person.organisation = org
    person.languages = ["uz", "ru"]
    db.session.commit()
    data = people_import.export_table("people", "xlsx")
    # The same file without ids: new people, the organisation found by its name.
    db.session.delete(person)
    db.session.commit()

    header, *rows = read_rows(data)
    rows = [["", *r[1:]] for r in rows]
    people_import.apply_import("people", xlsx_bytes(header, rows, "people"))
    copy = db.session.scalar(db.select(Person))
    assert (copy.name_native, copy.organisation_id, copy.languages) == (
        "Зоир Мирзаев",
        org.id,
        ["uz", "ru"],
    )


# -- the command line -------------------------------------------------------------------


def test_cli_import_dry_run_then_import_then_export(runner, tmp_path):
    source = tmp_path / "people.csv"
    source.write_bytes(csv("name_latin;name_hangul;x\nAigerim Bekova;아이게림;1\n"))
    result = runner.invoke(args=["import-people", str(source), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would import people: 1 new" in result.output and "ignored column 'x'" in result.output
    assert count(Person) == 0
    result = runner.invoke(args=["import-people", str(source)])
    assert result.exit_code == 0 and count(Person) == 1
    target = tmp_path / "out.xlsx"
    assert runner.invoke(args=["export-people", str(target)]).exit_code == 0
    again = runner.invoke(args=["import-people", str(target)])
    assert "0 new, 0 updated, 1 unchanged" in again.output
    assert runner.invoke(args=["export-people", str(tmp_path / "out.pdf")]).exit_code == 2


def test_cli_bad_input_exits_2_with_one_line_naming_row_and_column(runner, tmp_path):
    source = tmp_path / "people.csv"
    source.write_bytes(csv("name_latin,email\nGood,g@example.kz\nBad,not-mail\n"))
    for extra in ([], ["--dry-run"]):
        result = runner.invoke(args=["import-people", str(source), *extra])
        assert result.exit_code == 2
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert lines == ["Error: people.csv: row 3, column email: Not a valid e-mail address."]
    assert count(Person) == 0
    missing = runner.invoke(args=["import-people", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    orgs = runner.invoke(args=["import-people", str(source), "--kind", "organisations"])
    assert orgs.exit_code == 2 and "Missing column(s): kind, country" in orgs.output
