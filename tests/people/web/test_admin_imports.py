"""Back office: upload a people file, check the preview, confirm; export; CSRF; roles."""

from __future__ import annotations

import io
import re

import openpyxl

from forumapp.core.extensions import db
from forumapp.people.models import Person
from tests import factories
from tests.pages import error_beside, login
from tests.support import make_test_app

CSRF = r'name="csrf_token"[^>]*value="([^"]+)"'
GOOD = "name_latin;name_hangul;email;hobby\nAigerim Bekova;아이게림;a@example.kz;chess\n"


def upload(client, text: str | bytes, name="people.csv", kind="people", **extra):
    data = text.encode("utf-8-sig") if isinstance(text, str) else text
    return client.post(
        "/admin/imports/",
        data={"kind": kind, "file": (io.BytesIO(data), name), **extra},
        content_type="multipart/form-data",
    )


def people_count() -> int:
    return db.session.scalar(db.select(db.func.count(Person.id)))


def test_upload_preview_confirm(organiser):
    response = upload(organiser, GOOD)
    assert response.status_code == 302
    preview_url = response.headers["Location"]
    html = organiser.get(preview_url).get_data(as_text=True)
    assert "아이게림" in html and "hobby" in html  # the ignored column is named
    assert people_count() == 0  # nothing written before confirming
    apply_url = re.search(r'action="([^"]+/apply)"', html).group(1)
    assert organiser.post(apply_url).status_code == 302
    assert db.session.scalar(db.select(Person.name_hangul)) == "아이게림"
    # The stored upload is gone once applied.
    assert organiser.get(preview_url).status_code == 404


def test_preview_with_errors_offers_no_confirm_and_apply_refuses(organiser):
    text = "name_latin,email\nGood,g@example.kz\n,nobody@example.kz\nBad,not-mail\n"
    preview_url = upload(organiser, text).headers["Location"]
    html = organiser.get(preview_url).get_data(as_text=True)
    assert 'id="row-3"' in html and 'id="row-4"' in html
    assert "Not a valid e-mail address." in html
    assert "/apply" not in html
    response = organiser.post(preview_url + "/apply")
    assert response.status_code == 200
    assert people_count() == 0


def test_missing_columns_and_unreadable_files_are_one_message(organiser):
    html = organiser.get(upload(organiser, "email\nx@y.kz\n").headers["Location"]).get_data(
        as_text=True
    )
    assert re.search(r'id="file-error">Missing column\(s\): name_hangul / name_latin', html)
    bad = upload(organiser, b"PK\x03\x04broken", name="people.xlsx")
    html = organiser.get(bad.headers["Location"]).get_data(as_text=True)
    assert "not a readable .xlsx" in html


def test_upload_form_checks_the_file(organiser, app):
    response = upload(organiser, GOOD, name="people.pdf")
    assert "Use a .csv or .xlsx file." in error_beside(response.get_data(as_text=True), "file")
    app.config["IMPORT_MAX_BYTES"] = 100
    response = upload(organiser, GOOD + "x" * 200)
    assert "larger than" in error_beside(response.get_data(as_text=True), "file")


def test_another_organiser_cannot_use_my_upload(organiser, database_url):
    preview_url = upload(organiser, GOOD).headers["Location"]
    # A second app: requests on the fixture's app share its app context, and with it
    # Flask-Login's cached user.
    other = make_test_app(database_url).test_client()
    factories.user("other@example.org")
    login(other, "other@example.org")
    assert other.get(preview_url).status_code == 404
    assert other.post(preview_url + "/apply").status_code == 404
    assert other.get("/admin/imports/..%2F..%2Fsecret_key").status_code == 404


def test_export_csv_and_xlsx(organiser, demo):
    csv = organiser.get("/admin/exports/people.csv")
    assert csv.status_code == 200 and "attachment" in csv.headers["Content-Disposition"]
    text = csv.get_data().decode("utf-8-sig")
    assert text.startswith("id,name_hangul,name_latin")
    xlsx = organiser.get("/admin/exports/organisations.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.get_data())).active
    assert sheet["A1"].value == "id" and sheet.max_row > 1
    assert organiser.get("/admin/exports/people.pdf").status_code == 404
    # Round trip through the web: nothing to import.
    preview_url = upload(organiser, xlsx.get_data(), name="o.xlsx", kind="organisations")
    html = organiser.get(preview_url.headers["Location"]).get_data(as_text=True)
    assert "Nothing to import" in html


def test_only_organisers(client, app):
    assert client.get("/admin/imports/").status_code == 302
    assert client.get("/admin/exports/people.csv").status_code == 302
    factories.company_user("rep@acme.example")
    login(client, "rep@acme.example")
    assert client.get("/admin/imports/").status_code == 403
    assert client.get("/admin/exports/people.csv").status_code == 403
    assert upload(client, GOOD).status_code == 403


def test_forms_need_a_csrf_token(database_url, app):
    strict = make_test_app(database_url, WTF_CSRF_ENABLED=True)
    client = strict.test_client()
    factories.user("org@example.org")
    page = client.get("/login").get_data(as_text=True)
    token = re.search(CSRF, page).group(1)
    client.post(
        "/login",
        data={"email": "org@example.org", "password": factories.PASSWORD, "csrf_token": token},
    )
    assert upload(client, GOOD).status_code == 400
    form = client.get("/admin/imports/").get_data(as_text=True)
    token = re.search(CSRF, form).group(1)
    preview_url = upload(client, GOOD, csrf_token=token).headers["Location"]
    assert client.post(preview_url + "/apply").status_code == 400
    html = client.get(preview_url).get_data(as_text=True)
    token = re.search(CSRF, html).group(1)
    assert client.post(preview_url + "/apply", data={"csrf_token": token}).status_code == 302
    assert people_count() == 1
