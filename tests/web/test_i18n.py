"""The interface speaks Korean and English; ?lang= switches it and is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import forumapp
from tests import factories
from tests.conftest import make_test_app
from tests.web.test_auth import login

TRANSLATIONS = Path(forumapp.__file__).parent / "translations"


@pytest.fixture
def client(app, database_url):
    """A client of a second app: requests on the fixture's app share its app context,
    where Flask-Babel caches the first request's locale."""
    return make_test_app(database_url).test_client()


def test_login_page_in_korean_and_english(client, app):
    korean = client.get("/login?lang=ko").get_data(as_text=True)
    assert "비밀번호" in korean and "로그인" in korean
    assert "Password" not in korean
    english = client.get("/login?lang=en").get_data(as_text=True)
    assert "Password" in english and "비밀번호" not in english


def test_wrong_password_message_follows_the_language(client, app):
    factories.user("org@example.org")
    html = login(client, "org@example.org", "wrong-password", query_string={"lang": "en"})
    assert "Wrong e-mail or password." in html.get_data(as_text=True)
    html = login(client, "org@example.org", "wrong-password", query_string={"lang": "ko"})
    assert "이메일 또는 비밀번호가 틀렸습니다." in html.get_data(as_text=True)


def test_dashboard_in_korean_then_english_and_the_choice_is_remembered(client, app):
    factories.user("org@example.org")
    login(client, "org@example.org")
    korean = client.get("/admin/?lang=ko").get_data(as_text=True)
    assert "대시보드" in korean and "다가오는 포럼" in korean and "인물" in korean
    # The cookie keeps Korean on the next page without ?lang=.
    assert "인물" in client.get("/admin/people/").get_data(as_text=True)
    english = client.get("/admin/?lang=en").get_data(as_text=True)
    assert "Dashboard" in english and "Upcoming forums" in english and "대시보드" not in english


def test_browser_language_is_the_default(client, app):
    html = client.get("/login", headers={"Accept-Language": "ko-KR,ko;q=0.9"}).get_data(
        as_text=True
    )
    assert "비밀번호" in html


def test_korean_catalogue_is_complete_and_compiled():
    po_path = TRANSLATIONS / "ko" / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as po_file:
        catalogue = read_po(po_file)
    untranslated = [m.id for m in catalogue if m.id and not m.string]
    assert untranslated == []
    with (po_path.with_suffix(".mo")).open("rb") as mo_file:
        compiled = read_mo(mo_file)
    assert {m.id for m in compiled if m.id} == {m.id for m in catalogue if m.id}
