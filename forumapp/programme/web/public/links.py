"""Absolute links and feed settings for exports, built the same way for the web and the CLI
(the CLI runs inside ``app.test_request_context(base_url=...)``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from flask import request, url_for
from flask_babel import gettext as _

from forumapp.programme.documents.ical import FeedContext
from forumapp.programme.documents.schedule import ScheduleLinks
from forumapp.programme.labels import role_label
from forumapp.programme.rules.programme import Programme

# Keys that come out of url_for unchanged (guids); anything else goes through url_for.
_PLAIN_KEY = re.compile(r"[A-Za-z0-9._~-]+")
_KEY_MARK = "forumapp-key-placeholder"


def key_url(endpoint: str, slug: str, *, external: bool = True) -> Callable[[str], str]:
    """``lambda key: url_for(endpoint, slug=slug, key=key, _external=external)``, with the
    routing done once: a feed of 250 sessions and 600 speakers asks for ~900 links, and
    url_for costs about as much as the rest of the export."""
    prefix, _, suffix = url_for(endpoint, slug=slug, key=_KEY_MARK, _external=external).partition(
        _KEY_MARK
    )

    def build(key: str) -> str:
        if _PLAIN_KEY.fullmatch(key):
            return f"{prefix}{key}{suffix}"
        return url_for(endpoint, slug=slug, key=key, _external=external)

    return build


class PageLinks:
    """What a programme list repeats for every session, worked out once per page render:
    session and speaker links, the star form's action and words, role names. (Each is a
    url_for or a gettext call; 250 sessions made them most of the page's render time.)"""

    def __init__(self) -> None:
        self._builders: dict[tuple[str, str], Callable[[str], str]] = {}
        self._roles: dict[str, str] = {}
        self._star_actions: dict[str, str] = {}
        self._labels: dict[str, str] | None = None

    def url(self, endpoint: str, slug: str, key: str) -> str:
        builder = self._builders.get((endpoint, slug))
        if builder is None:
            builder = self._builders[endpoint, slug] = key_url(endpoint, slug, external=False)
        return builder(key)

    def session(self, slug: str, key: str) -> str:
        return self.url("public.session", slug, key)

    def speaker(self, slug: str, key: str) -> str:
        return self.url("public.speaker", slug, key)

    def star_action(self, slug: str) -> str:
        if slug not in self._star_actions:
            self._star_actions[slug] = url_for("public.star", slug=slug)
        return self._star_actions[slug]

    def role(self, role: str) -> str:
        if role not in self._roles:
            self._roles[role] = str(role_label(role))
        return self._roles[role]

    @property
    def labels(self) -> dict[str, str]:
        if self._labels is None:
            self._labels = {
                "unstar_title": _("Remove from my schedule"),
                "star_title": _("Add to my schedule"),
                "starred": _("Starred"),
                "star": _("Star"),
                "to_be_confirmed": _("Time to be confirmed"),
            }
        return self._labels


def schedule_links(slug: str) -> ScheduleLinks:
    return ScheduleLinks(
        base_url=request.host_url,
        forum_url=url_for("public.forum", slug=slug, _external=True),
        session_url=key_url("public.session", slug),
        person_url=key_url("public.speaker", slug),
    )


def feed_context(programme: Programme, lang: str, stamp: datetime) -> FeedContext:
    return FeedContext(
        lang=lang,
        stamp=stamp,
        session_url=key_url("public.session", programme.slug),
        role_label=role_label,
    )
