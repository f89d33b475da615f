"""Driving the web app through Flask's test client (no tests here): log in, read the
error shown beside a field, create a forum and a session and credit a co-organiser
through the forms."""

from __future__ import annotations

import html as html_module
import re

from forumapp.core.extensions import db
from forumapp.programme.models import Forum
from tests import factories


def login(client, email, password=factories.PASSWORD, **kwargs):
    return client.post("/login", data={"email": email, "password": password}, **kwargs)


def sign_in(client, email):
    """Log in with the factories' password, and check it worked."""
    response = client.post("/login", data={"email": email, "password": factories.PASSWORD})
    assert response.status_code == 302


def error_beside(html: str, field_id: str) -> str:
    found = re.search(rf'id="{re.escape(field_id)}-error">([^<]*)<', html)
    assert found, f"no error beside {field_id}"
    return html_module.unescape(found.group(1))


FORUM = {
    "title-en": "Green Energy Forum",
    "slug": "green-2030",
    "timezone": "Asia/Almaty",
    "start_date": "2030-05-14",
    "end_date": "2030-05-15",
    "venue_id": "",
    "language_fallback": "ko, en, ru",
}


def create_forum(client, **changes) -> Forum:
    response = client.post("/admin/forums/new", data=FORUM | changes)
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(db.select(Forum).where(Forum.slug == (FORUM | changes)["slug"]))


def add_session(client, forum, title, starts, ends, day="2030-05-14"):
    response = client.post(
        f"/admin/forums/{forum.id}/sessions/new",
        data={"title-en": title, "kind": "panel", "day": day, "starts": starts, "ends": ends},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def add_co_organiser(client, forum_id: int, organisation_id, role: str):
    return client.post(
        f"/admin/forums/{forum_id}/organisers",
        data={"organiser-organisation_id": str(organisation_id), "organiser-role": role},
    )
