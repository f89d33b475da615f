"""A light stand-in for ``Paragraph``: left-aligned text made of pre-measured font runs.

Why: a booklet has thousands of table cells and Table wraps each one several
times (row heights, splitting, drawing). ``Paragraph`` re-parses its font markup
on creation and re-breaks its lines, copying fragment objects, on every wrap;
that was most of the build time. Here the text is split into the chain's runs
and every word measured once per (text, weight, size) for the whole document,
a wrap is float additions over those words (memoised per width), and drawing is
one text object with a ``setFont`` where the face changes.

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
from typing import NamedTuple

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from forumapp.exports.pdf.fonts import FontChain

# Breakable white space; anything else (no-break space included) is part of a word.
_TOKENS = re.compile(r"\n|[ \t\r\f\v]+|[^ \t\r\f\v\n]+")
_FUZZ = 1e-8
SHRINK = rl_config.spaceShrinkage

SPACE, WORD, BREAK = 0, 1, 2


class Word(NamedTuple):
    """Glued text between break opportunities, possibly in several faces."""

    space: tuple[str, float] | None  # (font, width) of the space before it, if any
    frags: tuple[tuple[str, str, float], ...]  # (font, text, width)
    width: float


class Measurer:
    """Font runs and word widths, memoised per (text, bold, size) for one document.

    A programme repeats room names, roles and speaker names hundreds of times.
    """

    def __init__(self, chain: FontChain) -> None:
        self.chain = chain
        self._runs: dict[str, list] = {}
        self._pieces: dict[tuple[str, bool, float], tuple] = {}
        self._fonts: dict[str, object] = {}

    def runs(self, text: str):
        value = self._runs.get(text)
        if value is None:
            value = self._runs[text] = self.chain.split_runs(text.replace("\r\n", "\n"))
        return value

    def width(self, text: str, font: str, size: float) -> float:
        face = self._fonts.get(font)
        if face is None:
            face = self._fonts[font] = pdfmetrics.getFont(font)
        return face.stringWidth(text, size)

    def pieces(self, text: str, bold: bool, size: float) -> tuple:
        """``text`` as (kind, font, text, width) tokens: SPACE, WORD or BREAK."""
        key = (text, bold, size)
        value = self._pieces.get(key)
        if value is None:
            out = []
            for face, chunk in self.runs(text):
                font = face.font_name(bold)
                for piece in _TOKENS.findall(chunk):
                    if piece == "\n":
                        out.append((BREAK, font, "", 0.0))
                    elif piece[0] in " \t\r\f\v":
                        out.append((SPACE, font, " ", self.width(" ", font, size)))
                    else:
                        out.append((WORD, font, piece, self.width(piece, font, size)))
            value = self._pieces[key] = tuple(out)
        return value

    def text(self, parts: Iterable[tuple[str, bool]], style) -> RunsText:
        size = style.fontSize
        pieces = [p for text, bold in parts if text for p in self.pieces(text, bold, size)]
        return RunsText(self._hard_lines(pieces), style, self)

    def _hard_lines(self, pieces: Sequence[tuple]) -> list[list[Word]]:
        """Group tokens into words, and words into the lines the hard breaks make."""
        lines: list[list[Word]] = [[]]
        frags: list[tuple[str, str, float]] = []
        space: tuple[str, float] | None = None

        def flush() -> None:
            nonlocal space
            if frags:
                before = space if lines[-1] else None
                lines[-1].append(Word(before, tuple(frags), sum(f[2] for f in frags)))
                frags.clear()
                space = None

        for kind, font, text, width in pieces:
            if kind == WORD:
                frags.append((font, text, width))
            elif kind == SPACE:
                flush()
                if space is None:
                    space = (font, width)  # the first of several spaces stands for all
            else:
                flush()
                lines.append([])
                space = None
        flush()
        if len(lines) > 1 and not lines[-1]:
            lines.pop()  # a trailing break adds no line, as in Paragraph
        return lines if any(lines) else []


class RunsText(Flowable):
    """Left-aligned multi-font text; build with :meth:`Measurer.text`."""

    def __init__(self, hard_lines: list[list[Word]], style, measurer: Measurer) -> None:
        super().__init__()
        self.hard_lines = hard_lines
        self.style = style
        self.measurer = measurer
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self._layouts: dict[float, list[list[Word]]] = {}
        self.lines: list[list[Word]] = []
        self._wrapped_width: float | None = None

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
                gap = word.space[1] if word.space else 0.0
                # Paragraph lets a line overrun by a share of its spaces and
                # tightens the word spacing when drawing it (see draw()).
                if used + gap + word.width <= width + SHRINK * (gaps + gap):
                    current.append(word)
                    used += gap + word.width
                    gaps += gap
                    continue
                lines.append(current)
            gaps = 0.0
            if word.width <= width + _FUZZ:
                current, used = [word], word.width
            else:
                *full, last = self._cut(word, width)
                lines += [[piece] for piece in full]
                current, used = [last], last.width
        lines.append(current)
        return lines

    def _cut(self, word: Word, width: float) -> list[Word]:
        """A word wider than the line, in line-wide pieces cut between characters."""
        size, measure = self.style.fontSize, self.measurer.width
        pieces: list[Word] = []
        frags: list[tuple[str, str, float]] = []
        used = 0.0
        for font, text, _ in word.frags:
            for ch in text:
                w = measure(ch, font, size)
                if used + w > width + _FUZZ and (frags or pieces):
                    pieces.append(Word(None, tuple(frags), used))
                    frags, used = [], 0.0
                if frags and frags[-1][0] == font:
                    frags[-1] = (font, frags[-1][1] + ch, frags[-1][2] + w)
                else:
                    frags.append((font, ch, w))
                used += w
        pieces.append(Word(None, tuple(frags), used))
        return [pieces[0]._replace(space=word.space), *pieces[1:]] if pieces else [word]

    def wrap(self, availWidth, availHeight):
        self.lines = self._layout(availWidth)
        self.width = self._wrapped_width = availWidth
        self.height = len(self.lines) * self.style.leading
        return availWidth, self.height

    def minWidth(self) -> float:
        return max((w.width for line in self.hard_lines for w in line), default=0.0)

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
        first = RunsText([], self.style, self.measurer)
        first._layouts[width] = head
        first.spaceAfter = 0
        # The rest re-wraps at any width: its lines are words again, and a hard break
        # stays where one was (a soft break's first word keeps its space).
        rest = RunsText(self._regroup(tail), self.style, self.measurer)
        rest.spaceBefore = 0
        # The first part keeps its lines at this width only; elsewhere it re-flows them.
        first.hard_lines = self._regroup(head)
        return [first, rest]

    def _regroup(self, lines: list[list[Word]]) -> list[list[Word]]:
        out: list[list[Word]] = []
        for line in lines:
            if out and line and line[0].space is not None and out[-1]:
                out[-1] = out[-1] + line
            else:
                out.append(list(line))
        return out

    def draw(self):
        style, canvas = self.style, self.canv
        size, leading = style.fontSize, style.leading
        text = canvas.beginText()
        text.setFillColor(style.textColor)
        y = self.height - size
        current = None
        for line in self.lines:
            text.setTextOrigin(0, y)
            extra = self.width - sum(w.width + (w.space[1] if w.space else 0) for w in line)
            if line and line[0].space:
                extra += line[0].space[1]  # a soft break's space is not drawn
            squeeze = extra < -_FUZZ and len(line) > 1
            if squeeze:
                text.setWordSpace(extra / (len(line) - 1))
            for font, chunk in _segments(line):
                if font != current:
                    text.setFont(font, size, leading)
                    current = font
                text.textOut(chunk)
            if squeeze:
                text.setWordSpace(0)
            y -= leading
        canvas.drawText(text)


def _segments(line: list[Word]) -> list[tuple[str, str]]:
    """A line as (font, text) pieces, neighbours in one font joined."""
    out: list[list] = []
    for index, word in enumerate(line):
        frags = word.frags
        if index and word.space:
            frags = ((word.space[0], " ", 0.0), *frags)
        for font, text, _ in frags:
            if out and out[-1][0] == font:
                out[-1][1] += text
            else:
                out.append([font, text])
    return [(font, text) for font, text in out]
