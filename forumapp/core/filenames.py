"""Download names every browser and mail client accepts (pure: no Flask)."""

from __future__ import annotations

import re


def ascii_filename(stem: str, extension: str) -> str:
    """A download name every browser and mail client accepts (the UTF-8 one goes beside it)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "calendar"
    return f"{safe[:80]}.{extension}"
