"""Font chain for PDF exports: every character drawn from an embedded TrueType face.

Why a chain: no single freely licensed TrueType font covers Hangul *and* the
Kazakh Cyrillic letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І), Uzbek ʻ (U+02BB) and ₸.  reportlab
draws a glyph the font lacks as nothing, without a word, so text is split into
runs by cmap coverage and each run gets the first face that has its glyphs.
Where the faces come from: :mod:`forumapp.pdf.font_files`.
"""

from __future__ import annotations

import logging
import os
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics

from forumapp.pdf.font_files import (
    DEFAULT_FACES,
    INSTALL_HINT,
    Face,
    FaceSpec,
    FontSetupError,
    default_font_dirs,
    find_font_file,
    parse_font_dirs,
    register_face,
)

__all__ = [
    "Face",
    "FaceSpec",
    "FontChain",
    "FontSetupError",
    "load_chain",
    "parse_font_dirs",
]

logger = logging.getLogger("forumapp.pdf")

REPLACEMENT_CHARS = ("\ufffd", "?")


def _is_default_ignorable(ch: str) -> bool:
    # Unicode says these are not rendered when unsupported (ZWSP, ZWJ/ZWNJ, word
    # joiner, BOM, variation selectors, soft hyphen): omitting them is correct.
    cp = ord(ch)
    return (
        cp in (0x00AD, 0x034F, 0x061C, 0x180E, 0xFEFF)
        or 0x200B <= cp <= 0x200F
        or 0x202A <= cp <= 0x202E
        or 0x2060 <= cp <= 0x206F
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
    )


def _attaches_to_previous(ch: str) -> bool:
    """Marks, joiners and other invisibles belong to the character before them."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or _is_default_ignorable(ch)


def _is_neutral(ch: str) -> bool:
    """Whitespace, punctuation, digits and symbols: no script of their own.

    They stay in the neighbouring run when that face has them, so "김관영, 조이르"
    is one NanumGothic run rather than switching to DejaVu for the comma.
    """
    return ch.isspace() or unicodedata.category(ch)[0] in "ZPNS"


# Layout characters, not glyphs: Paragraph turns them into spaces/breaks, and
# fonts need not map them, so they never count as missing.
_LAYOUT = frozenset("\t\n\r")


def _has(face: Face, ch: str) -> bool:
    return ch in _LAYOUT or face.covers(ch)


def _is_control(ch: str) -> bool:
    # C0/C1 controls and lone surrogates are illegal in Paragraph XML: replace them.
    return unicodedata.category(ch) in ("Cc", "Cs") and ch not in _LAYOUT


_NORMAL, _NEUTRAL, _SPECIAL = 0, 1, 2  # see FontChain._char
_CHAR_TABLES: dict[tuple[Face, ...], dict[str, tuple[int, int, int]]] = {}


class FontChain:
    """Ordered faces; splits text into runs each drawn by a face that has its glyphs."""

    def __init__(self, faces: Sequence[Face]):
        if not faces:
            raise FontSetupError(f"no PDF fonts in the chain; install them: {INSTALL_HINT}")
        self.faces: tuple[Face, ...] = tuple(faces)
        # Characters no face covers, seen since creation; a test asserts it is empty.
        self.missing: set[str] = set()
        # Per-character facts, shared by every chain over the same faces.
        self._chars = _CHAR_TABLES.setdefault(self.faces, {})

    @property
    def primary(self) -> Face:
        return self.faces[0]

    def face_for(self, ch: str) -> Face | None:
        return next((f for f in self.faces if f.covers(ch)), None)

    def _replacement(self) -> tuple[Face, str]:
        for rep in REPLACEMENT_CHARS:
            face = self.face_for(rep)
            if face is not None:
                return face, rep
        return self.primary, "?"

    def _report(self, ch: str, text: str) -> None:
        if ch in self.missing:
            return
        self.missing.add(ch)
        name = unicodedata.name(ch, "unnamed")
        logger.warning(
            "PDF: no font in the chain (%s) has U+%04X %s; drawn as a replacement character in %r",
            ", ".join(f.family for f in self.faces),
            ord(ch),
            name,
            text[:80],
        )

    def _char(self, ch: str) -> tuple[int, int, int]:
        """``(kind, faces, first)`` of a character: its class, a bit mask of the faces
        that have it, and the index of the first of them (-1 for none)."""
        info = self._chars.get(ch)
        if info is None:
            mask = sum(1 << i for i, face in enumerate(self.faces) if _has(face, ch))
            if not mask or _is_control(ch) or _attaches_to_previous(ch):
                kind = _SPECIAL
            elif _is_neutral(ch):
                kind = _NEUTRAL
            else:
                kind = _NORMAL
            info = self._chars[ch] = (kind, mask, (mask & -mask).bit_length() - 1)
        return info

    def split_runs(self, text: str) -> list[tuple[Face, str]]:
        """Split ``text`` into ``(face, text)`` runs; uncovered characters are reported.

        A character takes the first face that has it.  Neutral characters (spaces,
        digits, punctuation, symbols) have no script of their own: they stay in the
        run before them when that face has them, else join the run after them, so
        "김관영, 조이르" is one NanumGothic run rather than switching for the comma.
        """
        if not text:
            return []
        char = self._char
        infos = [char(ch) for ch in set(text)]
        if any(kind == _SPECIAL for kind, _, _ in infos):
            return self._split_clusters(text)
        # Most strings are one script plus neutrals: one run, without the walk below.
        firsts = {first for kind, _, first in infos if kind == _NORMAL}
        if len(firsts) <= 1:
            face = firsts.pop() if firsts else char(text[0])[2]
            if all(mask >> face & 1 for _, mask, _ in infos):
                return [(self.faces[face], text)]
        return self._split_plain(text)

    def _split_plain(self, text: str) -> list[tuple[Face, str]]:
        """The walk for text without marks, controls or uncovered characters."""
        infos = [self._char(ch) for ch in text]
        following: list[int] = [-1] * len(infos)  # face of the next non-neutral character
        after = -1
        for i in range(len(infos) - 1, -1, -1):
            following[i] = after
            if infos[i][0] == _NORMAL:
                after = infos[i][2]
        runs: list[tuple[Face, str]] = []
        current, start = -1, 0
        for i, (kind, mask, first) in enumerate(infos):
            if kind == _NORMAL:
                face = first
            elif current >= 0 and mask >> current & 1:
                face = current
            elif following[i] >= 0 and mask >> following[i] & 1:
                face = following[i]
            else:
                face = first
            if face != current:
                if current >= 0:
                    runs.append((self.faces[current], text[start:i]))
                current, start = face, i
        runs.append((self.faces[current], text[start:]))
        return runs

    def _split_clusters(self, text: str) -> list[tuple[Face, str]]:
        """The general walk: marks stay with their base, controls and uncovered
        characters become reported replacement characters."""
        clusters: list[str] = []  # a base character plus the marks/joiners after it
        for ch in text:
            if clusters and _attaches_to_previous(ch):
                clusters[-1] += ch
            else:
                clusters.append(ch)
        # Neutral clusters get no face here; they take a neighbour's below.
        assigned: list[tuple[Face | None, str]] = []
        for cluster in clusters:
            assigned.extend(self._assign_cluster(cluster, text))
        resolved: list[tuple[Face, str]] = []
        for i, (maybe_face, chunk) in enumerate(assigned):
            face = maybe_face or self._neutral_face(chunk, resolved, assigned[i + 1 :])
            resolved.append((face, chunk))

        runs: list[tuple[Face, str]] = []
        for face, chunk in resolved:
            if runs and runs[-1][0] is face:
                runs[-1] = (face, runs[-1][1] + chunk)
            else:
                runs.append((face, chunk))
        return runs

    def _assign_cluster(self, cluster: str, text: str) -> list[tuple[Face | None, str]]:
        base = cluster[0]
        if _is_control(base):
            self._report(base, text)
            return [self._replacement()]
        if _is_neutral(base) and len(cluster) == 1 and any(_has(f, base) for f in self.faces):
            return [(None, cluster)]
        wanted = [c for c in cluster if not _is_default_ignorable(c)] or [base]
        face = next((f for f in self.faces if all(f.covers(c) for c in wanted)), None)
        if face is None:
            # Keep what the best face can draw; every other visible character
            # becomes a replacement character, reported, never silently lost.
            # A face with the base character wins over one with more of the marks.
            face = max(self.faces, key=lambda f: (f.covers(base), sum(f.covers(c) for c in wanted)))
        kept, lost = "", []
        for c in cluster:
            if face.covers(c):
                kept += c
            elif not _is_default_ignorable(c):
                lost.append(c)
        out: list[tuple[Face | None, str]] = [(face, kept)] if kept else []
        for c in lost:
            self._report(c, text)
            out.append(self._replacement())
        return out

    def _neutral_face(
        self, chunk: str, before: list[tuple[Face, str]], after: list[tuple[Face | None, str]]
    ) -> Face:
        if before and _has(before[-1][0], chunk):
            return before[-1][0]
        following = next((f for f, _ in after if f is not None), None)
        if following is not None and _has(following, chunk):
            return following
        # _assign_cluster only defers characters some face has.
        return next(f for f in self.faces if _has(f, chunk))

    def markup(self, text: str, bold: bool = False) -> str:
        """Paragraph markup: one ``<font name=...>`` per run, text XML-escaped.

        Line breaks in ``text`` become ``<br/>`` (Paragraph would fold them into spaces).
        """
        parts = []
        for face, chunk in self.split_runs(text):
            body = escape(chunk).replace("\r\n", "\n").replace("\n", "<br/>")
            parts.append(f'<font name="{face.font_name(bold)}">{body}</font>')
        return "".join(parts)

    def string_width(self, text: str, size: float, bold: bool = False) -> float:
        return sum(
            pdfmetrics.stringWidth(chunk, face.font_name(bold), size)
            for face, chunk in self.split_runs(text)
        )

    def draw_string(
        self,
        canvas,
        x: float,
        y: float,
        text: str,
        *,
        size: float,
        bold: bool = False,
        anchor: str = "start",
    ) -> float:
        """Draw one line on a canvas (headers, footers, page numbers) run by run.

        ``canvas.drawString`` uses a single font, so mixed text is drawn in pieces.
        ``anchor`` is "start", "middle" or "end"; returns the width drawn.
        """
        runs = self.split_runs(text)
        widths = [pdfmetrics.stringWidth(c, f.font_name(bold), size) for f, c in runs]
        total = sum(widths)
        if anchor == "middle":
            x -= total / 2
        elif anchor == "end":
            x -= total
        elif anchor != "start":
            raise ValueError(f"anchor must be start, middle or end, not {anchor!r}")
        for (face, chunk), width in zip(runs, widths, strict=True):
            canvas.setFont(face.font_name(bold), size)
            canvas.drawString(x, y, chunk)
            x += width
        return total


def load_chain(
    paths: Iterable[str | os.PathLike] | None = None,
    *,
    faces: Sequence[FaceSpec] = DEFAULT_FACES,
    include_defaults: bool = True,
    strict: bool = True,
) -> FontChain:
    """Find, register and chain the faces.

    ``paths``: directories or font files searched before the defaults (the app
    passes ``parse_font_dirs(app.config["FORUMAPP_PDF_FONT_DIRS"])``).  With
    ``strict`` a face whose files are absent is an error; otherwise it is left
    out with a warning and its characters end up in ``chain.missing``.
    """
    search = [Path(p).expanduser() for p in paths or ()]
    if include_defaults:
        search += default_font_dirs()
    chain_faces = []
    for spec in faces:
        regular = find_font_file(spec.regular_file, search)
        bold = find_font_file(spec.bold_file, search)
        if regular is None or bold is None:
            absent = [
                n for n, p in ((spec.regular_file, regular), (spec.bold_file, bold)) if p is None
            ]
            message = (
                f"PDF font {', '.join(absent)} not found in "
                f"{[str(s) for s in search]}; install: {INSTALL_HINT}"
            )
            if strict:
                raise FontSetupError(message)
            logger.warning(message)
            continue
        chain_faces.append(register_face(spec, regular, bold))
    return FontChain(chain_faces)
