"""Where the PDF fonts come from and how they are registered with reportlab.

Where the files come from (first hit wins, explicit paths before defaults):
  * PyPI: ``pip install koreanize-matplotlib`` ships NanumGothic.ttf and
    NanumGothicBold.ttf, and its dependency matplotlib ships DejaVuSans.ttf and
    DejaVuSans-Bold.ttf.  Located with ``find_spec`` and never imported, because
    importing koreanize_matplotlib rewrites matplotlib's global rcParams.
  * Debian: ``apt-get install fonts-dejavu-core fonts-nanum``.
  * Anything else: directories or files passed in (config ``FORUMAPP_PDF_FONT_DIRS``).

reportlab embeds only glyf-outline TrueType (CFF/OTF is refused), and its
built-in CID fonts (HYGothic) are not embedded, so only .ttf files are used.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from forumapp.pdf.reportlab_internals import font_cmap

INSTALL_HINT = (
    "pip install koreanize-matplotlib  (or: apt-get install fonts-dejavu-core fonts-nanum), "
    "or point FORUMAPP_PDF_FONT_DIRS at directories holding the .ttf files"
)


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
    # The face's own cmap (code point -> glyph), shared rather than copied.
    coverage: Container[int] = field(repr=False, compare=False)

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.coverage

    def font_name(self, bold: bool = False) -> str:
        return self.bold if bold else self.regular


_registry_lock = threading.Lock()
_registered: dict[Path, str] = {}  # resolved file -> reportlab font name, process-wide


def _register_file(path: Path, wanted_name: str) -> tuple[str, Container[int]]:
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
    return name, font_cmap(font)


def register_face(spec: FaceSpec, regular_path: Path, bold_path: Path) -> Face:
    """Register both weights and tie them into a family so ``<b>`` picks the true bold."""
    regular, coverage = _register_file(regular_path, spec.family)
    bold, _ = _register_file(bold_path, f"{spec.family}-Bold")
    # No italic files are shipped: italic maps to upright rather than a faked slant.
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
    return Face(spec.family, regular, bold, regular_path, bold_path, coverage)
