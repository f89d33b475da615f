"""Saving a back-office form keeps the texts in languages the form does not show.

The forms edit ko/en/ru (names and titles also kk/uz); the demo data and imports also
hold Kazakh and Uzbek texts. Each test does what a browser does: read the edit page,
change one input, send every input back, then checks what is stored.
"""

from __future__ import annotations

from html.parser import HTMLParser

from forumapp.core.extensions import db
from forumapp.people.models import Organisation, Person
from forumapp.programme.models import Forum, Session
from forumapp.visits.models import DelegationVisit, ItineraryItem

_TEXT_INPUTS = {"text", "hidden", "date", "time", "datetime-local", "number", "email", "url", ""}


class _FormReader(HTMLParser):
    """The values a browser would send for each <form> of a page, keyed by its action."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, list[tuple[str, str]]] = {}
        self._fields: list[tuple[str, str]] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._fields = self.forms.setdefault(attrs.get("action") or "", [])
        elif self._fields is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "").lower()
            if kind in _TEXT_INPUTS:
                self._fields.append((attrs["name"], attrs.get("value") or ""))
            elif kind in ("checkbox", "radio") and "checked" in attrs:
                self._fields.append((attrs["name"], attrs.get("value") or "on"))
        elif tag == "textarea":
            self._textarea, self._text = attrs.get("name"), ""
        elif tag == "select":
            self._select, self._options = attrs.get("name"), []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value") or "", "selected" in attrs))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "textarea" and self._textarea is not None:
            if self._fields is not None:
                self._fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._options if selected] or [
                v for v, _s in self._options[:1]
            ]
            if self._fields is not None:
                self._fields.extend((self._select, v) for v in chosen)
            self._select = None


def resubmit(client, page: str, changes: dict[str, str], action: str | None = None):
    """GET ``page``, change some inputs of its form posting to ``action`` (by default the
    one posting back to the page), and POST every input as a browser would."""
    response = client.get(page)
    assert response.status_code == 200, page
    reader = _FormReader()
    reader.feed(response.get_data(as_text=True))
    key = action or ""  # a form without an action posts back to the page
    assert key in reader.forms, f"no form posting to {action or page}: {list(reader.forms)}"
    sent = dict(reader.forms[key])
    for name in changes:
        assert name in sent, f"{name} is not an input of that form"
    response = client.post(action or page, data=sent | changes)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    return response


def _tashkent() -> Organisation:
    return db.session.scalar(db.select(Organisation).where(Organisation.country == "UZ"))


def test_editing_a_person_keeps_the_uzbek_position(organiser, demo):
    hokim = db.session.scalar(db.select(Person).where(Person.name_latin == "Zoyir Mirzayev"))
    hokim.bio = {"en": "Hokim since 2021.", "kk": "2021 жылдан бері хоким."}
    db.session.commit()
    resubmit(
        organiser,
        f"/admin/people/{hokim.id}/edit",
        {"title-en": "Hokim of Tashkent Region", "title-ko": ""},
    )
    assert hokim.title == {
        "en": "Hokim of Tashkent Region",
        "ru": "Хоким Ташкентской области",
        "uz": "Toshkent viloyati hokimi",
    }
    assert hokim.bio == {"en": "Hokim since 2021.", "kk": "2021 жылдан бері хоким."}


def test_editing_an_organisation_keeps_uzbek_and_removes_a_cleared_language(
    organiser,
    demo,
):
    tashkent = _tashkent()
    resubmit(
        organiser, f"/admin/organisations/{tashkent.id}/edit", {"name-ko": "", "region-ko": ""}
    )
    assert tashkent.name == {
        "en": "Tashkent Region Administration",
        "ru": "Хокимият Ташкентской области",
        "uz": "Toshkent viloyati hokimligi",
    }
    assert tashkent.region == {"en": "Tashkent Region", "uz": "Toshkent viloyati"}


def test_the_name_form_edits_the_uzbek_name_too(organiser, demo):
    tashkent = _tashkent()
    resubmit(
        organiser,
        f"/admin/organisations/{tashkent.id}/edit",
        {"name-uz": "Toshkent viloyati hokimiyati"},
    )
    assert tashkent.name["uz"] == "Toshkent viloyati hokimiyati"
    resubmit(organiser, f"/admin/organisations/{tashkent.id}/edit", {"name-uz": ""})
    assert "uz" not in tashkent.name and tashkent.name["ko"] == "타슈켄트주"


def test_editing_a_forum_keeps_the_kazakh_title_and_motto(organiser, demo):
    forum = db.session.scalar(db.select(Forum))
    forum.description = {**forum.description, "kk": "Экономикалық форум."}
    db.session.commit()
    resubmit(
        organiser,
        f"/admin/forums/{forum.id}/edit",
        {"title-ko": "", "motto-ko": "", "motto-en": "Wind of Kazakhstan"},
    )
    assert set(forum.title) == {"en", "ru", "kk"}
    assert forum.title["kk"] == "Чонбук — Қазақстан экономикалық форумы"
    assert forum.motto == {
        "en": "Wind of Kazakhstan",
        "ru": "Ветер Казахстана",
        "kk": "Қазақстан желі",
    }
    assert forum.description["kk"] == "Экономикалық форум."
    assert "ko" in forum.description


def test_editing_a_session_keeps_kazakh_and_uzbek_texts(organiser, demo):
    session = db.session.scalar(db.select(Session).order_by(Session.id))
    session.title = {**session.title, "kk": "Ашылу салтанаты"}
    session.description = {"ko": "개회", "en": "Opening", "uz": "Ochilish marosimi"}
    db.session.commit()
    page = f"/admin/sessions/{session.id}/"
    resubmit(organiser, page, {"title-ko": "", "description-ko": "", "description-en": "Open"})
    assert session.title["kk"] == "Ашылу салтанаты" and "ko" not in session.title
    assert session.description == {"en": "Open", "uz": "Ochilish marosimi"}


def test_editing_a_visit_and_its_itinerary_keeps_uzbek_texts(organiser, demo):
    visit = db.session.scalar(db.select(DelegationVisit))
    visit.purpose = {**visit.purpose, "uz": "Hamkorlik"}
    db.session.commit()
    resubmit(
        organiser,
        f"/admin/visits/{visit.id}/edit",
        {"title-ko": "", "visiting_region-ko": "", "purpose-en": "Cooperation"},
    )
    assert "ko" not in visit.title
    assert visit.title["uz"] == "Toshkent viloyati hokimining Kyonggi provinsiyasiga tashrifi"
    assert visit.visiting_region == {"en": "Tashkent Region", "uz": "Toshkent viloyati"}
    assert visit.purpose["uz"] == "Hamkorlik" and visit.purpose["en"] == "Cooperation"

    item = db.session.scalar(
        db.select(ItineraryItem)
        .where(ItineraryItem.visit_id == visit.id)
        .order_by(ItineraryItem.id)
    )
    item.title = {**item.title, "uz": "Uchrashuv"}
    item.location = {"ko": "경기도청", "uz": "Kyonggi hokimligi"}
    db.session.commit()
    resubmit(organiser, f"/admin/itinerary/{item.id}/", {"location-ko": ""})
    assert item.title["uz"] == "Uchrashuv"
    assert item.location == {"uz": "Kyonggi hokimligi"}


def test_clearing_every_shown_language_of_a_title_still_keeps_the_hidden_one(
    organiser,
    demo,
):
    """Emptying ko/en/ru of a motto leaves Kazakh: the motto is not silently wiped."""
    forum = db.session.scalar(db.select(Forum))
    resubmit(
        organiser,
        f"/admin/forums/{forum.id}/edit",
        {"motto-ko": "", "motto-en": "", "motto-ru": ""},
    )
    assert forum.motto == {"kk": "Қазақстан желі"}
