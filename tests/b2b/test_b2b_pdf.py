"""B2B PDFs (agenda, table sheets, table tents): Hangul and Kazakh names drawn with
embedded subsets of the chain's fonts and extractable as text; nothing dropped."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from forumapp.b2b.agenda_rules import (
    AgendaCompany,
    AgendaMeeting,
    CompanyAgenda,
    TableMeeting,
    TableSheet,
    TableSheets,
)
from forumapp.b2b.documents.agenda_pdf import AgendaPdfLabels, agenda_pdf
from forumapp.b2b.documents.table_sheets import TablePdfLabels, table_sheets_pdf, table_tents_pdf
from forumapp.pdf.fonts import load_chain

KOREAN = AgendaCompany("전북식품 주식회사", "KR", ("Agri-food",), ("ko",), "김관영 · kim@x.kr")
KAZAKH = AgendaCompany("Қазақ Астық ЖШС", "KZ", ("Құрылыс",), ("ru", "kk"), "Әлем Ұлы")
UZBEK = AgendaCompany("Toshkent viloyati oʻzbek savdo", "UZ")
INTERPRETER = "Айгерім Сейітқали"
START = datetime(2026, 10, 14, 12, 0, tzinfo=UTC)  # 17:00 in Almaty


def _need(*tools: str) -> None:
    absent = [t for t in tools if shutil.which(t) is None]
    if absent:
        pytest.skip(f"{', '.join(absent)} not installed (apt-get install poppler-utils)")


def _text(path: Path) -> str:
    _need("pdftotext")
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return re.sub(r"\s+", " ", out)


def _fonts(path: Path) -> list[str]:
    _need("pdffonts")
    lines = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    heads = [lines[0][a:b].strip() for a, b in spans]
    fonts = [
        {h: line[a:b].strip() for h, (a, b) in zip(heads, spans, strict=True)} for line in lines[2:]
    ]
    assert fonts, "no fonts listed"
    for font in fonts:
        assert font["emb"] == "yes" and font["sub"] == "yes", font
        assert not any(base in font["name"] for base in ("Helvetica", "Times", "Courier")), font
    return [f["name"] for f in fonts]


@pytest.fixture(scope="module")
def chain():
    return load_chain()


def _write(tmp_path: Path, data: bytes, name: str) -> Path:
    assert data.startswith(b"%PDF-")
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _agenda(meetings) -> CompanyAgenda:
    return CompanyAgenda(
        matchmaking_id=1,
        participant_id=2,
        title="전북-카자흐스탄 B2B 상담회",
        forum_title="Jeonbuk–Kazakhstan forum",
        timezone="Asia/Almaty",
        venue="Rixos Almaty",
        company=KOREAN,
        meetings=tuple(meetings),
        stamp=START,
    )


def test_agenda_pdf_draws_hangul_and_kazakh(chain, tmp_path):
    meetings = [
        AgendaMeeting("request-1", START, START + timedelta(minutes=20), "3", KAZAKH, INTERPRETER),
        AgendaMeeting(
            "request-2", START + timedelta(minutes=25), START + timedelta(minutes=45), "4", UZBEK
        ),
    ]
    labels = AgendaPdfLabels(heading="B2B 상담 일정", time="시간", table="테이블")
    path = _write(tmp_path, agenda_pdf(_agenda(meetings), chain, labels), "agenda.pdf")
    names = _fonts(path)
    assert any("DejaVuSans" in n for n in names) and any("NanumGothic" in n for n in names)
    text = _text(path)
    for expected in (
        "전북식품 주식회사",
        "Қазақ Астық ЖШС",
        INTERPRETER,
        "oʻzbek",
        "Әлем Ұлы",  # the counterpart's contact
        "17:00–17:20",  # local time, not UTC
        "17:25–17:45",
        "B2B 상담 일정",
        "Asia/Almaty",
    ):
        assert expected in text, expected
    assert not chain.missing


def test_agenda_pdf_without_meetings_says_so(chain, tmp_path):
    path = _write(tmp_path, agenda_pdf(_agenda([]), chain), "empty.pdf")
    assert "No meetings yet." in _text(path)


def _sheets() -> TableSheets:
    meeting = TableMeeting(START, START + timedelta(minutes=20), KOREAN, KAZAKH, INTERPRETER)
    return TableSheets(
        title="전북-카자흐스탄 B2B 상담회",
        forum_title="Jeonbuk–Kazakhstan forum",
        timezone="Asia/Almaty",
        venue="Rixos",
        tables=(
            TableSheet("1", KAZAKH, (meeting,)),
            TableSheet("2", None, ()),
        ),
    )


def test_table_sheets_one_page_per_table(chain, tmp_path):
    labels = TablePdfLabels(table="테이블 {name}", kept_by="Үстел иесі: {name}")
    path = _write(tmp_path, table_sheets_pdf(_sheets(), chain, labels), "tables.pdf")
    _fonts(path)
    text = _text(path)
    for expected in (
        "테이블 1",
        "테이블 2",
        "Үстел иесі: Қазақ Астық ЖШС",
        "전북식품 주식회사",
        INTERPRETER,
        "17:00–17:20",
        "No meetings at this table.",
        "☐",
    ):
        assert expected in text, expected

    assert len(PdfReader(path).pages) == 2


def test_table_tents_read_upright_on_both_halves(chain, tmp_path):
    path = _write(tmp_path, table_tents_pdf(_sheets(), chain), "tents.pdf")
    _fonts(path)
    text = _text(path)
    assert text.count("Table 1") == 2  # front and back of the fold
    assert text.count("Қазақ Астық ЖШС") == 2

    assert len(PdfReader(path).pages) == 2
