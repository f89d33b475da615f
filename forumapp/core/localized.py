"""Text kept in several languages, read in a preferred order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

DEFAULT_FALLBACK = ("ko", "en", "ru")


def pick_language(
    text: Mapping[str, str] | None, languages: Sequence[str] = DEFAULT_FALLBACK
) -> str:
    """The first non-empty translation in the given order, else any, else ''.

    Falling back to *any* translation matters: a Kazakh guest's bio may only
    exist in Russian, and showing it beats showing nothing.
    """
    if not text:
        return ""
    for code in languages:
        value = text.get(code)
        if value:
            return value
    return next((v for v in text.values() if v), "")


def fallback_order(
    preferred: str | None, forum_order: Sequence[str] = DEFAULT_FALLBACK
) -> list[str]:
    """The viewer's language first, then the forum's own order, without repeats."""
    order = [preferred] if preferred else []
    order += [code for code in forum_order if code != preferred]
    return order
