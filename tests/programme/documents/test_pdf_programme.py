"""The programme booklet: every name and title printed and extractable, fonts embedded,
outline and metadata right, and bad input (no sessions, huge titles) still a good PDF."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from forumapp.cli.pdf import export_programme_pdf
from forumapp.demo import forum as demo_forum
from forumapp.pdf.document import document_chain
from forumapp.pdf.labels import UnknownOption, parse_languages, parse_page_size
from forumapp.programme.documents.programme_pdf import programme_pdf
from forumapp.programme.programme import published_programme
from forumapp.programme.rules.programme import (
    PersonInfo,
    Programme,
    ProgrammeSession,
    RoomInfo,
    SpeakerRole,
    VenueInfo,
)
from tests import factories
from tests.pdf.pdf_checks import (
    assert_fonts_embedded,
    assert_qpdf_clean,
    lang_of,
    outline,
    pdftotext,
    pdftotext_page,
    reader,
    write,
)

# Hangul, Kazakh Cyrillic (Ә Қ Ң Ө Ұ Ү І), Russian: names and titles of the demo forum.
KO_NAMES = ["바우르잔 예드제노브", "김관영", "누를란 꼬얀바예프", "볼랏 무씰만베코브", "신안드레이"]
NATIVE_NAMES = [
    "Бауыржан Едженов",
    "Нұрлан Қоянбаев",
    "Болат Мүсілманбеков",
    "Уәли Бауыржан",
    "Айбар Теменов",
]
KO_TITLES = [
    "전북도-카자흐스탄 경제포럼",
    "카자흐스탄의 바람",
    "기조연설: 중앙아시아 신규시장 개척",
    "제3주제: 새로운 도시형성을 위한 지속가능한 도시개발",
]
RU_TITLES = [
    "Экономический форум Чонбук — Казахстан",
    "Основной доклад: освоение новых рынков Центральной Азии",
    "Тема 2: агробиопищевая промышленность и умные фермы",
]
# Kazakh-only texts: the cover's line in the guests' language, organisations in the index.
KAZAKH = [
    "Қазақстан желі",
    "Чонбук — Қазақстан экономикалық форумы",
    "Сүлейман Демирел атындағы университет",
    "Қонаев қаласын дамыту агенттігі",
]


@pytest.fixture
def programme(demo):
    return published_programme(demo_forum.SLUG)


def test_bilingual_booklet_prints_every_hangul_kazakh_and_russian_string(programme, tmp_path):
    chain = document_chain()
    result = programme_pdf(programme, chain, ("ko", "ru"), "A4")
    path = write(tmp_path, result.data)
    text = pdftotext(path)
    for expected in [*KO_NAMES, *NATIVE_NAMES, *KO_TITLES, *RU_TITLES, *KAZAKH]:
        assert expected in text, expected
    assert "\ufffd" not in text
    assert result.missing == frozenset()
    assert chain.missing == set()
    bases = assert_fonts_embedded(path)
    assert {"DejaVuSans", "DejaVuSans-Bold", "NanumGothic", "NanumGothicBold"} <= bases
    assert_qpdf_clean(path)


@pytest.mark.parametrize(
    ("langs", "size"),
    [(("ko",), "A4"), (("en",), "A5"), (("ru",), "A4"), (("ko", "en"), "A5"), (("ko", "ru"), "A5")],
)
def test_every_language_and_size_is_a_clean_pdf_with_outline_and_metadata(
    programme, tmp_path, langs, size
):
    result = programme_pdf(programme, document_chain(), langs, size)
    path = write(tmp_path, result.data)
    assert_fonts_embedded(path)
    assert_qpdf_clean(path)
    assert result.missing == frozenset()
    pdf = reader(result.data)
    assert len(pdf.pages) == result.pages
    width_mm = round(float(pdf.pages[0].mediabox.width) / 72 * 25.4)
    assert width_mm == {"A4": 210, "A5": 148}[size]
    assert lang_of(result.data) == {"ko": "ko-KR", "en": "en", "ru": "ru-RU"}[langs[0]]
    meta = pdf.metadata
    assert programme.text(programme.title, langs[0]) in meta.title
    assert meta.author  # the organisers
    text = pdftotext(path)
    assert programme.text(programme.title, langs[0]) in text

    entries = outline(result.data)
    top = [(title, page) for level, title, page in entries if level == 0]
    assert len(top) == 5  # cover, programme, sessions in detail, speakers, venue
    assert top[0][1] == 1
    pages = [page for _, page in top]
    assert pages == sorted(pages) and len(set(pages)) == 5  # each section on its own page
    assert top[-1][1] == result.pages  # the venue closes the booklet
    days = [title for level, title, _ in entries if level == 1 and "2023" in title]
    assert len(days) == 2
    sessions = [e for e in entries if e[0] == 1 and e[1][:2].isdigit()]
    assert len(sessions) == len(programme.sessions)


def test_outline_titles_and_targets(programme):
    result = programme_pdf(programme, document_chain(), ("ko",), "A4")
    entries = outline(result.data)
    assert entries[0] == (0, "전북도-카자흐스탄 경제포럼", 1)
    assert (0, "프로그램", 2) in entries
    assert (1, "1일차 · 2023년 12월 5일 (화)", 2) in entries
    keynote = next(e for e in entries if "기조연설" in e[1])
    assert keynote[0] == 1 and keynote[1].startswith("14:30–14:50")
    assert result.pages == len(reader(result.data).pages)


def test_same_input_gives_the_same_bytes(programme):
    first = programme_pdf(programme, document_chain(), ("ko", "en"), "A5").data
    assert programme_pdf(programme, document_chain(), ("ko", "en"), "A5").data == first


def _programme(sessions=(), people=(), rooms=(), title=None, venue=None) -> Programme:
    return Programme(
        slug="edge",
        title=title or {"ko": "시험 포럼", "en": "Test forum", "ru": "Тестовый форум"},
        timezone="Asia/Almaty",
        start_date=date(2026, 10, 14),
        end_date=date(2026, 10, 15),
        venue=venue,
        rooms=tuple(rooms),
        people=tuple(people),
        sessions=tuple(sessions),
    )


def test_forum_without_sessions_says_so(tmp_path):
    for langs, message in ((("ko",), "아직 공개된 세션이 없습니다."), (("en",), "No sessions")):
        result = programme_pdf(_programme(), document_chain(), langs, "A5")
        path = write(tmp_path, result.data)
        assert message in pdftotext(path)
        assert result.pages == 2  # cover, then the programme page that says so
        assert_qpdf_clean(path)
        assert_fonts_embedded(path)


def test_very_long_titles_and_names_wrap_instead_of_failing(tmp_path):
    long_title = "Қазақстан " + "초장문 세션 제목 " * 300  # ~3,000 characters
    unbroken = "Ұ" * 400  # one "word" wider than any column
    people = [
        PersonInfo(
            key=f"p{i}",
            name_hangul="바우르잔 " * 20 + str(i),
            name_latin="Baurzhan-" * 40 + str(i),
            name_native="Бауыржан " * 25,
            title={"ko": "교수 " * 100, "ru": "Профессор " * 100},
            organisation={"en": "University " * 80},
        )
        for i in range(40)
    ]
    start = datetime(2026, 10, 14, 4, 0, tzinfo=UTC)
    sessions = [
        ProgrammeSession(
            key="long",
            kind="panel",
            title={"ko": long_title, "ru": unbroken, "en": unbroken},
            description={"ko": "설명 " * 1500, "ru": "Описание " * 1000},
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            room_key="r",
            speakers=tuple(SpeakerRole(p.key, "panellist", i) for i, p in enumerate(people)),
        )
    ]
    rooms = [RoomInfo(key="r", name={"ko": "회의실 " * 60, "en": "Room " * 60})]
    venue = VenueInfo(name={"ko": "행사장 " * 50}, address={"ko": "주소 " * 100})
    for langs, size in ((("ko", "ru"), "A5"), (("en",), "A4")):
        programme = _programme(sessions, people, rooms, {"ko": long_title, "en": unbroken}, venue)
        result = programme_pdf(programme, document_chain(), langs, size)
        path = write(tmp_path, result.data)
        assert_qpdf_clean(path)
        text = pdftotext(path)
        assert "초장문 세션 제목" in text
        assert "ҰҰҰҰҰҰҰҰ" in text
        assert result.pages > 3


def test_a_session_block_taller_than_a_page_starts_where_it_stands(tmp_path):
    # Blocks that fit a page move to the next one whole; one that could never fit
    # starts right after the previous session instead of leaving that page empty.
    start = datetime(2026, 10, 14, 4, 0, tzinfo=UTC)
    sessions = [
        ProgrammeSession(
            key=f"s{n}",
            kind="panel",
            title={"ko": f"제목{n}", "ru": f"Тема{n}"},
            description=description,
            starts_at=start + timedelta(hours=n),
            ends_at=start + timedelta(hours=n, minutes=30),
        )
        for n, description in enumerate(
            (
                {"ko": "짧은 설명", "ru": "Короткое"},
                {lang: "\n".join(f"L{lang}{i}" for i in range(120)) for lang in ("ko", "ru")},
            )
        )
    ]
    result = programme_pdf(_programme(sessions), document_chain(), ("ko", "ru"), "A5")
    path = write(tmp_path, result.data)
    pages = [pdftotext_page(path, n) for n in range(1, result.pages + 1)]
    first = next(i for i, text in enumerate(pages) if "제목0" in text and "Короткое" in text)
    assert "Lko0" in pages[first] and "Lru0" in pages[first]
    assert "Lko119" in pages[-2] or "Lko119" in pages[-1]


def test_unknown_language_and_size_are_refused_with_a_message(programme):
    assert parse_languages("ko ru") == ("ko", "ru")  # "+" in a query string arrives as a space
    assert parse_languages("KO+EN") == ("ko", "en")
    assert parse_languages(None) == ("ko",)
    assert parse_page_size("a5") == "A5"
    with pytest.raises(UnknownOption, match="unknown language 'kk'"):
        parse_languages("kk")
    with pytest.raises(UnknownOption, match="unknown language"):
        parse_languages("en+ru")
    with pytest.raises(UnknownOption, match="A4 or A5"):
        parse_page_size("Letter")
    with pytest.raises(UnknownOption):
        programme_pdf(programme, document_chain(), ("de",), "A4")


def test_cli_writes_the_booklet_and_returns_the_page_count(demo, runner, tmp_path):
    out = tmp_path / "programme.pdf"
    result = runner.invoke(
        args=["export", "pdf", demo_forum.SLUG, "-o", str(out), "--lang", "ko+ru", "--size", "A5"]
    )
    assert result.exit_code == 0, result.output
    pages = len(reader(out.read_bytes()).pages)
    assert f"Wrote {pages} pages to {out}" in result.output
    assert export_programme_pdf(demo_forum.SLUG, out, "en", "A4") == len(
        reader(out.read_bytes()).pages
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-forum"], "no published forum with slug 'no-such-forum'"),
        ([demo_forum.SLUG, "--lang", "kk"], "unknown language 'kk'"),
        ([demo_forum.SLUG, "--size", "B5"], "unknown page size 'B5'"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(demo, runner, tmp_path, args, message):
    out = tmp_path / "x.pdf"
    result = runner.invoke(args=["export", "pdf", *args[:1], "-o", str(out), *args[1:]])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"Error: {message}"] or (len(lines) == 1 and message in lines[0])
    assert not out.exists()


def test_cli_draft_of_an_unpublished_forum(app, runner, tmp_path):
    forum = factories.forum("draft-only")
    factories.session(forum, title="Hydrogen in the Қазақстан steppe")
    out = tmp_path / "draft.pdf"
    assert runner.invoke(args=["export", "pdf", "draft-only", "-o", str(out)]).exit_code == 2
    result = runner.invoke(args=["export", "pdf", "draft-only", "-o", str(out), "--draft"])
    assert result.exit_code == 0, result.output
    assert "Hydrogen in the Қазақстан steppe" in pdftotext(out)
