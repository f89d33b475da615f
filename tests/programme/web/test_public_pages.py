"""Public programme pages, feeds and "my schedule", through HTTP."""

from __future__ import annotations

import re

import icalendar
import pytest

from forumapp.core.extensions import db
from forumapp.programme.models import Forum, Session, SessionRole
from forumapp.visits.models import DelegationVisit
from tests import factories
from tests.support import make_test_app

DEMO = "jeonbuk-kazakhstan-2023"


def session_keys(slug: str) -> list[str]:
    return list(
        db.session.scalars(
            db.select(Session.guid)
            .join(Forum)
            .where(Forum.slug == slug)
            .order_by(Session.starts_at)
        )
    )


@pytest.mark.parametrize(
    "path",
    [
        f"/forums/{DEMO}/",
        f"/forums/{DEMO}/grid/",
        f"/forums/{DEMO}/speakers/",
        f"/forums/{DEMO}/my/",
        "/visits/tashkent-gyeonggi-2022/",
    ],
)
def test_public_pages_render_without_inline_scripts(client, demo, path):
    response = client.get(path + "?lang=en")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # strict CSP later: no inline JS
    assert " on" + "click=" not in html


def test_session_and_speaker_pages(client, demo):
    key = session_keys(DEMO)[0]
    html = client.get(f"/forums/{DEMO}/sessions/{key}/?lang=en").get_data(as_text=True)
    assert f"/forums/{DEMO}/sessions/{key}.ics" in html
    assert f"webcal://localhost/forums/{DEMO}/sessions/{key}.ics" in html
    speaker = re.search(rf"/forums/{DEMO}/speakers/([0-9a-f-]+)/", html).group(1)
    page = client.get(f"/forums/{DEMO}/speakers/{speaker}/?lang=en")
    assert page.status_code == 200 and key in page.get_data(as_text=True)
    assert client.get(f"/forums/{DEMO}/sessions/nope/").status_code == 404
    assert client.get(f"/forums/{DEMO}/speakers/nope/").status_code == 404


def test_grid_shows_rooms_as_columns_and_rejects_bad_days(client, demo):
    html = client.get(f"/forums/{DEMO}/grid/?lang=en").get_data(as_text=True)
    assert '<table class="grid">' in html and '<th scope="col">' in html
    assert client.get(f"/forums/{DEMO}/grid/?day=yesterday").status_code == 400
    assert client.get(f"/forums/{DEMO}/grid/?day=1999-01-01").status_code == 404


def test_viewer_time_zone_switch_is_remembered(client, app):
    forum = factories.forum(slug="tz", tz="Asia/Almaty")
    factories.session(forum, "2026-10-14 10:00", "2026-10-14 11:00", "Morning talk")
    factories.publish(forum)
    assert "10:00–11:00" in client.get("/forums/tz/").get_data(as_text=True)
    html = client.get("/forums/tz/?tz=Europe/Berlin").get_data(as_text=True)
    assert "07:00–08:00" in html  # 05:00 UTC is 07:00 in Berlin (summer time)
    assert "07:00–08:00" in client.get("/forums/tz/").get_data(as_text=True)  # cookie
    assert "10:00–11:00" in client.get("/forums/tz/?tz=event").get_data(as_text=True)
    assert "10:00–11:00" in client.get("/forums/tz/?tz=../../etc/passwd").get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("programme.ics", "text/calendar; charset=utf-8"),
        ("schedule.json", "application/json; charset=utf-8"),
        ("schedule.xml", "application/xml; charset=utf-8"),
        ("", "text/html; charset=utf-8"),
    ],
)
def test_etag_and_304(client, demo, path, content_type):
    url = f"/forums/{DEMO}/{path}"
    first = client.get(url)
    assert first.status_code == 200 and first.content_type == content_type
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other_language = client.get(url + "?lang=ru", headers={"If-None-Match": etag})
    assert other_language.status_code == 200


def test_feed_download_names_and_subscribe_links(client, demo):
    response = client.get(f"/forums/{DEMO}/programme.ics")
    disposition = response.headers["Content-Disposition"]
    assert f'filename="{DEMO}.ics"' in disposition and "filename*=UTF-8''" in disposition
    key = session_keys(DEMO)[0]
    response = client.get(f"/forums/{DEMO}/sessions/{key}.ics?lang=ko")
    disposition = response.headers["Content-Disposition"]
    assert disposition.isascii() and "filename*=UTF-8''%" in disposition
    html = client.get(f"/forums/{DEMO}/").get_data(as_text=True)
    assert f"webcal://localhost/forums/{DEMO}/programme.ics" in html
    calendar = icalendar.Calendar.from_ical(client.get(f"/forums/{DEMO}/programme.ics").data)
    assert len(calendar.events) == len(session_keys(DEMO))


def test_unknown_and_draft_forums_are_404_everywhere(client, app):
    factories.forum(slug="draft-only")
    for slug in ("draft-only", "missing"):
        for path in ("", "grid/", "programme.ics", "schedule.json", "schedule.xml", "my/"):
            assert client.get(f"/forums/{slug}/{path}").status_code == 404


def test_visit_summary_and_itinerary_only_when_public(client, demo):
    html = client.get("/visits/tashkent-gyeonggi-2022/?lang=en").get_data(as_text=True)
    assert "Zoyir Mirzayev" in html
    assert "031-8008" not in html  # no phone numbers on the public page
    feed = client.get("/visits/tashkent-gyeonggi-2022/itinerary.ics")
    assert feed.content_type == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(feed.data)
    assert calendar.events and calendar.get_missing_tzids() == set()
    visit = db.session.scalar(db.select(DelegationVisit))
    visit.is_public = False
    db.session.commit()
    assert client.get("/visits/tashkent-gyeonggi-2022/").status_code == 404
    assert client.get("/visits/tashkent-gyeonggi-2022/itinerary.ics").status_code == 404


def star(client, key, action="star"):
    return client.post(
        f"/forums/{DEMO}/my/star",
        data={"session": key, "action": action, "next": f"/forums/{DEMO}/"},
    )


def test_starring_builds_a_personal_link_and_feed(client, demo):
    keys = session_keys(DEMO)
    assert star(client, keys[1]).status_code == 303
    assert star(client, keys[3]).status_code == 303
    assert star(client, keys[5]).status_code == 303
    assert star(client, keys[5], "unstar").status_code == 303
    html = client.get(f"/forums/{DEMO}/my/").get_data(as_text=True)
    token = re.search(rf"/forums/{DEMO}/my/([^/\"]+)/\"", html).group(1)
    feed = client.get(f"/forums/{DEMO}/my/{token}.ics")
    calendar = icalendar.Calendar.from_ical(feed.data)
    assert {str(e.uid) for e in calendar.events} == {
        f"session-{keys[1]}@forumapp",
        f"session-{keys[3]}@forumapp",
    }
    # another device opens the personal link and gets the same stars
    other = client.application.test_client()
    page = other.get(f"/forums/{DEMO}/my/{token}/").get_data(as_text=True)
    assert page.count('class="session') == 2
    assert other.get(f"/forums/{DEMO}/my/").get_data(as_text=True).count('class="session') == 2


def test_forged_or_foreign_tokens_are_404_and_bad_stars_400(client, demo):
    assert client.get(f"/forums/{DEMO}/my/forged.token/").status_code == 404
    assert client.get(f"/forums/{DEMO}/my/forged.token.ics").status_code == 404
    assert star(client, "not-a-session").status_code == 400
    redirect = client.post(
        f"/forums/{DEMO}/my/star",
        data={"session": session_keys(DEMO)[0], "next": "//evil.example/"},
    )
    assert redirect.headers["Location"].startswith(f"/forums/{DEMO}/#s-")


def test_star_form_needs_a_csrf_token(database_url, app, demo):
    strict = make_test_app(database_url, WTF_CSRF_ENABLED=True)
    client = strict.test_client()
    key = session_keys(DEMO)[0]
    response = client.post(f"/forums/{DEMO}/my/star", data={"session": key})
    assert response.status_code == 400
    html = client.get(f"/forums/{DEMO}/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    ok = client.post(f"/forums/{DEMO}/my/star", data={"session": key, "csrf_token": token})
    assert ok.status_code == 303


def grow(forum, hours):
    for hour in hours:
        s = factories.session(forum, f"2026-10-14 {hour}:00", f"2026-10-14 {hour}:30", f"S{hour}")
        speaker = factories.person(latin=f"P{hour}")
        db.session.add(SessionRole(session=s, person=speaker, role="speaker"))
        db.session.commit()


@pytest.mark.parametrize(
    "path", ["", "grid/", "programme.ics", "schedule.json", "schedule.xml", "speakers/"]
)
def test_query_count_does_not_grow_with_sessions(client, app, count_queries, path):
    forum = factories.forum(slug="grow")
    grow(forum, [10])
    factories.publish(forum, "One")
    with count_queries() as few:  # first request after publishing: nothing cached
        assert client.get(f"/forums/grow/{path}").status_code == 200
    grow(forum, range(11, 20))
    factories.publish(forum, "Ten")
    with count_queries() as many:
        response = client.get(f"/forums/grow/{path}")
    assert response.status_code == 200 and (b"S19" in response.data or b"P19" in response.data)
    assert len(many) == len(few) <= 2
    with count_queries() as cached:
        client.get(f"/forums/grow/{path}")
    assert len(cached) == 1  # which release is current; the rest comes from memory
