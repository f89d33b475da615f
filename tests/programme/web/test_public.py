from forumapp.core.extensions import db
from forumapp.programme.models import ForumStatus, SessionRole
from tests import factories


def test_home_lists_the_published_demo_forum(client, demo):
    html = client.get("/").get_data(as_text=True)
    assert "전북도-카자흐스탄 경제포럼" in html or "Jeonbuk–Kazakhstan Economic Forum" in html
    assert "/forums/jeonbuk-kazakhstan-2023/" in html


def test_programme_shows_local_times_and_speakers(client, demo):
    html = client.get("/forums/jeonbuk-kazakhstan-2023/?lang=en").get_data(as_text=True)
    assert "17:00–19:00" in html  # B2B consultations, Asia/Seoul wall clock
    assert "B2B consultations" in html
    assert "Kim Dae-sik" in html  # English readers get Latin names


def test_language_switch_sticks(client, demo):
    client.get("/?lang=ru")
    html = client.get("/forums/jeonbuk-kazakhstan-2023/").get_data(as_text=True)
    assert 'lang="ru"' in html
    assert "Экономический форум" in html


def test_drafts_and_unknown_forums_are_404(client, app):
    factories.forum(slug="secret-plans", status=ForumStatus.DRAFT)
    assert client.get("/forums/secret-plans/").status_code == 404
    assert client.get("/forums/no-such-forum/").status_code == 404
    assert "secret-plans" not in client.get("/").get_data(as_text=True)


def test_programme_query_count_does_not_grow_with_sessions(client, app, count_queries):
    forum = factories.forum(slug="grow")
    factories.publish(forum, "Empty")  # the first release also flips the status (one more write)
    first = factories.session(forum)
    db.session.add(SessionRole(session=first, person=factories.person(latin="P10"), role="speaker"))
    db.session.commit()
    with count_queries() as publish_few:
        factories.publish(forum, "One session")
    with count_queries() as few:
        assert client.get("/forums/grow/").status_code == 200
    for hour in range(11, 17):
        s = factories.session(forum, f"2026-10-14 {hour}:00", f"2026-10-14 {hour}:30", f"S{hour}")
        speaker = factories.person(latin=f"P{hour}")
        db.session.add(SessionRole(session=s, person=speaker, role="speaker"))
        db.session.commit()
    with count_queries() as publish_many:
        factories.publish(forum, "Seven sessions")
    with count_queries() as many:
        html = client.get("/forums/grow/").get_data(as_text=True)
    assert "P16" in html
    assert len(many) == len(few)
    assert len(publish_many) == len(publish_few)


def test_attendees_see_the_release_not_the_draft(client, app):
    forum = factories.forum(slug="rel")
    session = factories.session(forum, title="Opening")
    factories.publish(forum, "First")
    session.title = {"en": "Renamed in the draft"}
    db.session.commit()
    html = client.get("/forums/rel/").get_data(as_text=True)
    assert "Opening" in html and "Renamed in the draft" not in html


def test_health_endpoint(client, app):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_unknown_page_in_json_for_api_clients(client, app):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"
