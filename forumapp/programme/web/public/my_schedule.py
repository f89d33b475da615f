""" "My schedule" without an account: the starred sessions live in a signed token.

The token is the personal link (``/forums/<slug>/my/<token>/``, bookmarkable and
shareable between one's own devices) and is kept in a cookie scoped to the forum, so
starring needs no login and the server stores nothing. It is signed so nobody can
forge a link that looks like it came from us; it is not secret (it lists only public
sessions). Starring another session gives a new link; the page shows the current one.
"""

from __future__ import annotations

import base64
import uuid

from flask import (
    Response,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from forumapp.core.i18n import current_lang
from forumapp.core.web.responses import conditional, etag_for, webcal
from forumapp.core.web.routes import Routes
from forumapp.programme import public as public_programme
from forumapp.programme.documents import ical
from forumapp.programme.web.public.feeds import release_or_404
from forumapp.programme.web.public.links import feed_context

routes = Routes()


COOKIE = "my_schedule"
MAX_STARRED = 200  # keeps the link under ~4,500 characters


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="forumapp.my-schedule")


def _pack(keys: list[str]) -> str:
    """Guids as 16 raw bytes each: a 36-character guid costs 22 characters in the link."""
    raw = b"".join(uuid.UUID(k).bytes for k in keys)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unpack(packed: str) -> list[str]:
    raw = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
    return [str(uuid.UUID(bytes=raw[i : i + 16])) for i in range(0, len(raw) - 15, 16)]


def make_token(slug: str, keys: list[str]) -> str:
    return _serializer().dumps({"f": slug, "s": _pack(keys)})


def read_token(slug: str, token: str | None) -> list[str] | None:
    """The starred guids, or None when the token is missing, forged or for another forum."""
    if not token:
        return None
    try:
        data = _serializer().loads(token)
        if not isinstance(data, dict) or data.get("f") != slug:
            return None
        return _unpack(str(data.get("s", "")))
    except (BadSignature, ValueError, TypeError):
        return None


def starred_keys(slug: str) -> list[str]:
    return read_token(slug, request.cookies.get(COOKIE)) or []


def _remember(response: Response, slug: str, token: str) -> Response:
    response.set_cookie(
        COOKIE,
        token,
        max_age=400 * 24 * 3600,
        path=f"/forums/{slug}/",
        samesite="Lax",
        httponly=True,
        secure=request.is_secure,
    )
    return response


@routes.post("/forums/<slug>/my/star")
def star(slug: str):
    """Star or unstar one session (a form per session; CSRF-checked like every form)."""
    stamp = release_or_404(slug)
    programme = public_programme.programme_of(stamp)
    key = request.form.get("session", "")
    if not any(s.key == key for s in programme.sessions):
        abort(400, description=_("No such session in this programme."))
    keys = [k for k in starred_keys(slug) if k != key]
    if request.form.get("action") != "unstar":
        if len(keys) >= MAX_STARRED:
            abort(400, description=_("You cannot star more than %(n)s sessions.", n=MAX_STARRED))
        keys.append(key)
    back = request.form.get("next", "")
    if not back.startswith(f"/forums/{slug}/") or back.startswith("//"):
        back = url_for("public.forum", slug=slug)
    return _remember(redirect(f"{back}#s-{key}", code=303), slug, make_token(slug, keys))


@routes.route("/forums/<slug>/my/")
def my_schedule(slug: str):
    """The personal link of this browser's stars (or an empty page explaining starring)."""
    keys = starred_keys(slug)
    return _my_page(slug, keys, make_token(slug, keys) if keys else None)


@routes.route("/forums/<slug>/my/<token>/")
def my_schedule_link(slug: str, token: str):
    """Opening a personal link adopts it on this device too."""
    keys = read_token(slug, token)
    if keys is None:
        abort(404)
    return _remember(make_response(_my_page(slug, keys, token)), slug, token)


def _my_page(slug: str, keys: list[str], token: str | None):
    stamp = release_or_404(slug)
    programme = public_programme.programme_of(stamp)
    wanted = set(keys)
    sessions = [s for s in programme.sessions if s.key in wanted]
    links = {}
    if token:
        feed = url_for("public.my_schedule_ics", slug=slug, token=token, _external=True)
        links = {
            "personal": url_for("public.my_schedule_link", slug=slug, token=token, _external=True),
            "feed": feed,
            "webcal": webcal(feed),
        }
    return render_template(
        "public/my_schedule.html",
        programme=programme,
        sessions=sessions,
        starred=wanted,
        links=links,
    )


@routes.route("/forums/<slug>/my/<token>.ics")
def my_schedule_ics(slug: str, token: str):
    keys = read_token(slug, token)
    if keys is None:
        abort(404)
    stamp, lang = release_or_404(slug), current_lang()
    programme = public_programme.programme_of(stamp)
    ctx = feed_context(programme, lang, stamp.published_at)
    name = _("%(forum)s · my schedule", forum=programme.text(programme.title, lang))
    return conditional(
        etag_for(stamp.tag, "my", token, lang),
        lambda: ical.my_schedule_calendar(programme, keys, ctx, name=name),
        ical.CONTENT_TYPE,
        download_name="my-schedule",
        extension="ics",
    )
