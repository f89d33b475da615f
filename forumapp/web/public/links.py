"""Absolute links and feed settings for exports, built the same way for the web and the CLI
(the CLI runs inside ``app.test_request_context(base_url=...)``)."""

from __future__ import annotations

from datetime import datetime

from flask import request, url_for

from forumapp.domain.programme import Programme
from forumapp.exports.ical import FeedContext
from forumapp.exports.labels import role_label
from forumapp.exports.schedule import ScheduleLinks


def schedule_links(slug: str) -> ScheduleLinks:
    return ScheduleLinks(
        base_url=request.host_url,
        forum_url=url_for("public.forum", slug=slug, _external=True),
        session_url=lambda key: url_for("public.session", slug=slug, key=key, _external=True),
        person_url=lambda key: url_for("public.speaker", slug=slug, key=key, _external=True),
    )


def feed_context(programme: Programme, lang: str, stamp: datetime) -> FeedContext:
    return FeedContext(
        lang=lang,
        stamp=stamp,
        session_url=lambda key: url_for(
            "public.session", slug=programme.slug, key=key, _external=True
        ),
        role_label=role_label,
    )


def webcal(url: str) -> str:
    """The subscribe form of a feed URL: calendar apps open webcal:// links themselves."""
    return "webcal://" + url.split("://", 1)[1] if "://" in url else url
