"""The delegation itinerary: members in protocol order, every script printed, contacts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from forumapp.core.extensions import db
from forumapp.demo import visit as demo_visit
from forumapp.pdf.document import document_chain
from forumapp.people.models import Person
from forumapp.visits.documents import visit_document
from forumapp.visits.itinerary_pdf import itinerary_pdf
from forumapp.visits.models import DelegationVisit, VisitMember
from forumapp.visits.rules.visit_document import ItineraryEntry, VisitDocument, VisitPersonEntry
from tests.pdf.pdf_checks import (
    assert_fonts_embedded,
    assert_qpdf_clean,
    outline,
    pdftotext,
    reader,
    write,
)


@pytest.fixture
def visit(demo):
    return visit_document(demo_visit.SLUG)


@pytest.mark.parametrize("langs", [("ko",), ("ko", "ru"), ("en",)])
def test_itinerary_prints_every_name_title_and_contact(visit, tmp_path, langs):
    chain = document_chain()
    result = itinerary_pdf(visit, chain, langs, "A4")
    path = write(tmp_path, result.data)
    text = pdftotext(path)
    for expected in (
        "조이르 미르자예프",
        "Zoyir Mirzayev",
        "Зоир Мирзаев",
        "Toshkent viloyati hokimi",  # his title in his own language, whatever the document's
        "김동연",
        "박인성",
        "031-8008-2758",
        "윤준기",
    ):
        assert expected in text, expected
    assert "\ufffd" not in text
    assert chain.missing == set() and result.missing == frozenset()
    assert_fonts_embedded(path)
    assert_qpdf_clean(path)
    assert result.pages == len(reader(result.data).pages) <= 2
    titles = [title for level, title, _ in outline(result.data) if level == 0]
    assert len(titles) == 6  # title, purpose, delegation, hosts, itinerary, contacts


def test_bilingual_itinerary_has_both_languages(visit, tmp_path):
    text = pdftotext(write(tmp_path, itinerary_pdf(visit, document_chain(), ("ko", "ru")).data))
    assert "김동연 지사 면담" in text
    assert "Встреча с губернатором Ким Дон Ёном" in text
    assert "대표단 / Делегация" in text


def test_members_are_listed_in_protocol_order(demo, tmp_path):
    visit_row = db.session.scalar(
        db.select(DelegationVisit).where(DelegationVisit.slug == demo_visit.SLUG)
    )
    for order, name in ((3, "Ғалым Сәрсенбаев"), (2, "Oʻktam Xoʻjayev")):
        person = Person(name_latin=name)
        db.session.add(VisitMember(visit=visit_row, person=person, protocol_order=order))
    db.session.commit()
    document = visit_document(demo_visit.SLUG)
    assert [m.protocol_order for m in document.members] == [1, 2, 3]
    text = pdftotext(write(tmp_path, itinerary_pdf(document, document_chain(), ("en",)).data))
    first, second, third = (text.index(n) for n in ("Zoyir", "Oʻktam Xoʻjayev", "Ғалым Сәрсенбаев"))
    assert first < second < third


def test_visit_without_itinerary_and_with_long_texts(tmp_path):
    start = datetime(2026, 5, 1, 1, 0, tzinfo=UTC)
    member = VisitPersonEntry(name_latin="Very " * 200, title={"en": "Title " * 300})
    empty = VisitDocument(
        slug="empty",
        title={"ko": "방문"},
        timezone="Asia/Tashkent",
        arrives_at=start,
        departs_at=start + timedelta(days=1),
        visiting_country="UZ",
        members=(member,),
    )
    result = itinerary_pdf(empty, document_chain(), ("ko",), "A5")
    path = write(tmp_path, result.data)
    assert "아직 일정이 없습니다." in pdftotext(path)
    assert_qpdf_clean(path)

    long_item = ItineraryEntry(
        kind="meeting",
        title={"en": "Meeting " * 500},
        description={"en": "Details " * 1500},
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        location={"en": "X" * 600},
    )
    busy = VisitDocument(**{**empty.__dict__, "itinerary": (long_item,)})
    result = itinerary_pdf(busy, document_chain(), ("en",), "A5")
    assert result.pages > 2
    assert_qpdf_clean(write(tmp_path, result.data, "busy.pdf"))
