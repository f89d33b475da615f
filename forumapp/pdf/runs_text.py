"""A light stand-in for ``Paragraph``: left-aligned text made of pre-measured font runs.

Why: a booklet has thousands of table cells and Table wraps each one several
times (row heights, splitting, drawing). ``Paragraph`` re-parses its font markup
on creation and re-breaks its lines, copying fragment objects, on every wrap;
that was most of the build time. Here the text is split into the chain's runs
and every word measured once per (text, weight, size) for the whole document,
a wrap is float additions over those words (memoised per width), and drawing
writes the text operators itself, each (font, text) piece encoded once per
document, so a :class:`~forumapp.pdf.grid.Grid` can put a whole page
of cells in one text object.

It follows Paragraph's rules where the booklet relies on them, so the pages and
the extracted text stay the same: lines break at spaces (runs of spaces collapse
to one, none at a line's start or end), ``\\n`` is a hard break, a word wider
than the line is cut between characters, the first baseline is one font size
below the top, and ``split`` never leaves a lone first line (no orphans).
Only left alignment, one colour and one size per flowable: centred text (the
cover) stays a Paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reportlab.lib.colors import toColor
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from forumapp.pdf.fonts import FontChain
from forumapp.pdf.reportlab_internals import (
    SPACE_SHRINKAGE,
    add_operators,
    encode_text,
    fp_str,
    pdf_document,
)

# Breakable white space; anything else (no-break space included) is part of a word.
_TOKENS = re.compile(r"\n|[ \t\r\f\v]+|[^ \t\r\f\v\n]+")
# White space other than the plain space: tabs and line breaks take the general path.
_OTHER_SPACE = re.compile(r"[\t\n\r\f\v]")
_FUZZ = 1e-8
SHRINK = SPACE_SHRINKAGE

SPACE, WORD, BREAK = 0, 1, 2
# Texts up to this length are memoised: names, roles and rooms repeat hundreds of
# times, while a title or description seldom recurs in the same size and weight,
# and keeping those would only hold memory.
MEMO_LIMIT = 80

# A word is glued text between break opportunities, possibly in several faces, as
# a plain tuple (a booklet makes tens of thousands): (space, frags, width), where
# space is the (font, width) of the space before it or None and frags are
# (font, text, width) pieces.
Word = tuple


class Measurer:
    """Font runs, word widths and encoded text, memoised for one document.

    A programme repeats room names, roles and speaker names hundreds of times.
    """

    def __init__(self, chain: FontChain) -> None:
        self.chain = chain
        self._runs: dict[str, list] = {}
        self._words: dict[tuple[str, bool, float], tuple] = {}
        self._widths: dict[tuple[str, str, float], float] = {}
        self._fonts: dict[str, object] = {}
        self._encoded: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        self._encoded_for = None  # the reportlab document the encodings belong to

    def runs(self, text: str):
        value = self._runs.get(text)
        if value is None:
            value = self.chain.split_runs(text.replace("\r\n", "\n"))
            if len(text) <= MEMO_LIMIT:
                self._runs[text] = value
        return value

    def font(self, name: str):
        face = self._fonts.get(name)
        if face is None:
            face = self._fonts[name] = pdfmetrics.getFont(name)
        return face

    def width(self, text: str, font: str, size: float) -> float:
        """Words recur across texts (names, "토론", "Модератор"): each is measured once."""
        key = (font, text, size)
        value = self._widths.get(key)
        if value is None:
            value = self._widths[key] = self.font(font).stringWidth(text, size)
        return value

    def pieces(self, text: str, bold: bool, size: float) -> list:
        """``text`` as (kind, font, text, width) tokens: SPACE, WORD or BREAK."""
        out = []
        for face, chunk in self.runs(text):
            font = face.font_name(bold)
            for found in _TOKENS.findall(chunk):
                if found == "\n":
                    out.append((BREAK, font, "", 0.0))
                    continue
                kind, piece = (SPACE, " ") if found[0] in " \t\r\f\v" else (WORD, found)
                out.append((kind, font, piece, self.width(piece, font, size)))
        return out

    def text(self, parts: Iterable[tuple[str, bool]], style) -> RunsText:
        """A RunsText of (text, bold) parts; measured when first laid out."""
        return RunsText(tuple((t, b) for t, b in parts if t), style, self)

    def words(self, text: str, bold: bool, size: float) -> tuple:
        """``text`` grouped into words and hard lines, memoised: ``(lines, lead, trail,
        open_start, open_end)``.

        ``lead``/``trail`` are the (font, width) of spaces at its start/end, and
        ``open_start``/``open_end`` say that it starts/ends inside a word, which
        then glues to the neighbouring part's word ("Name" + ", ").  The first word
        has no space of its own: :meth:`hard_lines` gives it the right one.
        """
        key = (text, bold, size)
        value = self._words.get(key)
        if value is None:
            runs = self.runs(text)
            # The run's text, not ``text``: the chain replaced what no font can draw.
            if len(runs) == 1 and not _OTHER_SPACE.search(runs[0][1]):
                value = self._one_font_words(runs[0][0].font_name(bold), runs[0][1], size)
            else:
                value = self._mixed_words(text, bold, size)
            if len(text) <= MEMO_LIMIT:
                self._words[key] = value
        return value

    def _one_font_words(self, font: str, text: str, size: float) -> tuple:
        """:meth:`words` for the common case: one face, plain spaces, no line breaks."""
        space = (font, self.width(" ", font, size))
        items = text.split(" ")
        words: list[Word] = []
        for piece in items:
            if piece:
                width = self.width(piece, font, size)
                words.append((space if words else None, ((font, piece, width),), width))
        open_start, open_end = items[0] != "", items[-1] != ""
        return (
            [words],
            None if open_start else space,
            None if open_end else space,
            open_start,
            open_end,
        )

    def _mixed_words(self, text: str, bold: bool, size: float) -> tuple:
        """:meth:`words` in general: several faces, tabs, line breaks."""
        lines: list[list[Word]] = [[]]
        frags: list[tuple[str, str, float]] = []
        space = lead = None
        tokens = self.pieces(text, bold, size)
        for kind, font, piece, width in tokens:
            if kind == WORD:
                frags.append((font, piece, width))
                continue
            if frags:
                total = frags[0][2] if len(frags) == 1 else sum(f[2] for f in frags)
                lines[-1].append((space if lines[-1] else None, tuple(frags), total))
                frags = []
                space = None
            if kind == SPACE:
                if space is None:
                    space = (font, width)  # the first of several spaces stands for all
                    if len(lines) == 1 and not lines[0]:
                        lead = space
            else:
                lines.append([])
                space = None
        open_end = bool(frags)
        if frags:
            total = frags[0][2] if len(frags) == 1 else sum(f[2] for f in frags)
            lines[-1].append((space if lines[-1] else None, tuple(frags), total))
        open_start = bool(tokens) and tokens[0][0] == WORD
        return lines, lead, None if open_end else space, open_start, open_end

    def hard_lines(self, parts: Sequence[tuple[str, bool]], size: float) -> list[list[Word]]:
        """The parts' words joined into the lines that hard breaks make.

        Words are grouped per part (memoised: roles, names and rooms repeat) and
        only the seams between parts are looked at here.
        """
        lines: list[list[Word]] = [[]]
        pending = None  # the space owed to the next word (trailing spaces of a part)
        glue = False  # the last part ended inside a word
        for text, bold in parts:
            part_lines, lead, trail, open_start, open_end = self.words(text, bold, size)
            first_line = part_lines[0]
            current = lines[-1]
            if first_line:
                head = first_line[0]
                if glue and open_start and current:
                    last = current[-1]
                    current[-1] = (last[0], last[1] + head[1], last[2] + head[2])
                else:
                    space = pending if pending is not None else lead
                    current.append((space if current else None, head[1], head[2]))
                current.extend(first_line[1:])
            for line in part_lines[1:]:
                lines.append(list(line))
            if len(part_lines) > 1 or first_line:
                pending, glue = trail, open_end
            else:  # only spaces: the first of several spaces stands for all
                pending, glue = (pending if pending is not None else trail), False
        if len(lines) > 1 and not lines[-1]:
            lines.pop()  # a trailing break adds no line, as in Paragraph
        return lines if any(lines) else []

    def encoded(self, doc, font: str, text: str) -> tuple[tuple[str, str], ...]:
        """``text`` in ``font`` as (PDF font resource, escaped string) pieces for ``doc``.

        The subset codes reportlab hands out are per document, so the memo is too.
        """
        if doc is not self._encoded_for:
            self._encoded.clear()
            self._encoded_for = doc
        key = (font, text)
        value = self._encoded.get(key)
        if value is None:
            value = self._encoded[key] = encode_text(self.font(font), text, doc)
        return value


class TextOps:
    """The operators of one PDF text object (BT ... ET), shared by many text blocks."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.ops: list[str] = ["BT"]
        self._font: tuple[str, float] | None = None
        self._colour: str | None = None

    def colour(self, colour) -> None:
        red, green, blue = toColor(colour).rgb()
        op = f"{fp_str(red, green, blue)} rg"
        if op != self._colour:
            self.ops.append(op)
            self._colour = op

    def line(
        self, measurer: Measurer, x: float, y: float, words, size: float, word_space: float = 0.0
    ) -> None:
        """One line of words with its baseline starting at (x, y); the spaces between
        words are drawn (``word_space`` tightens them), neighbours in one font joined."""
        ops = self.ops
        ops.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        if word_space:
            ops.append(f"{fp_str(word_space)} Tw")
        font, pending = None, []
        for index, (space, frags, _) in enumerate(words):
            if index and space:
                if space[0] != font:
                    self._show(measurer, font, pending, size)
                    font, pending = space[0], []
                pending.append(" ")
            for frag_font, text, _ in frags:
                if frag_font != font:
                    self._show(measurer, font, pending, size)
                    font, pending = frag_font, []
                pending.append(text)
        self._show(measurer, font, pending, size)
        if word_space:
            ops.append("0 Tw")

    def _show(self, measurer: Measurer, font: str | None, pieces: list[str], size: float) -> None:
        if not pieces:
            return
        ops = self.ops
        for resource, data in measurer.encoded(self.doc, font, "".join(pieces)):
            if (resource, size) != self._font:
                ops.append(f"{resource} {fp_str(size)} Tf")
                self._font = (resource, size)
            ops.append(f"({data}) Tj")

    def code(self) -> str:
        return " ".join([*self.ops, "ET"])


class RunsText(Flowable):
    """Left-aligned multi-font text; build with :meth:`Measurer.text`."""

    def __init__(self, parts: tuple, style, measurer: Measurer) -> None:
        super().__init__()
        self.parts = parts  # (text, bold) pairs, turned into words on first use
        self._hard_lines: list[list[Word]] | None = None
        self.style = style
        self.measurer = measurer
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self._layouts: dict[float, list[list[Word]]] = {}
        self._wrapped_width: float | None = None

    @property
    def hard_lines(self) -> list[list[Word]]:
        if self._hard_lines is None:
            self._hard_lines = self.measurer.hard_lines(self.parts, self.style.fontSize)
            self.parts = ()
        return self._hard_lines

    @hard_lines.setter
    def hard_lines(self, value: list[list[Word]]) -> None:
        self._hard_lines = value

    def _layout(self, width: float) -> list[list[Word]]:
        lines = self._layouts.get(width)
        if lines is None:
            lines = self._layouts[width] = [
                line for hard in self.hard_lines for line in self._break(hard, width)
            ]
        return lines

    def _break(self, words: list[Word], width: float) -> list[list[Word]]:
        if not words:
            return [[]]
        lines: list[list[Word]] = []
        current: list[Word] = []
        used = gaps = 0.0
        for word in words:
            if current:
                gap = word[0][1] if word[0] else 0.0
                # Paragraph lets a line overrun by a share of its spaces and
                # tightens the word spacing when drawing it (see emit()).
                if used + gap + word[2] <= width + SHRINK * (gaps + gap):
                    current.append(word)
                    used += gap + word[2]
                    gaps += gap
                    continue
                lines.append(current)
            gaps = 0.0
            if word[2] <= width + _FUZZ:
                current, used = [word], word[2]
            else:
                *full, last = self._cut(word, width)
                lines += [[piece] for piece in full]
                current, used = [last], last[2]
        lines.append(current)
        return lines

    def _cut(self, word: Word, width: float) -> list[Word]:
        """A word wider than the line, in line-wide pieces cut between characters."""
        size, measure = self.style.fontSize, self.measurer.width
        pieces: list[Word] = []
        frags: list[tuple[str, str, float]] = []
        used = 0.0
        for font, text, _ in word[1]:
            for ch in text:
                w = measure(ch, font, size)
                if used + w > width + _FUZZ and (frags or pieces):
                    pieces.append((None, tuple(frags), used))
                    frags, used = [], 0.0
                if frags and frags[-1][0] == font:
                    frags[-1] = (font, frags[-1][1] + ch, frags[-1][2] + w)
                else:
                    frags.append((font, ch, w))
                used += w
        pieces.append((None, tuple(frags), used))
        return [(word[0], *pieces[0][1:]), *pieces[1:]] if pieces else [word]

    def wrap(self, availWidth, availHeight):
        self.width = self._wrapped_width = availWidth
        self.height = len(self._layout(availWidth)) * self.style.leading
        return availWidth, self.height

    def minWidth(self) -> float:
        return max((w[2] for line in self.hard_lines for w in line), default=0.0)

    def split(self, availWidth, availHeight):
        # Like Paragraph, split the lines of the last wrap: Table passes the column
        # width here but wrapped the cell at that width less its padding.
        width = self._wrapped_width or availWidth
        lines = self._layout(width)
        fits = int((availHeight + _FUZZ) / self.style.leading)
        if fits <= 1 or not lines:  # Paragraph's rule: no lone first line at a page foot
            return []
        if len(lines) <= fits:
            return [self]
        head, tail = lines[:fits], lines[fits:]
        first = RunsText((), self.style, self.measurer)
        first._layouts[width] = head
        first.spaceAfter = 0
        # The rest re-wraps at any width: its lines are words again, and a hard break
        # stays where one was (a soft break's first word keeps its space).
        rest = RunsText((), self.style, self.measurer)
        rest.hard_lines = self._regroup(tail)
        rest.spaceBefore = 0
        # The first part keeps its lines at this width only; elsewhere it re-flows them.
        first.hard_lines = self._regroup(head)
        return [first, rest]

    def _regroup(self, lines: list[list[Word]]) -> list[list[Word]]:
        out: list[list[Word]] = []
        for line in lines:
            if out and line and line[0][0] is not None and out[-1]:
                out[-1] = out[-1] + line
            else:
                out.append(list(line))
        return out

    def emit(self, ops: TextOps, x: float, top: float, canvas=None) -> None:
        """Write the lines of the last wrap into ``ops``, from ``top`` down (``canvas``
        is for containers holding other flowables; text needs none)."""
        style = self.style
        size, leading = style.fontSize, style.leading
        width = self.width
        lines = self._layout(width)
        if not lines:
            return
        ops.colour(style.textColor)
        y = top - size
        for line in lines:
            extra = width - sum(w[2] + (w[0][1] if w[0] else 0) for w in line)
            if line and line[0][0]:
                extra += line[0][0][1]  # a soft break's space is not drawn
            squeeze = extra / (len(line) - 1) if extra < -_FUZZ and len(line) > 1 else 0.0
            ops.line(self.measurer, x, y, line, size, squeeze)
            y -= leading

    def draw(self):
        ops = TextOps(pdf_document(self.canv))
        self.emit(ops, 0, self.height)
        add_operators(self.canv, ops.code())
