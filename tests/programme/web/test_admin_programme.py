"""Programme editor (day grid, shift a block, change room) and publishing releases."""

from __future__ import annotations

from forumapp.core.extensions import db
from forumapp.programme.models import Room, Session, SessionRole, SessionRoleKind
from forumapp.programme.release_model import Release
from tests import factories
from tests.pages import error_beside


def test_grid_shows_rooms_and_free_cells_that_open_a_prefilled_form(organiser):
    forum = factories.forum()
    talk = factories.session(forum, "2026-10-14 10:00", "2026-10-14 11:00", title="Hydrogen")
    html = organiser.get(f"/admin/forums/{forum.id}/grid/2026-10-14").get_data(as_text=True)
    assert '<table class="admin-grid">' in html
    assert f'href="/admin/sessions/{talk.id}/"' in html
    assert 'rowspan="2"' in html  # 10:00-11:00 covers two half-hour rows
    room = forum.venue.rooms[0]
    free = (
        f"/admin/forums/{forum.id}/sessions/new"
        f"?day=2026-10-14&amp;starts=12:00&amp;room_id={room.id}"
    )
    assert free in html
    form = organiser.get(free.replace("&amp;", "&")).get_data(as_text=True)
    assert 'value="2026-10-14"' in form and 'value="12:00"' in form and 'value="13:00"' in form
    assert organiser.get(f"/admin/forums/{forum.id}/grid/2020-01-01").status_code == 404
    assert organiser.get(f"/admin/forums/{forum.id}/grid/not-a-day").status_code == 404


def test_shift_a_block_of_sessions(organiser):
    forum = factories.forum()
    a = factories.session(forum, "2026-10-14 10:00", "2026-10-14 11:00", title="A")
    b = factories.session(forum, "2026-10-14 11:00", "2026-10-14 12:00", title="B")
    untouched = factories.session(forum, "2026-10-14 14:00", "2026-10-14 15:00", title="C")
    before = {s.id: s.starts_at for s in (a, b, untouched)}
    response = organiser.post(
        f"/admin/forums/{forum.id}/grid/2026-10-14/shift",
        data={"shift-session_ids": [str(a.id), str(b.id)], "shift-minutes": "30"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    moved = {s.id: s.starts_at for s in db.session.scalars(db.select(Session))}
    assert (moved[a.id] - before[a.id]).total_seconds() == 1800
    assert (moved[b.id] - before[b.id]).total_seconds() == 1800
    assert moved[untouched.id] == before[untouched.id]
    assert db.session.get(Session, a.id).sequence == 1

    response = organiser.post(
        f"/admin/forums/{forum.id}/grid/2026-10-14/shift",
        data={"shift-session_ids": [str(a.id)], "shift-minutes": "-1440"},
    )
    assert response.status_code == 400
    assert "leave the forum's dates" in error_beside(
        response.get_data(as_text=True), "shift-minutes"
    )


def test_move_a_session_to_another_room(organiser):
    forum = factories.forum()
    other = Room(venue=forum.venue, name={"en": "B"}, position=2)
    db.session.add(other)
    db.session.commit()
    talk = factories.session(forum, title="A")
    back = f"/admin/forums/{forum.id}/grid/2026-10-14"
    response = organiser.post(
        f"/admin/sessions/{talk.id}/room", data={"room_id": str(other.id), "back": back}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(back)
    db.session.expire_all()
    assert db.session.get(Session, talk.id).room_id == other.id
    response = organiser.post(
        f"/admin/sessions/{talk.id}/room", data={"room_id": "", "back": "https://evil.example/"}
    )
    assert "evil" not in response.headers["Location"]


def test_publish_shows_the_changelog_and_the_speakers_to_tell(organiser):
    forum = factories.forum()
    talk = factories.session(forum, title="Hydrogen")
    speaker = factories.person(latin="Aigerim Bekova")
    db.session.add(SessionRole(session=talk, person=speaker, role=SessionRoleKind.SPEAKER))
    db.session.commit()
    html = organiser.get(f"/admin/forums/{forum.id}/release").get_data(as_text=True)
    assert "First release" in html and "Hydrogen" in html
    response = organiser.post(f"/admin/forums/{forum.id}/release", data={"name": ""})
    assert error_beside(response.get_data(as_text=True), "name")
    assert (
        organiser.post(
            f"/admin/forums/{forum.id}/release", data={"name": "First programme"}
        ).status_code
        == 302
    )

    organiser.post(
        f"/admin/sessions/{talk.id}/",
        data={"title-en": "Hydrogen", "kind": "presentation", "day": "2026-10-14",
              "starts": "15:00", "ends": "16:00"},
    )  # fmt: skip
    html = organiser.get(f"/admin/forums/{forum.id}/release").get_data(as_text=True)
    assert "Speakers to tell" in html and "Aigerim Bekova" in html
    assert "time" in html
    response = organiser.post(f"/admin/forums/{forum.id}/release", data={"name": "Update 1"})
    assert response.status_code == 302
    assert [r.number for r in db.session.scalars(db.select(Release))] == [1, 2]
    response = organiser.post(f"/admin/forums/{forum.id}/release", data={"name": "Nothing"})
    assert "Nothing changed" in error_beside(response.get_data(as_text=True), "name")
