"""Public pages: no login needed, published forums only (public visits: visits/web/public.py).

Pages read the forum's last release through ``services.public_programme`` (one small
query, the parsed programme is cached per release) and answer 304 when the reader
already has this release in this language, time zone and set of stars.
"""

from __future__ import annotations

from datetime import date

from flask import abort, render_template, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from forumapp.core.database import schema_problem
from forumapp.core.i18n import current_lang
from forumapp.core.timezones import get_zone, is_valid_zone
from forumapp.core.web.responses import conditional, etag_for, webcal
from forumapp.core.web.routes import Routes
from forumapp.programme import programme as programme_service
from forumapp.programme import public as public_programme
from forumapp.programme.labels import kind_label, role_label
from forumapp.programme.rules.programme import Programme, sessions_by_local_day, speakers_of
from forumapp.programme.rules.schedule_grid import day_grid
from forumapp.programme.web.public.feeds import release_or_404
from forumapp.programme.web.public.links import PageLinks
from forumapp.programme.web.public.my_schedule import starred_keys

routes = Routes()


@routes.context_processor
def label_helpers() -> dict:
    """What every public page may use: role and kind names, a list's links."""
    return {"role_label": role_label, "kind_label": kind_label, "page_links": PageLinks()}


TZ_COOKIE = "tz"
HTML = "text/html; charset=utf-8"
# Offered without JavaScript; public.js adds the browser's own zone when it can.
COMMON_ZONES = (
    "Asia/Seoul",
    "Asia/Almaty",
    "Asia/Tashkent",
    "Asia/Tokyo",
    "Asia/Shanghai",
    "Europe/Moscow",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "UTC",
)


def viewer_zone(programme: Programme) -> str:
    """?tz= (remembered in a cookie), else the forum's own zone."""
    wanted = request.args.get("tz") or request.cookies.get(TZ_COOKIE)
    return wanted if wanted != "event" and is_valid_zone(wanted) else programme.timezone


def _remember_zone(response):
    wanted = request.args.get("tz")
    if wanted == "event":
        response.delete_cookie(TZ_COOKIE)
    elif is_valid_zone(wanted) and request.cookies.get(TZ_COOKIE) != wanted:
        response.set_cookie(
            TZ_COOKIE, wanted, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
        )
    return response


# Star forms are rendered with this placeholder and the request's own CSRF token is put
# in afterwards, so the rendered page can be kept per release like the feeds are.
CSRF_PLACEHOLDER = "__forumapp_csrf_token__"


def _csrf_identity() -> str:
    """Pages carry star forms; their token stays valid while the session's raw token does,
    so a 304 may reuse the cached page only for the same raw token."""

    generate_csrf()
    return str(session.get("csrf_token", ""))


def _cacheable() -> bool:
    """Anonymous readers without pending messages see nothing personal but their stars."""

    return not current_user.is_authenticated and not session.get("_flashes")


def _page(stamp, name: str, render, *parts: object):
    programme = public_programme.programme_of(stamp)
    zone = viewer_zone(programme)
    starred = starred_keys(stamp.slug)
    lang = current_lang()
    etag = etag_for(stamp.tag, name, lang, zone, ",".join(starred), _csrf_identity(), *parts)

    def build() -> str:
        if not _cacheable():
            return render(programme, zone, set(starred)).replace(CSRF_PLACEHOLDER, generate_csrf())
        variant = ("html", name, lang, zone, ",".join(starred), request.full_path, *parts)
        html = public_programme.rendered(
            stamp, variant, lambda: render(programme, zone, set(starred))
        )
        return html.replace(CSRF_PLACEHOLDER, generate_csrf())

    response = conditional(etag, build, HTML, cache_control="private, no-cache")
    return _remember_zone(response)


def _common(programme: Programme, zone: str, starred: set[str]) -> dict:
    slug = programme.slug
    feed = url_for("public.forum_ics", slug=slug, _external=True)
    return {
        "programme": programme,
        "p": programme,
        "zone": zone,
        "zone_is_event": zone == programme.timezone,
        "common_zones": [z for z in COMMON_ZONES if z != programme.timezone],
        "starred": starred,
        "forum_feed": feed,
        "forum_webcal": webcal(feed),
        "next_url": request.full_path.rstrip("?"),
        "csrf_value": CSRF_PLACEHOLDER,
    }


@routes.route("/")
def index():
    return render_template("public/index.html", forums=programme_service.published_forums())


@routes.route("/forums/<slug>/")
def forum(slug: str):
    def render(programme, zone, starred):
        days = sessions_by_local_day(programme, get_zone(zone))
        return render_template("public/forum.html", days=days, **_common(programme, zone, starred))

    return _page(release_or_404(slug), "forum", render)


def _chosen_day(days: list[date]) -> date | None:
    wanted = request.args.get("day")
    try:
        chosen = date.fromisoformat(wanted) if wanted else None
    except ValueError:
        abort(400, description="day must be a date like 2026-10-14")
    if chosen is not None and chosen not in days:
        abort(404)
    return chosen or (days[0] if days else None)


@routes.route("/forums/<slug>/grid/")
def grid(slug: str):
    def render(programme, zone, starred):
        tz = get_zone(zone)
        by_day = dict(sessions_by_local_day(programme, tz))
        day = _chosen_day(list(by_day))
        table = day_grid(by_day.get(day, []), programme.rooms, tz) if day else None
        return render_template(
            "public/grid.html",
            days=list(by_day),
            day=day,
            table=table,
            **_common(programme, zone, starred),
        )

    return _page(release_or_404(slug), "grid", render, request.args.get("day", ""))


@routes.route("/forums/<slug>/sessions/<key>/", endpoint="session")
def session_page(slug: str, key: str):
    stamp = release_or_404(slug)
    programme = public_programme.programme_of(stamp)
    session_info = next((s for s in programme.sessions if s.key == key), None)
    if session_info is None:
        abort(404)

    def render(programme, zone, starred):
        feed = url_for("public.session_ics", slug=slug, key=key, _external=True)
        return render_template(
            "public/session.html",
            s=session_info,
            feed=feed,
            feed_webcal=webcal(feed),
            **_common(programme, zone, starred),
        )

    return _page(stamp, "session", render, key)


@routes.route("/forums/<slug>/speakers/<key>/")
def speaker(slug: str, key: str):
    stamp = release_or_404(slug)
    programme = public_programme.programme_of(stamp)
    person = programme.person(key)
    if person is None:
        abort(404)

    def render(programme, zone, starred):
        sessions = [s for s in programme.sessions if any(r.person_key == key for r in s.speakers)]
        feed = url_for("public.speaker_ics", slug=slug, key=key, _external=True)
        return render_template(
            "public/speaker.html",
            person=person,
            sessions=sessions,
            feed=feed,
            feed_webcal=webcal(feed),
            **_common(programme, zone, starred),
        )

    return _page(stamp, "speaker", render, key)


@routes.route("/forums/<slug>/speakers/")
def speakers(slug: str):
    def render(programme, zone, starred):
        people = speakers_of(programme, programme.sessions)
        return render_template(
            "public/speakers.html", people=people, **_common(programme, zone, starred)
        )

    return _page(release_or_404(slug), "speakers", render)


@routes.route("/healthz")
def health():
    problem = schema_problem()
    if problem:
        return {"status": "unavailable", "reason": problem}, 503
    return {"status": "ok"}
