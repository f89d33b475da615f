"""The reportlab internals forumapp relies on are still there and behave as assumed.

Everything undocumented the PDF code uses goes through
``forumapp/pdf/reportlab_internals.py``; these tests exercise each of its
functions against the installed reportlab. When one fails after a reportlab upgrade,
the message names what changed: adapt that module (or keep reportlab's pin in
pyproject.toml below the new version) before shipping.
"""

from __future__ import annotations

import functools
import io
import re
import traceback
from pathlib import Path

import pypdf
import pytest
import reportlab
from reportlab.lib.pagesizes import A5
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer

from forumapp.pdf import reportlab_internals as rl
from forumapp.pdf.document import Writer, document_chain
from forumapp.pdf.grid import Grid
from forumapp.pdf.runs_text import Measurer, TextOps
from forumapp.pdf.styles import make_styles

MODULE = "forumapp/pdf/reportlab_internals.py"
MIXED = "Programme 김관영 Қайрат Әлия (1\\2) ₸"


def broken(what: str) -> str:
    """The failure message: which assumption broke, in which reportlab, where to look."""
    return (
        f"reportlab {reportlab.Version}: {what}. {MODULE} relies on this; adapt it there "
        "(or pin reportlab in pyproject.toml below this version)."
    )


def relies_on_reportlab(test):
    """A missing attribute or a changed signature deep inside reportlab fails the test with
    :func:`broken`'s message rather than a bare AttributeError."""

    @functools.wraps(test)
    def checked(*args, **kwargs):
        try:
            return test(*args, **kwargs)
        except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno} {frame.line}"
            pytest.fail(broken(f"{type(exc).__name__}: {exc} (at {where})"))

    return checked


@pytest.fixture(scope="module")
def chain():
    return document_chain()


def page_text(data: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return " ".join(re.sub(r"\s+", " ", page.extract_text()) for page in pages)


@relies_on_reportlab
def test_canvas_document_and_literal_operators():
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    doc = rl.pdf_document(canvas)
    assert isinstance(doc, PDFDocument), broken("Canvas._doc is no longer the PDFDocument")
    rl.add_operators(canvas, "BT 1 0 0 1 10 20 Tm ET")
    canvas.showPage()
    canvas.save()
    assert b"BT 1 0 0 1 10 20 Tm ET" in buffer.getvalue(), broken(
        "Canvas.addLiteral no longer writes its string verbatim into the page stream"
    )


@relies_on_reportlab
def test_number_and_string_formatting_match_the_canvas():
    assert rl.fp_str(1, 0.5, 72.25, 1 / 3, 100) == "1 .5 72.25 .333333 100", broken(
        "reportlab.lib.rl_accel.fp_str formats numbers differently (PDF bytes would change)"
    )
    assert rl.escape_pdf_string(b"a(b)\\c\x01\xff") == "a\\(b\\)\\\\c\\001\\377", broken(
        "reportlab.lib.rl_accel.escapePDF escapes PDF strings differently"
    )
    assert isinstance(rl.SPACE_SHRINKAGE, float) and 0 <= rl.SPACE_SHRINKAGE < 1, broken(
        "rl_config.spaceShrinkage is gone or no longer a share of the spaces' width"
    )


@relies_on_reportlab
def test_font_cmap_maps_code_points_to_glyphs(chain):
    faces = {face.family: face for face in chain.faces}
    assert faces, "the font chain is empty"
    for face in chain.faces:
        cmap = rl.font_cmap(pdfmetrics.getFont(face.regular))
        assert hasattr(cmap, "__contains__") and len(cmap) > 100, broken(
            "TTFont.face.charToGlyph is no longer the font's cmap (code point -> glyph)"
        )
        assert all(isinstance(k, int) for k in list(cmap)[:50]), broken(
            "TTFont.face.charToGlyph is no longer keyed by code point"
        )
    assert any(ord("김") in rl.font_cmap(pdfmetrics.getFont(f.regular)) for f in chain.faces)


@relies_on_reportlab
def test_encoded_text_shows_in_the_pdf_also_past_256_glyphs(chain):
    font_name = next(f.regular for f in chain.faces if f.covers("김"))
    font = pdfmetrics.getFont(font_name)
    many = "".join(chr(0xAC00 + 7 * i) for i in range(300))  # 300 distinct Hangul glyphs
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5)
    doc = rl.pdf_document(canvas)
    pieces = rl.encode_text(font, many, doc)
    assert pieces and all(isinstance(r, str) and isinstance(s, str) for r, s in pieces), broken(
        "TTFont.splitString/getSubsetInternalName no longer give (subset, bytes) and a name"
    )
    resources = {resource for resource, _ in pieces}
    assert all(re.fullmatch(r"/\w+\+\d+", r) for r in resources), broken(
        f"subset resource names look different: {sorted(resources)}"
    )
    assert len(resources) >= 2, broken("a font's glyphs no longer go into 256-glyph subsets")
    assert rl.encode_text(font, many, doc) == pieces, broken("encoding is not stable per document")

    ops = TextOps(doc)
    ops.colour("black")
    for y, text in ((500, MIXED), (480, many[:40]), (460, many[260:])):
        # through the same path the booklet uses: Measurer -> encode_text -> TextOps
        measurer = Measurer(chain)
        lines = measurer.hard_lines([(text, False)], 9)
        ops.line(measurer, 20, y, lines[0], 9)
    rl.add_operators(canvas, ops.code())
    canvas.showPage()
    canvas.save()
    text = page_text(buffer.getvalue())
    for expected in (MIXED, many[:40], many[260:]):
        assert expected in text, broken(
            f"text written with encode_text/add_operators does not come back from the PDF: "
            f"{expected!r} not in {text[:300]!r}"
        )


class _Probe(Flowable):
    """Records what the layout functions say while platypus places it."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.seen: list[tuple[float | None, bool, bool]] = []
        self.want = height

    def wrap(self, availWidth, availHeight):
        self.seen.append((rl.frame_height(self), rl.at_frame_top(self), rl.postponed(self)))
        return availWidth, self.want

    def split(self, availWidth, availHeight):
        return []

    def draw(self):
        pass


@relies_on_reportlab
def test_layout_state_platypus_sets_on_flowables(chain):
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=A5, **make_styles(chain).doc_kwargs())
    probe = _Probe(doc.height * 0.75)
    doc.build([Spacer(1, doc.height / 2), probe])
    assert rl.frame_height(probe) is None and not rl.at_frame_top(probe), broken(
        "Flowable._frame is left set after the build"
    )
    first, *rest = probe.seen
    assert first[0] is not None and abs(first[0] - doc.height) < 1, broken(
        f"Flowable._frame/Frame._height no longer give the frame's height: {probe.seen}"
    )
    assert first[1:] == (False, False), broken(
        f"Frame._atTop/flowable._postponed wrong under a spacer: {probe.seen}"
    )
    assert rest and rest[-1][1:] == (True, True), broken(
        f"a flowable moved on to the next frame is not _postponed at its _atTop: {probe.seen}"
    )


@relies_on_reportlab
def test_keep_together_internals(chain):
    writer = Writer(make_styles(chain, 9))
    content = [writer.para(f"Абзац {i} 문단", writer.styles.cell) for i in range(3)]
    keep = KeepTogether(content)
    assert not rl.wrapped_at(keep, 200, 500)
    keep.wrapOn(Canvas(io.BytesIO()), 200, 500)
    assert rl.wrapped_at(keep, 200, 500) and not rl.wrapped_at(keep, 201, 500), broken(
        "KeepTogether._wrapInfo no longer records the last wrap's size"
    )
    expected = sum(p.wrap(200, 500)[1] for p in content)
    assert abs(rl.kept_height(keep) - expected) < 1e-6, broken(
        "KeepTogether._H is no longer the height of its flowables"
    )
    kept = rl.kept_flowables(keep)
    assert [f for f in kept if f in content] == content, broken(
        "KeepTogether._content no longer holds its flowables"
    )
    assert kept is not rl.kept_flowables(keep)  # a copy each time


@relies_on_reportlab
def test_grid_text_in_one_text_object_comes_back_from_the_pdf(chain):
    writer = Writer(make_styles(chain, 9))
    rows = [[writer.para(f"{9 + i}:00"), writer.para(f"{MIXED} {i}")] for i in range(40)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A5, **writer.styles.doc_kwargs())
    doc.build([Grid(rows, [60, 250])])
    text = page_text(buffer.getvalue())
    for i in range(40):
        assert f"{MIXED} {i}" in text, broken(f"grid row {i} is missing from the PDF text")


PRIVATE = re.compile(
    r"\._doc\b|\._code\b|charToGlyph|splitString|getSubsetInternalName|rl_accel|rl_config"
    r"|[\"']_(frame|postponed|atTop|wrapInfo|content|H|height)[\"']"
    r"|\b(?!self\b)\w+\._(frame|postponed|atTop|wrapInfo|content|H|height)\b"
)


def test_no_other_pdf_module_reaches_into_reportlab():
    package = Path(rl.__file__).parent
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(package.glob("*.py"))
        if path.name != Path(rl.__file__).name
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert not offenders, "use reportlab_internals instead:\n" + "\n".join(offenders)
