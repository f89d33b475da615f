"""PDF exports (reportlab platypus); fonts come only from the chain in ``fonts``."""

from forumapp.pdf.fonts import FontChain, FontSetupError, load_chain, parse_font_dirs
from forumapp.pdf.styles import PdfStyles, make_styles

__all__ = [
    "FontChain",
    "FontSetupError",
    "PdfStyles",
    "load_chain",
    "make_styles",
    "parse_font_dirs",
]
