"""The PDF font chain: every glyph embedded, extractable, and nothing dropped silently.

The PDF is checked with poppler (pdffonts, pdftotext, pdftohtml) and qpdf; the
tests that need them skip only when those binaries are absent.  Missing *fonts*
are a failure, not a skip: the setup is meant to install them.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import SimpleDocTemplate, Spacer

from forumapp.pdf.fonts import FontSetupError, load_chain, parse_font_dirs
from forumapp.pdf.styles import make_styles

HANGUL = ["김관영", "조이르 미르자예프"]
KAZAKH = ["Қазақстан", "Әлем", "Ұлттық", "Өнер", "Үкімет", "Һ", "Ғылым", "Іскер", "Ңң"]
UZBEK = ["Toshkent viloyati hokimi", "oʻzbek", "gʻalaba"]
RUSSIAN = ["Министерство экономики", "Жёлтый съезд"]
SIGNS = ["₸ 15 000", "₩ 3 500 000"]
EXPECTED = HANGUL + KAZAKH + UZBEK + RUSSIAN + SIGNS
HEADER = "김관영 · Қазақстан — Ұлттық форум"
FOOTER = "Toshkent viloyati · oʻzbek"
BOLD_LATIN = "Ұлттық Өнер"  # drawn bold in the body paragraph below
# Not "{page} 쪽": pdftotext's layout heuristics glue a one-character word to the
# next ("1쪽"; Helvetica's "A B" reads "AB" too), which is poppler, not the PDF.
PAGE_LABEL = "페이지 {page}"


def _need(*tools: str) -> None:
    absent = [t for t in tools if shutil.which(t) is None]
    if absent:
        pytest.skip(f"{', '.join(absent)} not installed (apt-get install poppler-utils qpdf)")


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def chain():
    return load_chain()


@pytest.fixture(scope="module")
def pdf(chain, tmp_path_factory) -> Path:
    styles = make_styles(chain)
    path = tmp_path_factory.mktemp("pdf") / "fonts.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, title="forum", **styles.doc_kwargs())
    rows = [
        ["Имя / 이름", "Должность / 직위", "Сумма"],
        ["김관영", "Үкімет · Ғылым · Іскер", "₸ 15 000"],
        ["조이르 미르자예프", "Toshkent viloyati hokimi", "₩ 3 500 000"],
        ["Әлем Ңң Һ", "Министерство экономики", None],
    ]
    story = [
        styles.para("Қазақстан — 김관영", styles.title),
        styles.para("oʻzbek gʻalaba, Жёлтый съезд, Өнер & <Әлем>"),
        styles.para(BOLD_LATIN, bold=True),
        styles.para("조이르 미르자예프", styles.heading),
        Spacer(1, 6),
        styles.table(rows, col_widths=[130, 200, 100]),
    ]
    furniture = styles.page_furniture(HEADER, FOOTER, page_label=PAGE_LABEL)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def _pdffonts(pdf: Path) -> list[dict[str, str]]:
    lines = _run("pdffonts", str(pdf)).splitlines()
    # Columns are fixed-width; the dashed rule under the header gives their spans.
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    heads = [lines[0][a:b].strip() for a, b in spans]
    return [
        {h: line[a:b].strip() for h, (a, b) in zip(heads, spans, strict=True)} for line in lines[2:]
    ]


def test_every_font_is_an_embedded_subset_of_the_chain(pdf):
    _need("pdffonts")
    fonts = _pdffonts(pdf)
    names = [f["name"] for f in fonts]
    assert fonts, "pdffonts listed no fonts"
    for font in fonts:
        assert font["emb"] == "yes", font
        assert font["sub"] == "yes", font
        assert re.fullmatch(r"[A-Z]{6}\+\S+", font["name"]), font
    joined = " ".join(names)
    for base14 in ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats", "HYGothic"):
        assert base14 not in joined
    bases = {n.split("+", 1)[1] for n in names}
    assert {"DejaVuSans", "DejaVuSans-Bold", "NanumGothic"} <= bases
    assert any(b.startswith("NanumGothic") and "Bold" in b for b in bases), bases


def test_pdftotext_returns_every_string(pdf):
    _need("pdftotext")
    text = _squash(_run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    for expected in [*EXPECTED, HEADER, FOOTER, "페이지 1", "Өнер & <Әлем>"]:
        assert _squash(expected) in text, expected
    assert "\ufffd" not in text


def _text_runs(pdf: Path) -> list[tuple[str, str, bool]]:
    """(text, font name, bold) for each text run in pdftohtml's XML.

    pdftohtml reports "DejaVuSans-Bold" as family DejaVuSans plus a <b> wrapper
    (it derives bold from the font's name), so both are kept.
    """
    root = ET.fromstring(_run("pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)))
    families = {s.get("id"): s.get("family") for s in root.iter("fontspec")}
    return [
        ("".join(t.itertext()), families[t.get("font")], t.find("b") is not None)
        for t in root.iter("text")
    ]


def test_bold_text_uses_the_bold_files(pdf):
    _need("pdftohtml", "pdffonts")
    runs = _text_runs(pdf)

    def weights(needle: str, family: str) -> set[bool]:
        return {bold for text, font, bold in runs if needle in text and family in font}

    assert weights(BOLD_LATIN, "DejaVuSans") == {True}, runs
    assert weights("oʻzbek gʻalaba", "DejaVuSans") == {False}, runs
    # Title (bold style): Hangul from Nanum's bold file, Kazakh from DejaVu's.
    assert weights("Қазақстан — ", "DejaVuSans") == {True}, runs
    assert any(font.endswith("+NanumGothicBold") for text, font, _ in runs if "김관영" in text)
    # The same name in a table body cell is the regular file.
    assert any(font.endswith("+NanumGothic") for text, font, _ in runs if "김관영" in text)
    # And the bold weights are the real bold files, not a synthesised stroke.
    bases = {f["name"].split("+", 1)[1] for f in _pdffonts(pdf)}
    assert {"DejaVuSans-Bold", "NanumGothicBold"} <= bases


def test_qpdf_check_is_clean(pdf):
    _need("qpdf")
    result = subprocess.run(
        ["qpdf", "--check", str(pdf)], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_nothing_was_missing(pdf, chain):
    assert chain.missing == set()


def test_uncovered_character_is_reported_and_replaced(tmp_path, caplog):
    _need("pdftotext")
    chain = load_chain()  # registration is cached; a fresh chain has its own `missing`
    styles = make_styles(chain)
    hieroglyph, tibetan = "\U00013000", "\u0f40"
    path = tmp_path / "missing.pdf"
    doc = SimpleDocTemplate(str(path), **styles.doc_kwargs())
    with caplog.at_level(logging.WARNING, logger="forumapp.pdf"):
        doc.build([styles.para(f"김관영 {hieroglyph} Қазақстан {tibetan}")])
    assert chain.missing == {hieroglyph, tibetan}
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "forumapp.pdf")
    assert "U+13000" in logged
    assert "U+0F40" in logged
    text = _squash(_run("pdftotext", "-enc", "UTF-8", str(path), "-"))
    # Drawn as U+FFFD where the character was, not dropped.
    assert "김관영 \ufffd Қазақстан \ufffd" in text


def test_split_runs_by_coverage(chain):
    dejavu, nanum = chain.faces
    runs = chain.split_runs("Қазақстан 김관영, 조이르 (2024) ₸100 oʻzbek")
    assert [(f.family, t) for f, t in runs] == [
        (dejavu.family, "Қазақстан "),
        (nanum.family, "김관영, 조이르 (2024) "),
        (dejavu.family, "₸100 oʻzbek"),
    ]


def test_marks_and_joiners_stay_with_their_base(chain):
    dejavu, _ = chain.faces
    # й spelled as и + combining breve: one run, one face.
    assert chain.split_runs("и\u0306") == [(dejavu, "и\u0306")]
    # Leading whitespace goes with the run that follows it.
    assert [f.family for f, _ in chain.split_runs("  김관영")] == ["NanumGothic"]
    # ZWSP after Hangul does not switch to another font mid-word.
    assert [f.family for f, _ in chain.split_runs("김\u200b관영")] == ["NanumGothic"]
    assert chain.missing == set()


def test_markup_escapes_and_uses_registered_names(chain):
    out = chain.markup("<b>A & 김</b>\nБ", bold=True)
    assert "<b>" not in out
    assert "&lt;b&gt;A &amp; " in out
    assert "<br/>" in out
    for name in re.findall(r'<font name="([^"]+)">', out):
        assert name in {f.bold for f in chain.faces}
        assert name in pdfmetrics.getRegisteredFontNames()


def test_explicit_paths_and_setup_errors(chain, tmp_path):
    fonts_dir = tmp_path / "fonts"
    fonts_dir.mkdir()
    for face in chain.faces:
        for src in (face.regular_path, face.bold_path):
            (fonts_dir / src.name).symlink_to(src)
    found = load_chain([fonts_dir], include_defaults=False)
    assert [f.family for f in found.faces] == [f.family for f in chain.faces]
    # Same files, so the process-wide registration is reused under the same names.
    assert [f.regular for f in found.faces] == [f.regular for f in chain.faces]

    dejavu = chain.faces[0]
    files = [dejavu.regular_path, dejavu.bold_path]
    partial = load_chain(files, include_defaults=False, strict=False)
    assert [f.family for f in partial.faces] == ["DejaVuSans"]
    with pytest.raises(FontSetupError, match="koreanize-matplotlib"):
        load_chain(files, include_defaults=False)
    with pytest.raises(FontSetupError):
        load_chain([tmp_path / "nowhere"], include_defaults=False, strict=False)


def test_parse_font_dirs():
    assert parse_font_dirs(None) == []
    assert parse_font_dirs("/a:/b") == [Path("/a"), Path("/b")]
    assert parse_font_dirs(["/a", Path("/b")]) == [Path("/a"), Path("/b")]


ALPHABET = "김관영조이르 ҚазақӘҒҢӨҰҮҺІ oʻgʻ,.-–·()0123456789₸₩※\n\t\u0306\u200b\x07"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_fast_split_agrees_with_the_general_walk(text):
    # split_runs takes shortcuts for single-script and mark-free text; the general
    # cluster walk is the reference it must agree with, character for character.
    chain = load_chain()
    assert chain.split_runs(text) == chain._split_clusters(text)
