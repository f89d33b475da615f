"""Every use of reportlab's undocumented or private internals, in one place.

The booklet's fast text (:mod:`~forumapp.pdf.runs_text`, :mod:`~forumapp.pdf.grid`)
writes PDF text operators itself instead of going through ``Paragraph`` and the canvas's text
object, the font chain reads a TrueType font's cmap, and ``KeepUnlessTaller`` looks inside
platypus' ``KeepTogether``. reportlab documents none of this, so a new reportlab release
may change it; the rest of the code calls only the functions here, and
``tests/pdf/test_reportlab_internals.py`` fails with a clear message when the
installed reportlab no longer has (or no longer behaves like) what they rely on.

pyproject.toml pins reportlab to the minor version these were checked against; before
widening the pin, run that test against the new version.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.lib import rl_accel

# -- Numbers and strings in PDF operators ----------------------------------------------
#
# Bound directly (no wrapper call): the booklet formats tens of thousands of numbers.

fp_str = rl_accel.fp_str
"""``fp_str(*numbers) -> str``: numbers as the canvas writes them in its own operators
(``"1 0 0 1 72 700.5 Tm"``): at most the precision ``rl_config`` asks for, no trailing
zeros, separated by spaces. ``reportlab.lib.rl_accel`` (the C accelerator or its Python
fallback) is an internal module; using the same formatter keeps our operators
byte-identical to what the canvas would write."""

escape_pdf_string = rl_accel.escapePDF
"""``escape_pdf_string(data: bytes) -> str``: the body of a PDF literal string ``(...)``
with ``\\``, ``(``, ``)`` and non-printable bytes escaped, as the canvas escapes the
output of :meth:`TTFont.splitString` (internal, ``reportlab.lib.rl_accel``)."""

SPACE_SHRINKAGE: float = rl_config.spaceShrinkage
"""How far ``Paragraph`` lets a line overrun, as a share of its spaces' width, before it
breaks it (and then tightens the word spacing). A configuration value rather than an API;
RunsText uses the same share so that its lines break where Paragraph's would."""


# -- The canvas ------------------------------------------------------------------------


def pdf_document(canvas):
    """The ``PDFDocument`` a canvas writes into (``Canvas._doc``, private).

    TrueType subsets are numbered per document, so encoding text for the page
    (:func:`encode_text`) needs it."""
    return canvas._doc


def add_operators(canvas, code: str) -> None:
    """Append raw content-stream operators (a whole ``BT ... ET`` text object) to the page.

    Uses ``Canvas.addLiteral`` (public but undocumented beyond "for experts"), which appends
    the string verbatim to the page's operator list (``Canvas._code``) after whatever the
    canvas has drawn so far, exactly as the canvas's own drawing methods do. The fonts the
    operators name must have been registered with the document by :func:`encode_text`."""
    canvas.addLiteral(code)


# -- TrueType fonts --------------------------------------------------------------------


def encode_text(font, text: str, doc) -> tuple[tuple[str, str], ...]:
    """``text`` in the TrueType ``font`` as ``(font resource, escaped string)`` pieces to
    show with ``/F1+0 9 Tf (…) Tj`` on a page of ``doc``.

    Relies on ``TTFont.splitString(text, doc)`` returning ``(subset, bytes)`` pairs (one
    byte per glyph, a new subset every 256 glyphs) and recording the glyphs as used so the
    subset embedded at the end contains them, and on ``TTFont.getSubsetInternalName(subset,
    doc)`` returning the page resource name of that subset (registering it with the
    document, whose one font dictionary every page's resources refer to). Both are the
    "dynamic font" interface that the module docstring of ``reportlab.pdfbase.ttfonts``
    describes and the canvas's text object uses internally; the user guide documents
    neither."""
    return tuple(
        (font.getSubsetInternalName(subset, doc), escape_pdf_string(data))
        for subset, data in font.splitString(text, doc)
    )


def font_cmap(font):
    """A registered TrueType font's cmap, code point -> glyph index (a dict, shared, not
    copied): ``TTFont.face.charToGlyph``, filled by reportlab's font parser. The font chain
    asks it which face can draw a character."""
    return font.face.charToGlyph


# -- KeepTogether ------------------------------------------------------------------------


def wrapped_at(keep, avail_width: float, avail_height: float) -> bool:
    """Whether ``KeepTogether.wrap`` last ran for this size (its ``_wrapInfo``), so that
    :func:`kept_height` is current; ``KeepTogether.split`` makes the same check."""
    return getattr(keep, "_wrapInfo", None) == (avail_width, avail_height)


def kept_height(keep) -> float:
    """The total height of a wrapped ``KeepTogether``'s flowables (its ``_H``)."""
    return keep._H


def kept_flowables(keep) -> list:
    """A ``KeepTogether``'s flowables, a new list (its ``_content``)."""
    return list(keep._content)


# -- Where platypus is laying a flowable out ---------------------------------------------


def frame_height(flowable) -> float | None:
    """The full height of the frame a flowable is being laid out in, or None outside a
    document build. platypus sets ``flowable._frame`` while it wraps and splits a
    flowable, and a ``Frame`` keeps its height in ``_height``."""
    frame = getattr(flowable, "_frame", None)
    return None if frame is None else frame._height


def at_frame_top(flowable) -> bool:
    """Whether nothing has been placed yet in the frame the flowable is being laid out in
    (``Frame._atTop``); False outside a document build."""
    return bool(getattr(getattr(flowable, "_frame", None), "_atTop", False))


def postponed(flowable) -> bool:
    """Whether platypus has already moved this flowable on to a fresh frame because it did
    not fit (it sets ``flowable._postponed``; failing to place it again is a LayoutError)."""
    return bool(getattr(flowable, "_postponed", False))
