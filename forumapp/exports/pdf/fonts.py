"""Font chain for PDF exports: every character drawn from an embedded TrueType face.

Why a chain: no single freely licensed TrueType font covers Hangul *and* the
Kazakh Cyrillic letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І), Uzbek ʻ (U+02BB) and ₸.  reportlab
draws a glyph the font lacks as nothing, without a word, so text is split into
runs by cmap coverage and each run gets the first face that has its glyphs.
reportlab embeds only glyf-outline TrueType (CFF/OTF is refused), and its
built-in CID fonts (HYGothic) are not embedded, so only .ttf files are used.

Where the files come from (first hit wins, explicit paths before defaults):
  * PyPI: ``pip install koreanize-matplotlib`` ships NanumGothic.ttf and
    NanumGothicBold.ttf, and its dependency matplotlib ships DejaVuSans.ttf and
    DejaVuSans-Bold.ttf.  Located with ``find_spec`` and never imported, because
    importing koreanize_matplotlib rewrites matplotlib's global rcParams.
  * Debian: ``apt-get install fonts-dejavu-core fonts-nanum``.
  * Anything else: directories or files passed in (config ``FORUMAPP_PDF_FONT_DIRS``).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

logger = logging.getLogger("forumapp.pdf")

INSTALL_HINT = (
    "pip install koreanize-matplotlib  (or: apt-get install fonts-dejavu-core fonts-nanum), "
    "or point FORUMAPP_PDF_FONT_DIRS at directories holding the .ttf files"
)

REPLACEMENT_CHARS = ("\ufffd", "?")


@dataclass(frozen=True)
class FaceSpec:
    """A face wanted in the chain: a family name and the file names of its two weights."""

    family: str
    regular_file: str
    bold_file: str


# Order matters: DejaVu Sans first so Latin, all Cyrillic (Russian and Kazakh),
# ʻ, ₸ and ₩ share one design; NanumGothic only for what DejaVu lacks (Hangul).
DEFAULT_FACES: tuple[FaceSpec, ...] = (
    FaceSpec("DejaVuSans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    FaceSpec("NanumGothic", "NanumGothic.ttf", "NanumGothicBold.ttf"),
)

DEBIAN_FONT_DIRS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/nanum",
)


class FontSetupError(RuntimeError):
    """A wanted font file is not found, or is not glyf TrueType; says how to install it."""


def package_font_dirs() -> list[Path]:
    """Font directories inside installed PyPI packages (koreanize-matplotlib, matplotlib)."""
    found = []
    for package, subdir in (
        ("koreanize_matplotlib", "fonts"),
        ("matplotlib", "mpl-data/fonts/ttf"),
    ):
        # find_spec on a top-level name locates the package without executing it.
        spec = importlib.util.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            candidate = Path(location) / subdir
            if candidate.is_dir():
                found.append(candidate)
    return found


def default_font_dirs() -> list[Path]:
    """PyPI package directories first (they travel with ``pip install``), then Debian's."""
    return [*package_font_dirs(), *(Path(d) for d in DEBIAN_FONT_DIRS)]


def parse_font_dirs(setting: str | Sequence[str | os.PathLike] | None) -> list[Path]:
    """Turn the ``FORUMAPP_PDF_FONT_DIRS`` setting into paths.

    The config loader hands over a JSON list when the variable holds one, else the
    raw string, which is split on ``os.pathsep`` like ``PATH``.
    """
    if not setting:
        return []
    if isinstance(setting, str):
        return [Path(p).expanduser() for p in setting.split(os.pathsep) if p.strip()]
    return [Path(p).expanduser() for p in setting]


def find_font_file(filename: str, search: Iterable[Path]) -> Path | None:
    """First match for ``filename``: an entry that is that file, or a directory holding it."""
    for entry in search:
        if entry.is_file() and entry.name == filename:
            return entry
        candidate = entry / filename
        if entry.is_dir() and candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class Face:
    """One registered face: reportlab font names for both weights plus its cmap."""

    family: str
    regular: str
    bold: str
    regular_path: Path
    bold_path: Path
    coverage: frozenset[int] = field(repr=False)

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.coverage

    def font_name(self, bold: bool = False) -> str:
        return self.bold if bold else self.regular


_registry_lock = threading.Lock()
_registered: dict[Path, str] = {}  # resolved file -> reportlab font name, process-wide


def _register_file(path: Path, wanted_name: str) -> tuple[str, frozenset[int]]:
    """Register a TrueType file once per process; returns its reportlab name and cmap."""
    path = path.resolve()
    with _registry_lock:
        name = _registered.get(path)
        if name is None:
            # Two different files claiming one name (e.g. matplotlib's DejaVu and
            # Debian's in one process) must not overwrite each other's registration.
            name = wanted_name
            taken = set(_registered.values()) | set(pdfmetrics.getRegisteredFontNames())
            suffix = 2
            while name in taken:
                name = f"{wanted_name}-{suffix}"
                suffix += 1
            try:
                font = TTFont(name, str(path))
            except Exception as exc:  # reportlab raises TTFError, also for CFF/OTF
                raise FontSetupError(f"{path}: not a usable TrueType font ({exc})") from exc
            pdfmetrics.registerFont(font)
            _registered[path] = name
        font = pdfmetrics.getFont(name)
    return name, frozenset(font.face.charToGlyph)


def register_face(spec: FaceSpec, regular_path: Path, bold_path: Path) -> Face:
    """Register both weights and tie them into a family so ``<b>`` picks the true bold."""
    regular, coverage = _register_file(regular_path, spec.family)
    bold, _ = _register_file(bold_path, f"{spec.family}-Bold")
    # No italic files are shipped: italic maps to upright rather than a faked slant.
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
    return Face(spec.family, regular, bold, regular_path, bold_path, coverage)


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


class FontChain:
    """Ordered faces; splits text into runs each drawn by a face that has its glyphs."""

    def __init__(self, faces: Sequence[Face]):
        if not faces:
            raise FontSetupError(f"no PDF fonts in the chain; install them: {INSTALL_HINT}")
        self.faces: tuple[Face, ...] = tuple(faces)
        # Characters no face covers, seen since creation; a test asserts it is empty.
        self.missing: set[str] = set()

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

    def _single_face(self, text: str) -> Face | None:
        """The face that draws all of ``text`` as one run, when the full split would agree.

        Most strings are one script plus spaces, digits and punctuation; for them the
        per-character walk below is wasted work. This holds when every non-neutral
        character's first covering face is the same face F and F has the neutral
        characters too (they then join F's run), and nothing needs special handling
        (marks, controls, invisibles). An all-neutral string goes to the first face
        that has every character of it, as the walk would.
        """
        face: Face | None = None
        neutrals = []
        for ch in set(text):
            if _is_control(ch) or _attaches_to_previous(ch):
                return None
            if _is_neutral(ch):
                neutrals.append(ch)
                continue
            first = self.face_for(ch)
            if first is None or (face is not None and first is not face):
                return None
            face = first
        if face is None:
            face = self.primary
        return face if all(_has(face, ch) for ch in neutrals) else None

    def split_runs(self, text: str) -> list[tuple[Face, str]]:
        """Split ``text`` into ``(face, text)`` runs; uncovered characters are reported."""
        if not text:
            return []
        single = self._single_face(text)
        if single is not None:
            return [(single, text)]
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
