"""The interface speaks Korean, English and Russian; ?lang= switches it and is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import forumapp
from forumapp.programme import organisers as forum_organisers
from tests import factories
from tests.pages import login
from tests.support import make_test_app

TRANSLATIONS = Path(forumapp.__file__).parent / "translations"
ROOT = Path(forumapp.__file__).parent.parent


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


@pytest.mark.parametrize("lang", ["ko", "ru"])
def test_catalogue_is_complete_and_compiled(lang):
    po_path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as po_file:
        catalogue = read_po(po_file, locale=lang)
    untranslated = [m.id for m in catalogue if m.id and not m.string]
    assert untranslated == []
    assert [m.id for m in catalogue if m.id and "fuzzy" in m.flags] == []
    # Every %(name)s placeholder of the English text is in the translation, and no other.
    assert [(m.id, errors) for m, errors in catalogue.check()] == []
    with (po_path.with_suffix(".mo")).open("rb") as mo_file:
        compiled = read_mo(mo_file)

    # Plural entries are tuples in a .po file and lists when read back from a .mo.
    def frozen(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    def entries(messages) -> set:
        return {(frozen(m.id), frozen(m.string)) for m in messages if m.id}

    assert entries(compiled) == entries(catalogue)


@pytest.mark.parametrize("lang", ["ko", "ru"])
def test_catalogue_covers_every_string_in_the_source(lang, tmp_path):
    """A string added to the code or a template without a translation fails here: run
    pybabel extract/update (see babel.cfg) and translate it."""
    pot_path = tmp_path / "messages.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "lazy_gettext",
            "-k",
            "_l",
            "-o",
            str(pot_path),
            str(ROOT),
        ]
    )
    with pot_path.open("rb") as pot_file:
        wanted = {m.id for m in read_po(pot_file) if m.id}
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as po_file:
        translated = {m.id for m in read_po(po_file) if m.id and m.string}
    assert sorted(wanted - translated) == []


def test_login_page_and_dashboard_in_russian(client, app):
    russian = client.get("/login?lang=ru").get_data(as_text=True)
    assert "Пароль" in russian and "Войти" in russian
    assert "Password" not in russian and "비밀번호" not in russian
    factories.user("org@example.org")
    login(client, "org@example.org")
    dashboard = client.get("/admin/").get_data(as_text=True)  # the cookie keeps Russian
    assert "Панель управления" in dashboard and "Предстоящие форумы" in dashboard
    assert "Dashboard" not in dashboard


def test_messages_with_values_and_form_errors_in_russian(client, app):
    factories.user("org@example.org")
    html = login(client, "org@example.org", "wrong-password", query_string={"lang": "ru"})
    assert "Неверный e-mail или пароль." in html.get_data(as_text=True)
    login(client, "org@example.org")
    response = client.post(
        "/admin/forums/new?lang=ru",
        data={
            "title-en": "Forum",
            "slug": "forum-2030",
            "timezone": "Mars/Olympus",
            "start_date": "2030-05-14",
            "end_date": "2030-05-15",
        },
    )
    html = response.get_data(as_text=True)
    assert "Неизвестный часовой пояс «Mars/Olympus»" in html
    assert "Казахский" in html and "Узбекский" in html  # the name fields' extra languages


def test_forum_page_in_russian_names_the_organiser_roles(client, app):
    forum = factories.forum()
    jeonbuk = factories.organisation("Jeonbuk Province", country="KR")
    forum_organisers.add_forum_organiser(forum.id, jeonbuk.id, "co_host")
    factories.user("org@example.org")
    login(client, "org@example.org")
    html = client.get(f"/admin/forums/{forum.id}/?lang=ru").get_data(as_text=True)
    assert "Организаторы" in html and "Сопринимающая сторона" in html
    assert "Добавить организатора" in html


def test_select_options_follow_the_language_of_the_request(client, app):
    # Choice labels are lazy: built when the form class is defined, translated per request.
    factories.user("org@example.org")
    login(client, "org@example.org")
    korean = client.get("/admin/imports/?lang=ko").get_data(as_text=True)
    assert ">인물</option>" in korean and ">기관</option>" in korean
    english = client.get("/admin/imports/?lang=en").get_data(as_text=True)
    assert ">People</option>" in english and ">Organisations</option>" in english
