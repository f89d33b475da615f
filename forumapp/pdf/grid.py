"""A table for long lists of text cells: rows measured once, split by slicing.

Why not platypus ``Table``: it builds a style object per cell, recomputes every
remaining row each time a long table is split at a page foot (quadratic in the
pages a table spans) and draws each cell inside its own saved graphics state.
A booklet's day tables and speaker index are hundreds of rows; here a row's
height is measured once, a split shares the measured rows, and a page's cells
are written as one PDF text object (:class:`~forumapp.pdf.runs_text.TextOps`).

Cells are :class:`RunsText` (or :class:`Stack` of them, or any other flowable,
drawn the ordinary way), aligned to the top of their row.  Header rows repeat
on every page.  A row taller than a whole page is split inside the row, as
``Table(splitInRow=1)`` does; a row that would fit on the next page moves there.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable

from forumapp.pdf import reportlab_internals as rl
from forumapp.pdf.runs_text import RunsText, TextOps
from forumapp.pdf.styles import HEADER_BACKGROUND

_FUZZ = 1e-6


class Stack(Flowable):
    """Flowables one above the other inside a cell, their spacing kept (a list cell)."""

    def __init__(self, children: Sequence[Flowable]) -> None:
        super().__init__()
        self.children = list(children)
        self._sizes: list[float] = []

    def wrap(self, availWidth, availHeight):
        self._sizes = [child.wrap(availWidth, availHeight)[1] for child in self.children]
        self.width, self.height = availWidth, sum(self._sizes) + self._gaps()
        return self.width, self.height

    def _gaps(self) -> float:
        kids = self.children
        return sum(c.getSpaceBefore() for c in kids[1:]) + sum(c.getSpaceAfter() for c in kids[:-1])

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + _FUZZ:
            return [self]
        used = 0.0
        for index, (child, height) in enumerate(zip(self.children, self._sizes, strict=True)):
            before = child.getSpaceBefore() if index else 0.0
            if used + before + height <= availHeight + _FUZZ:
                used += before + height + child.getSpaceAfter()
                continue
            parts = child.split(availWidth, availHeight - used - before)
            head = self.children[:index] + parts[:1]
            tail = parts[1:] + self.children[index + 1 :] if parts else self.children[index:]
            return [Stack(head), Stack(tail)] if head else []
        return [self]

    def emit(self, ops: TextOps, x: float, top: float, canvas) -> None:
        y = top
        for index, (child, height) in enumerate(zip(self.children, self._sizes, strict=True)):
            if index:
                y -= child.getSpaceBefore()
            _emit_cell(child, ops, x, y, height, canvas)
            y -= height + child.getSpaceAfter()

    def draw(self):
        ops = TextOps(rl.pdf_document(self.canv))
        self.emit(ops, 0, self.height, self.canv)
        rl.add_operators(self.canv, ops.code())


def _emit_cell(cell: Flowable, ops: TextOps, x: float, top: float, height: float, canvas) -> None:
    """Text goes into the shared text object; any other flowable is drawn as usual."""
    if isinstance(cell, RunsText | Stack):
        cell.emit(ops, x, top, canvas)
    else:
        cell.drawOn(canvas, x, top - height)


class _Row:
    """One row's cells and, once measured, its height (shared by every split part)."""

    __slots__ = ("cells", "height", "index")

    def __init__(self, cells: list[Flowable], index: int) -> None:
        self.cells = cells
        self.index = index  # position among the body rows of the whole table (zebra)
        self.height: float | None = None


class Grid(Flowable):
    """Rows of cells with fixed column widths, a grid, a header and row backgrounds."""

    def __init__(
        self,
        rows: Sequence[Sequence[Flowable]],
        col_widths: Sequence[float],
        *,
        header_rows: int = 1,
        padding: tuple[float, float, float, float] = (4, 3, 4, 3),  # left, top, right, bottom
        grid_colour=colors.grey,
        grid_width: float = 0.5,
        header_background=HEADER_BACKGROUND,
        row_backgrounds: Sequence = (),
        _rows: tuple[list[_Row], list[_Row]] | None = None,
    ) -> None:
        super().__init__()
        self.col_widths = list(col_widths)
        self.padding = padding
        self.grid_colour, self.grid_width = grid_colour, grid_width
        self.header_background = header_background
        self.row_backgrounds = list(row_backgrounds)
        if _rows is None:
            header = [_Row(list(r), -1) for r in rows[:header_rows]]
            body = [_Row(list(r), i) for i, r in enumerate(rows[header_rows:])]
            _rows = (header, body)
        self.header, self.body = _rows
        self.width = sum(self.col_widths)

    def _copy(self, body: list[_Row]) -> Grid:
        return Grid(
            (),
            self.col_widths,
            padding=self.padding,
            grid_colour=self.grid_colour,
            grid_width=self.grid_width,
            header_background=self.header_background,
            row_backgrounds=self.row_backgrounds,
            _rows=(self.header, body),
        )

    def _measure(self, row: _Row) -> float:
        if row.height is None:
            left, top, right, bottom = self.padding
            tallest = 0.0
            for cell, width in zip(row.cells, self.col_widths, strict=True):
                tallest = max(tallest, cell.wrap(width - left - right, 1e9)[1])
            row.height = tallest + top + bottom
        return row.height

    def wrap(self, availWidth, availHeight):
        self.height = sum(self._measure(row) for row in (*self.header, *self.body))
        return self.width, self.height

    def split(self, availWidth, availHeight):
        room = availHeight - sum(self._measure(row) for row in self.header)
        used, fits = 0.0, 0
        for row in self.body:
            height = self._measure(row)
            if used + height > room + _FUZZ:
                break
            used += height
            fits += 1
        if fits == len(self.body):
            return [self]
        if fits:
            return [self._copy(self.body[:fits]), self._copy(self.body[fits:])]
        # Not even one row fits: it moves on whole, unless no page could hold it
        # (taller than the frame) or this is already the top of a page.
        tallest = self._measure(self.body[0]) + sum(self._measure(r) for r in self.header)
        frame_height = rl.frame_height(self)
        if not (
            rl.postponed(self)
            or rl.at_frame_top(self)
            or (frame_height is not None and tallest > frame_height)
        ):
            return []
        halves = self._split_row(self.body[0], room)
        if halves is None:
            return []
        return [self._copy([halves[0]]), self._copy([halves[1], *self.body[1:]])]

    def _split_row(self, row: _Row, room: float) -> tuple[_Row, _Row] | None:
        left, top, right, bottom = self.padding
        content = room - top - bottom
        heads, tails = [], []
        for cell, width in zip(row.cells, self.col_widths, strict=True):
            inner = width - left - right
            _, height = cell.wrap(inner, 1e9)
            if height <= content + _FUZZ:
                head, tail = cell, Stack([])  # all of it above the cut
            else:
                parts = cell.split(inner, content)
                head, tail = (parts[0], Stack(parts[1:])) if parts else (Stack([]), cell)
            heads.append(head)
            tails.append(tail)
        if all(isinstance(h, Stack) and not h.children for h in heads):
            return None
        return _Row(heads, row.index), _Row(tails, row.index)

    def draw(self):
        canvas = self.canv
        left, top, _, _ = self.padding
        rows = [*self.header, *self.body]
        heights = [self._measure(row) for row in rows]
        xs = [0.0]
        for width in self.col_widths:
            xs.append(xs[-1] + width)
        y = self.height
        tops = []
        for row, height in zip(rows, heights, strict=True):
            background = self._background(row)
            if background is not None:
                canvas.setFillColor(background)
                canvas.rect(0, y - height, self.width, height, stroke=0, fill=1)
            tops.append(y)
            y -= height
        tops.append(y)
        ops = TextOps(rl.pdf_document(canvas))
        for row, row_top in zip(rows, tops[:-1], strict=True):
            for cell, x, width in zip(row.cells, xs[:-1], self.col_widths, strict=True):
                inner = width - left - self.padding[2]
                _, cell_height = cell.wrap(inner, 1e9)  # memoised; the layout emit draws
                _emit_cell(cell, ops, x + left, row_top - top, cell_height, canvas)
        rl.add_operators(canvas, ops.code())
        if self.grid_colour is not None and self.grid_width:
            canvas.setStrokeColor(self.grid_colour)
            canvas.setLineWidth(self.grid_width)
            lines = [(0, t, self.width, t) for t in tops]
            lines += [(x, tops[0], x, tops[-1]) for x in xs]
            canvas.lines(lines)

    def _background(self, row: _Row):
        if row.index < 0:
            return self.header_background
        if not self.row_backgrounds:
            return None
        colour = self.row_backgrounds[row.index % len(self.row_backgrounds)]
        return None if colour in (None, colors.white) else colour
