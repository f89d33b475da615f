"""Organiser endpoints: forums and sessions through the back office's services."""

from __future__ import annotations

from forumapp.core.audit_model import AuditEntry
from forumapp.core.extensions import db
from forumapp.programme.models import Forum

FORUM = {
    "slug": "new-forum",
    "title": {"en": "New forum", "ko": "새 포럼"},
    "timezone": "Asia/Seoul",
    "start_date": "2026-11-02",
    "end_date": "2026-11-03",
    "language_fallback": ["ko", "en"],
}
SESSION = {
    "kind": "panel",
    "title": {"en": "Energy panel"},
    "day": "2026-11-02",
    "starts": "10:00",
    "ends": "11:30",
    "interpretation": ["ko", "ru"],
}


def test_create_read_update_delete_a_forum(client, world):
    headers = world.organiser.headers
    created = client.post("/api/v1/manage/forums", headers=headers, json=FORUM)
    assert created.status_code == 201, created.get_json()
    forum = created.get_json()
    assert forum["status"] == "draft" and forum["title"]["ko"] == "새 포럼"
    url = f"/api/v1/manage/forums/{forum['id']}"
    assert client.get(url, headers=headers).get_json()["slug"] == "new-forum"
    listing = client.get("/api/v1/manage/forums", headers=headers).get_json()
    assert {f["slug"] for f in listing["items"]} == {"api-forum", "new-forum"}
    updated = client.put(url, headers=headers, json={**FORUM, "title": {"en": "Renamed"}})
    assert updated.status_code == 200
    assert updated.get_json()["title"] == {"en": "Renamed", "ko": "새 포럼"}  # ko kept
    # The audit log names the token's user, as it would the logged-in organiser.
    entry = db.session.scalar(db.select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert entry.user_email == world.organiser.user.email
    assert client.delete(url, headers=headers).status_code == 204
    assert client.get(url, headers=headers).status_code == 404
    assert db.session.get(Forum, forum["id"]) is None


def test_business_rules_answer_422_beside_the_field(client, world):
    headers = world.organiser.headers
    taken = client.post(
        "/api/v1/manage/forums", headers=headers, json={**FORUM, "slug": "api-forum"}
    )
    assert taken.status_code == 422 and "slug" in taken.get_json()["fields"]
    backwards = client.post(
        "/api/v1/manage/forums", headers=headers, json={**FORUM, "end_date": "2026-11-01"}
    )
    assert backwards.status_code == 422 and "end_date" in backwards.get_json()["fields"]
    zone = client.post(
        "/api/v1/manage/forums", headers=headers, json={**FORUM, "timezone": "Mars/Olympus"}
    )
    assert zone.status_code == 422 and "timezone" in zone.get_json()["fields"]


def test_shape_errors_answer_400_with_every_field(client, world):
    answer = client.post(
        "/api/v1/manage/forums",
        headers=world.organiser.headers,
        json={"slug": 5, "title": {"xx": "?"}, "start_date": "0001-01-01", "end_date": "soon"},
    )
    assert answer.status_code == 400
    fields = answer.get_json()["fields"]
    assert {"slug", "title.xx", "timezone", "end_date"} <= set(fields)
    far = client.post(
        "/api/v1/manage/forums",
        headers=world.organiser.headers,
        json={**FORUM, "start_date": "0001-01-01"},
    )
    assert far.status_code == 400 and "start_date" in far.get_json()["fields"]


def test_sessions_are_created_updated_and_deleted_in_local_time(client, world):
    headers = world.organiser.headers
    forum = client.post("/api/v1/manage/forums", headers=headers, json=FORUM).get_json()
    created = client.post(
        f"/api/v1/manage/forums/{forum['id']}/sessions", headers=headers, json=SESSION
    )
    assert created.status_code == 201, created.get_json()
    session = created.get_json()
    assert session["starts"] == "10:00" and session["starts_at"] == "2026-11-02T01:00:00Z"
    url = f"/api/v1/manage/sessions/{session['id']}"
    moved = client.put(url, headers=headers, json={**SESSION, "starts": "10:30"})
    assert moved.status_code == 200 and moved.get_json()["sequence"] == 1
    outside = client.put(url, headers=headers, json={**SESSION, "day": "2026-12-24"})
    assert outside.status_code == 422 and "day" in outside.get_json()["fields"]
    bad_time = client.put(url, headers=headers, json={**SESSION, "ends": "25:00"})
    assert bad_time.status_code == 400 and "ends" in bad_time.get_json()["fields"]
    listing = client.get(f"/api/v1/manage/forums/{forum['id']}/sessions", headers=headers)
    assert [s["id"] for s in listing.get_json()["items"]] == [session["id"]]
    assert client.delete(url, headers=headers).status_code == 204
    assert client.get(url, headers=headers).status_code == 404


def test_publishing_makes_the_forum_public(client, world):
    headers = world.organiser.headers
    forum = client.post("/api/v1/manage/forums", headers=headers, json=FORUM).get_json()
    client.post(f"/api/v1/manage/forums/{forum['id']}/sessions", headers=headers, json=SESSION)
    assert client.get("/api/v1/forums/new-forum").status_code == 404
    published = client.post(
        f"/api/v1/manage/forums/{forum['id']}/releases", headers=headers, json={"name": "v1"}
    )
    assert published.status_code == 201 and published.get_json()["number"] == 1
    sessions = client.get("/api/v1/forums/new-forum/sessions").get_json()
    assert [s["title"]["en"] for s in sessions["items"]] == ["Energy panel"]
    again = client.post(
        f"/api/v1/manage/forums/{forum['id']}/releases", headers=headers, json={"name": "v2"}
    )
    assert again.status_code == 422  # nothing changed


def test_companies_cannot_manage(client, world):
    for method, url in (
        ("post", "/api/v1/manage/forums"),
        ("put", f"/api/v1/manage/forums/{world.forum.id}"),
        ("delete", f"/api/v1/manage/forums/{world.forum.id}"),
    ):
        answer = getattr(client, method)(url, headers=world.company_a.headers, json=FORUM)
        assert answer.status_code == 403, (method, url)
    assert db.session.get(Forum, world.forum.id) is not None


def test_each_missing_and_unknown_field_is_named_once(client, world):
    """Names come from the schema and the body, not from jsonschema's English sentences."""
    answer = client.post(
        "/api/v1/manage/forums",
        headers=world.organiser.headers,
        json={"title": {"en": "Forum"}, "colour": "green", "size": 3},
    )
    assert answer.status_code == 400
    fields = answer.get_json()["fields"]
    assert fields["colour"] == fields["size"] == ["Unknown field."]
    missing = {name for name, said in fields.items() if said == ["This field is required."]}
    assert {"slug", "timezone", "start_date", "end_date"} <= missing
