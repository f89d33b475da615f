"""Text kept in several languages, read in a preferred order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# The languages forumapp keeps every text in (interface, forms, documents), in the
# organisers' order; guests' languages may come on top for content.
LANGUAGES = ("ko", "en", "ru")
CONTENT_LANGUAGES = (*LANGUAGES, "kk", "uz")
DEFAULT_FALLBACK = LANGUAGES
# For what companies from several countries read alike (a company's name, a matchmaking
# title, a clash report): English first.
ENGLISH_FIRST = ("en", "ko", "ru")
# Languages written in Cyrillic: their readers get the native spelling of a name first.
CYRILLIC_LANGUAGES = ("ru", "kk", "uz")


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


def person_name(lang: str, hangul: str | None, latin: str | None, native: str | None) -> str:
    """Which script of a person's name a reader sees: Hangul for Korean readers, the
    native spelling for Russian, Kazakh and Uzbek readers, else the Latin one; then
    whatever exists."""
    if lang == "ko":
        order = (hangul, latin, native)
    elif lang in CYRILLIC_LANGUAGES:
        order = (native, latin, hangul)
    else:
        order = (latin, native, hangul)
    return next((n for n in order if n), "")
