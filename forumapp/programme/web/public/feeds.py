"""Calendar feeds and schedule files of a published forum."""

from __future__ import annotations

from flask import abort

from forumapp.core.i18n import current_lang
from forumapp.core.web.responses import conditional, etag_for
from forumapp.core.web.routes import Routes
from forumapp.programme import public as public_programme
from forumapp.programme.documents import ical
from forumapp.programme.documents import schedule as schedule_export
from forumapp.programme.web.public.links import feed_context, schedule_links

routes = Routes()


def release_or_404(slug: str) -> public_programme.ReleaseStamp:
    stamp = public_programme.release_stamp(slug)
    if stamp is None:
        abort(404)
    return stamp


@routes.route("/forums/<slug>/programme.ics")
def forum_ics(slug: str):
    stamp, lang = release_or_404(slug), current_lang()

    def build() -> bytes:
        programme = public_programme.programme_of(stamp)
        return public_programme.rendered(
            stamp,
            ("ics", lang),
            lambda: ical.forum_calendar(
                programme, feed_context(programme, lang, stamp.published_at)
            ),
        )

    return conditional(
        etag_for(stamp.tag, "ics", lang),
        build,
        ical.CONTENT_TYPE,
        download_name=slug,
        extension="ics",
    )


@routes.route("/forums/<slug>/sessions/<key>.ics")
def session_ics(slug: str, key: str):
    stamp, lang = release_or_404(slug), current_lang()
    programme = public_programme.programme_of(stamp)
    session = next((s for s in programme.sessions if s.key == key), None)
    if session is None:
        abort(404)
    ctx = feed_context(programme, lang, stamp.published_at)
    return conditional(
        etag_for(stamp.tag, "session", key, lang),
        lambda: ical.session_calendar(programme, key, ctx),
        ical.CONTENT_TYPE,
        download_name=programme.text(session.title, lang),
        extension="ics",
    )


@routes.route("/forums/<slug>/speakers/<key>.ics")
def speaker_ics(slug: str, key: str):
    stamp, lang = release_or_404(slug), current_lang()
    programme = public_programme.programme_of(stamp)
    person = programme.person(key)
    if person is None:
        abort(404)
    ctx = feed_context(programme, lang, stamp.published_at)
    return conditional(
        etag_for(stamp.tag, "speaker", key, lang),
        lambda: ical.speaker_calendar(programme, key, ctx),
        ical.CONTENT_TYPE,
        download_name=person.display_name(lang),
        extension="ics",
    )


def _schedule_file(slug: str, fmt: str):
    stamp, lang = release_or_404(slug), current_lang()
    writer = schedule_export.schedule_json if fmt == "json" else schedule_export.schedule_xml
    content_type = (
        schedule_export.JSON_CONTENT_TYPE if fmt == "json" else schedule_export.XML_CONTENT_TYPE
    )

    def build() -> bytes:
        programme = public_programme.programme_of(stamp)
        links = schedule_links(slug)
        return public_programme.rendered(
            stamp, (fmt, lang, links.base_url), lambda: writer(programme, lang, links)
        )

    return conditional(etag_for(stamp.tag, fmt, lang), build, content_type)


@routes.route("/forums/<slug>/schedule.json")
def schedule_json(slug: str):
    return _schedule_file(slug, "json")


@routes.route("/forums/<slug>/schedule.xml")
def schedule_xml(slug: str):
    return _schedule_file(slug, "xml")
