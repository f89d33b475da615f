"""Checks shared by the PDF export tests: poppler, qpdf and pypdf on a PDF's bytes."""

from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pypdf
import pytest

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats", "HYGothic")


def need(*tools: str) -> None:
    absent = [t for t in tools if shutil.which(t) is None]
    if absent:
        pytest.skip(f"{', '.join(absent)} not installed (apt-get install poppler-utils qpdf)")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def write(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pdftotext(path: Path) -> str:
    """The text in content-stream order (-raw), whitespace squashed.

    Raw order keeps each table cell's lines together; the default layout mode
    interleaves side-by-side columns line by line.
    """
    need("pdftotext")
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return squash(out)


def pdftotext_page(path: Path, page: int) -> str:
    """One page's text (raw order, whitespace squashed)."""
    need("pdftotext")
    out = subprocess.run(
        ["pdftotext", "-raw", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return squash(out)


def assert_fonts_embedded(path: Path) -> set[str]:
    """Every font an embedded subset of the chain; returns the base font names."""
    need("pdffonts")
    lines = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    heads = [lines[0][a:b].strip() for a, b in spans]
    fonts = [
        {h: line[a:b].strip() for h, (a, b) in zip(heads, spans, strict=True)} for line in lines[2:]
    ]
    assert fonts, "pdffonts listed no fonts"
    for font in fonts:
        assert font["emb"] == "yes", font
        assert font["sub"] == "yes", font
        assert not any(b in font["name"] for b in BASE14), font
    return {f["name"].split("+", 1)[1] for f in fonts}


def assert_qpdf_clean(path: Path) -> None:
    need("qpdf")
    result = subprocess.run(
        ["qpdf", "--check", str(path)], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(BytesIO(data))


def outline(data: bytes) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) for every outline entry, in order."""
    pdf = reader(data)
    entries: list[tuple[int, str, int]] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, item.title, pdf.get_destination_page_number(item) + 1))

    walk(pdf.outline, 0)
    return entries


def lang_of(data: bytes) -> str:
    return str(reader(data).trailer["/Root"]["/Lang"])
