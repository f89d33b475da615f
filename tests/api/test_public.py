"""Public reads: what the last release says, paginated, with ETags and 304s."""

from __future__ import annotations

from forumapp.demo.support import at
from forumapp.programme import sessions
from tests import factories


def test_published_forums_are_listed_and_drafts_are_not(client, world):
    factories.forum("still-a-draft")
    answer = client.get("/api/v1/forums")
    assert answer.status_code == 200
    assert answer.content_type == "application/json"
    body = answer.get_json()
    assert [f["slug"] for f in body["items"]] == ["api-forum"]
    assert body["total"] == 1 and body["next"] is None
    assert body["items"][0]["release"]["name"] == "First programme"
    assert client.get("/api/v1/forums/still-a-draft").status_code == 404


def test_sessions_come_from_the_release_not_the_draft(app, client, world):
    with app.test_request_context("/"):
        first = world.forum.sessions[0]
        data = sessions.session_form_data(first)
        data["title"] = {"en": "Renamed in the draft"}
        sessions.update_session(first.id, sessions.SessionData(**data))
    body = client.get(f"/api/v1/forums/{world.slug}/sessions").get_json()
    titles = [s["title"]["en"] for s in body["items"]]
    assert titles == ["Opening", "Panel", "Day two"]
    opening = body["items"][0]
    assert opening["starts_at"] == at("Asia/Almaty", "2026-10-14 10:00").isoformat().replace(
        "+00:00", "Z"
    )
    assert opening["local_day"] == "2026-10-14" and opening["local_start"] == "10:00"
    assert opening["speakers"][0]["name"] == "Kim Cheolsu"
    assert opening["speakers"][0]["role"] == "keynote"


def test_session_speaker_day_room_and_programme_reads(client, world):
    base = f"/api/v1/forums/{world.slug}"
    sessions_page = client.get(f"{base}/sessions?day=2026-10-15").get_json()
    assert [s["title"]["en"] for s in sessions_page["items"]] == ["Day two"]
    key = client.get(f"{base}/sessions").get_json()["items"][0]["key"]
    assert client.get(f"{base}/sessions/{key}").get_json()["title"]["en"] == "Opening"
    speaker = client.get(f"{base}/speakers").get_json()["items"][0]
    assert speaker["name_hangul"] == "김철수"
    assert speaker["sessions"] == [{"key": key, "role": "keynote"}]
    assert client.get(f"{base}/speakers/{speaker['key']}").get_json()["key"] == speaker["key"]
    assert client.get(f"{base}/rooms").get_json()["items"][0]["name"] == {"en": "A"}
    assert client.get(f"{base}/days").get_json()["total"] == 0
    programme = client.get(f"{base}/programme").get_json()
    assert programme["forum"]["slug"] == world.slug
    assert len(programme["sessions"]) == 3 and len(programme["speakers"]) == 1
    assert client.get(f"{base}/sessions/nope").status_code == 404
    assert client.get(f"{base}/speakers/nope").status_code == 404


def test_pagination_links_and_limits(client, world):
    url = f"/api/v1/forums/{world.slug}/sessions"
    first = client.get(f"{url}?per_page=2")
    body = first.get_json()
    assert [body["page"], body["per_page"], body["total"]] == [1, 2, 3]
    assert len(body["items"]) == 2
    assert body["next"] == f"{url}?page=2&per_page=2" and body["previous"] is None
    assert first.headers["Link"] == f'<{url}?page=2&per_page=2>; rel="next"'
    second = client.get(body["next"])
    assert len(second.get_json()["items"]) == 1 and second.get_json()["next"] is None
    assert 'rel="prev"' in second.headers["Link"]
    for bad in ("per_page=0", "per_page=101", "page=0", "page=x", "day=2026-13-01"):
        refused = client.get(f"{url}?{bad}")
        assert refused.status_code == 400, bad
        error = refused.get_json()
        assert error["error"] == "validation_failed"
        assert set(error["fields"]) == {bad.split("=")[0]}


def test_reads_send_an_etag_and_honour_if_none_match(client, world):
    url = f"/api/v1/forums/{world.slug}/programme"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert etag and first.headers["Cache-Control"] == "public, no-cache"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    listing = client.get("/api/v1/forums")
    assert (
        client.get("/api/v1/forums", headers={"If-None-Match": listing.headers["ETag"]}).status_code
        == 304
    )


def test_a_new_release_changes_the_etag(app, client, world):
    url = f"/api/v1/forums/{world.slug}/programme"
    etag = client.get(url).headers["ETag"]
    with app.test_request_context("/"):
        factories.session(world.forum, "2026-10-15 14:00", "2026-10-15 15:00", "Added later")
        factories.publish(world.forum, "Second programme")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.get_json()["forum"]["release"]["number"] == 2


def test_unknown_api_paths_answer_json(client):
    answer = client.get("/api/v1/no-such-thing")
    assert answer.status_code == 404
    assert set(answer.get_json()) == {"error", "message", "fields"}
    assert client.get("/api/v1/forums/x%00y").status_code == 404
    assert client.get(f"/api/v1/manage/forums/{2**40}").status_code in (401, 404)
