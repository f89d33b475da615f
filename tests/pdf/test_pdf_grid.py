"""Grid and RunsText: the booklet's own table and text flowables.

Grid replaces platypus Table for long tables; these tests hold it to what a
reader needs: every row printed once, the header on every page, a row moved
whole to the next page when it fits there, a row taller than a page cut rather
than a LayoutError, and the text words RunsText joins across its parts the same
as one token stream would.
"""

from __future__ import annotations

import io
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A5
from reportlab.platypus import SimpleDocTemplate, Spacer

from forumapp.pdf.document import Writer, document_chain
from forumapp.pdf.grid import Grid, Stack
from forumapp.pdf.runs_text import BREAK, SPACE, WORD, Measurer
from forumapp.pdf.styles import make_styles
from tests.pdf.pdf_checks import assert_qpdf_clean, need, pdftotext, write


@pytest.fixture(scope="module")
def writer():
    return Writer(make_styles(document_chain(), 9))


def _build(story) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A5, **make_styles(document_chain()).doc_kwargs())
    doc.build(story)
    return buffer.getvalue(), doc.page


def _page_text(path, page: int) -> str:
    need("pdftotext")
    return subprocess.run(
        ["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _grid(writer, rows, **kwargs) -> Grid:
    st_ = writer.styles
    header = [writer.para(h, st_.header_cell) for h in ("시간 / Время", "Сессия / 세션")]
    body = [[writer.para(a, st_.cell), writer.para(b, st_.cell)] for a, b in rows]
    return Grid([header, *body], [80, 280], **kwargs)


def test_long_grid_prints_every_row_once_and_the_header_on_every_page(writer, tmp_path):
    rows = [
        (f"{9 + i // 12}:{i % 12 * 5:02d}", f"Қазақстан сессия {i} · 세션 {i}") for i in range(150)
    ]
    data, pages = _build([_grid(writer, rows)])
    path = write(tmp_path, data)
    assert_qpdf_clean(path)
    assert pages > 3
    text = pdftotext(path)
    for _, title in rows:
        assert text.count(title + " ") + text.endswith(title) == 1, title
    for page in range(1, pages + 1):
        assert "Сессия / 세션" in _page_text(path, page)


def test_a_row_that_fits_the_next_page_moves_there_whole(writer, tmp_path):
    tall = "Ұлттық өнер " * 60  # about fifteen lines in its column
    filler = Spacer(1, A5[1] - 72 * 2 - 60)  # leaves room for the header and a line or two
    data, pages = _build([filler, _grid(writer, [("10:00", "Бірінші"), ("11:00", tall)])])
    path = write(tmp_path, data)
    assert pages == 2
    assert "Ұлттық өнер" not in _page_text(path, 1)
    assert _page_text(path, 2).count("Ұлттық") == 60


def test_a_row_taller_than_a_page_is_cut_inside_instead_of_failing(writer, tmp_path):
    huge = " ".join(f"김관영{i} Қайрат{i}" for i in range(700))
    data, pages = _build([_grid(writer, [("10:00", huge), ("11:00", "Соңғы")])])
    path = write(tmp_path, data)
    assert_qpdf_clean(path)
    assert pages >= 3
    text = pdftotext(path)
    assert "김관영0 Қайрат0" in text and "김관영699 Қайрат699" in text and "Соңғы" in text


def test_stack_cells_split_between_their_paragraphs(writer):
    st_ = writer.styles
    stack = Stack([writer.para("Заголовок " * 3, st_.heading)] + [writer.para("абв " * 40)] * 3)
    _, height = stack.wrap(200, 10_000)
    first, rest = stack.split(200, height / 2)
    assert first.wrap(200, 10_000)[1] <= height / 2 + 1e-6
    assert first.children[0] is stack.children[0]
    assert rest.children[-1] is stack.children[-1]
    assert stack.split(200, height + 1) == [stack]


def _reference_lines(measurer: Measurer, parts, size):
    """The token-stream grouping RunsText's per-part memo must reproduce."""
    lines, frags, space = [[]], [], None

    def flush():
        nonlocal frags, space
        if frags:
            lines[-1].append((space if lines[-1] else None, frags))
            frags, space = [], None

    for text, bold in parts:
        for kind, font, piece, width in measurer.pieces(text, bold, size):
            if kind == WORD:
                frags.append((font, piece, width))
            elif kind == SPACE:
                flush()
                space = space or (font, width)
            else:
                assert kind == BREAK
                flush()
                lines.append([])
                space = None
    flush()
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines if any(lines) else []


def _comparable(lines):
    def word(space, frags):
        joined = []
        for font, text, _ in frags:
            if joined and joined[-1][0] == font:
                joined[-1] = (font, joined[-1][1] + text)
            else:
                joined.append((font, text))
        return (space and (space[0], round(space[1], 6)), tuple(joined))

    return [[word(w[0], w[1]) for w in line] for line in lines]


PART = st.text(alphabet="김관 ҚаӘ ab,.·\n\t  ", max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(PART, st.booleans()), max_size=6))
def test_words_joined_across_parts_match_one_token_stream(parts):
    measurer = Measurer(document_chain())
    parts = [(t, b) for t, b in parts if t]
    got = measurer.hard_lines(parts, 9.0)
    assert _comparable(got) == _comparable(_reference_lines(measurer, parts, 9.0))
    for line in got:
        for _space, frags, width in line:
            assert width == pytest.approx(sum(f[2] for f in frags))


def test_one_font_text_draws_what_the_chain_made_of_it(writer, tmp_path):
    # A character no font has becomes U+FFFD and invisible controls go, also when
    # the whole text is one font run (the shortcut must not draw the raw text).
    data, _ = _build([writer.para("Zx\u0378yZ Ab\u2066cd", writer.styles.cell)])
    text = pdftotext(write(tmp_path, data))
    assert "Zx\ufffdyZ" in text
    assert "Abcd" in text
    assert "\u0378" in writer.chain.missing
