"""Name badges: A6 pages or four per A4 sheet, every script printed, long texts contained."""

from __future__ import annotations

import math

import pytest

from forumapp.demo import forum as demo_forum
from forumapp.demo import visit as demo_visit
from forumapp.pdf.document import document_chain
from forumapp.pdf.labels import UnknownOption
from forumapp.programme.documents.badges_pdf import badges_pdf
from forumapp.programme.rules.badges import DELEGATE, SPEAKER, STAFF, Badge
from forumapp.visits.documents import forum_badges
from tests.pdf.pdf_checks import (
    assert_fonts_embedded,
    assert_qpdf_clean,
    lang_of,
    pdftotext,
    reader,
    write,
)


@pytest.fixture
def badges(demo):
    return forum_badges(demo_forum.SLUG, (demo_visit.SLUG,))


def test_forum_badges_cover_speakers_delegates_and_staff(badges):
    categories = [b.category for b in badges.badges]
    assert categories.count(SPEAKER) == 16
    assert categories.count(DELEGATE) == 1  # the Tashkent governor, asked for by slug
    assert categories.count(STAFF) == 1  # the demo organiser account
    assert categories == sorted(categories, key=[SPEAKER, DELEGATE, STAFF].index)


@pytest.mark.parametrize("layout", ["a6", "a4x4"])
def test_badges_print_every_name(badges, tmp_path, layout):
    chain = document_chain()
    result = badges_pdf(badges.badges, chain, "전북도-카자흐스탄 경제포럼", layout)
    path = write(tmp_path, result.data)
    text = pdftotext(path)
    for expected in (
        "바우르잔 예드제노브",
        "Бауыржан Едженов",
        "Нұрлан Қоянбаев",
        "조이르 미르자예프",
        "Зоир Мирзаев",
        "Toshkent viloyati hokimi",
        "Сүлейман Демирел атындағы университет",
        "연사 · Speaker",
        "대표단 · Delegation",
    ):
        assert expected in text, expected
    assert chain.missing == set()
    assert_fonts_embedded(path)
    assert_qpdf_clean(path)
    count = len(badges.badges)
    pages = count if layout == "a6" else math.ceil(count / 4)
    assert result.pages == len(reader(result.data).pages) == pages
    width_mm = round(float(reader(result.data).pages[0].mediabox.width) / 72 * 25.4)
    assert width_mm == (105 if layout == "a6" else 210)
    assert lang_of(result.data) == "ko-KR"


def test_long_names_are_shrunk_or_shortened_never_spilled(tmp_path):
    badge = Badge(
        category=STAFF,
        name_hangul="가나다라마바사아자차카타파하" * 12,
        name_latin="Wolfeschlegelsteinhausenbergerdorff" * 5,
        organisation={"ko": "매우 긴 기관 이름 " * 60, "kk": "Қазақстан " * 60},
        role={"en": "Coordinator " * 50},
    )
    result = badges_pdf([badge] * 3, document_chain(), "포럼 " * 80, "a4x4")
    path = write(tmp_path, result.data)
    assert result.pages == 1
    assert_qpdf_clean(path)
    assert "…" in pdftotext(path)


def test_no_badges_and_unknown_layout(tmp_path):
    result = badges_pdf([], document_chain(), "", "a6")
    assert result.pages == 1
    assert "배지를 만들 사람이 없습니다." in pdftotext(write(tmp_path, result.data))
    with pytest.raises(UnknownOption, match="a6 or a4x4"):
        badges_pdf([], document_chain(), "", "letter")
