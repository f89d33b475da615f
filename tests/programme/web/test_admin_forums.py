"""Back office: forums, days, sessions and speakers, with the rules shown beside the fields."""

from __future__ import annotations

from forumapp.core.extensions import db
from forumapp.programme.models import Forum, Session, SessionRole
from tests import factories
from tests.pages import FORUM, add_session, create_forum, error_beside, login


def test_every_list_page_answers(organiser, demo):
    for path in (
        "/admin/",
        "/admin/forums/",
        "/admin/venues/",
        "/admin/visits/",
        "/admin/people/",
        "/admin/organisations/",
        "/admin/agreements/",
        "/admin/follow-ups/",
    ):
        assert organiser.get(path).status_code == 200, path
    forum = db.session.scalar(db.select(Forum))
    for path in (
        f"/admin/forums/{forum.id}/",
        f"/admin/forums/{forum.id}/grid/",
        f"/admin/forums/{forum.id}/release",
        f"/admin/forums/{forum.id}/edit",
        f"/admin/forums/{forum.id}/delete",
        f"/admin/sessions/{forum.sessions[0].id}/",
    ):
        assert organiser.get(path).status_code == 200, path


def test_company_users_cannot_reach_the_back_office(client, app):
    factories.company_user("rep@acme.example")
    login(client, "rep@acme.example")
    assert client.get("/admin/forums/").status_code == 403


def test_forum_form_keeps_values_and_shows_each_error_beside_its_field(organiser):
    create_forum(organiser)
    response = organiser.post(
        "/admin/forums/new",
        data=FORUM | {"slug": "green-2030", "title-en": "Second"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "already uses this address" in error_beside(html, "slug")
    assert 'value="Second"' in html

    response = organiser.post(
        "/admin/forums/new", data=FORUM | {"slug": "x", "timezone": "Mars/Olympus"}
    )
    assert "Unknown time zone" in error_beside(response.get_data(as_text=True), "timezone")

    response = organiser.post(
        "/admin/forums/new", data=FORUM | {"slug": "y", "end_date": "2030-05-01"}
    )
    html = response.get_data(as_text=True)
    assert "cannot end before it starts" in error_beside(html, "end_date")
    assert 'value="2030-05-01"' in html
    assert db.session.scalar(db.select(db.func.count(Forum.id))) == 1


def test_session_form_refuses_end_before_start_and_dates_outside_the_forum(organiser):
    forum = create_forum(organiser)
    data = {"title-en": "Opening", "kind": "keynote", "day": "2030-05-14", "room_id": ""}
    response = organiser.post(
        f"/admin/forums/{forum.id}/sessions/new", data=data | {"starts": "10:00", "ends": "09:00"}
    )
    html = response.get_data(as_text=True)
    assert "must end after it starts" in error_beside(html, "ends")
    assert 'value="Opening"' in html
    response = organiser.post(
        f"/admin/forums/{forum.id}/sessions/new",
        data=data | {"day": "2030-06-01", "starts": "10:00", "ends": "11:00"},
    )
    assert "within the forum's dates" in error_beside(response.get_data(as_text=True), "day")
    assert db.session.scalar(db.select(db.func.count(Session.id))) == 0


def test_clash_warning_appears_links_both_sessions_and_goes_when_fixed(organiser):
    forum = create_forum(organiser)
    speaker = factories.person(latin="Aigerim Bekova")
    first = add_session(organiser, forum, "Hydrogen", "10:00", "11:00")
    second = add_session(organiser, forum, "Solar", "10:30", "11:30")
    for session_id in (first, second):
        response = organiser.post(
            f"/admin/sessions/{session_id}/roles",
            data={"role-person_id": str(speaker.id), "role-role": "moderator"},
        )
        assert response.status_code == 302

    html = organiser.get(f"/admin/sessions/{second}/").get_data(as_text=True)
    assert "Aigerim Bekova is booked in two overlapping items" in html
    assert (
        f'href="/admin/sessions/{first}/"' in html and f'href="/admin/sessions/{second}/"' in html
    )
    dashboard = organiser.get("/admin/").get_data(as_text=True)
    assert "Aigerim Bekova is booked in two overlapping items" in dashboard

    # Warnings never block saving; moving the session away clears them.
    response = organiser.post(
        f"/admin/sessions/{second}/",
        data={
            "title-en": "Solar",
            "kind": "panel",
            "day": "2030-05-14",
            "starts": "11:00",
            "ends": "12:00",
        },
    )
    assert response.status_code == 302
    html = organiser.get(f"/admin/sessions/{second}/").get_data(as_text=True)
    assert "booked in two overlapping items" not in html
    assert 'id="no-clashes"' in html


def test_adding_the_same_role_twice_is_refused_beside_the_person(organiser):
    forum = create_forum(organiser)
    speaker = factories.person(latin="Dana Ospan")
    session_id = add_session(organiser, forum, "Talk", "10:00", "11:00")
    data = {"role-person_id": str(speaker.id), "role-role": "speaker"}
    organiser.post(f"/admin/sessions/{session_id}/roles", data=data)
    response = organiser.post(f"/admin/sessions/{session_id}/roles", data=data)
    assert response.status_code == 200
    assert "already has this role" in error_beside(
        response.get_data(as_text=True), "role-person_id"
    )


def test_speakers_can_be_reordered(organiser):
    forum = create_forum(organiser)
    session_id = add_session(organiser, forum, "Talk", "10:00", "11:00")
    first, second = factories.person(latin="First One"), factories.person(latin="Second One")
    for person in (first, second):
        organiser.post(
            f"/admin/sessions/{session_id}/roles",
            data={"role-person_id": str(person.id), "role-role": "speaker"},
        )
    role = db.session.scalar(db.select(SessionRole).where(SessionRole.person_id == second.id))
    assert organiser.post(f"/admin/session-roles/{role.id}/move/up").status_code == 302
    db.session.expire_all()
    order = db.session.scalars(
        db.select(SessionRole.person_id).order_by(SessionRole.position)
    ).all()
    assert order == [second.id, first.id]


def test_duplicate_moves_sessions_with_the_new_dates(organiser):
    forum = create_forum(organiser)
    add_session(organiser, forum, "Talk", "10:00", "11:00")
    response = organiser.post(
        f"/admin/forums/{forum.id}/duplicate",
        data={"slug": "green-2031", "start_date": "2031-05-13"},
    )
    assert response.status_code == 302
    copy = db.session.scalar(db.select(Forum).where(Forum.slug == "green-2031"))
    assert (copy.start_date.isoformat(), copy.end_date.isoformat()) == ("2031-05-13", "2031-05-14")
    assert copy.sessions[0].starts_at.isoformat().startswith("2031-05-13")
    response = organiser.post(f"/admin/forums/{forum.id}/duplicate", data={"slug": "green-2031"})
    assert "already uses this address" in error_beside(response.get_data(as_text=True), "slug")


def test_deleting_a_forum_lists_what_goes_with_it_and_waits_for_confirmation(organiser):
    forum = create_forum(organiser)
    add_session(organiser, forum, "Hydrogen", "10:00", "11:00")
    html = organiser.get(f"/admin/forums/{forum.id}/delete").get_data(as_text=True)
    assert "Hydrogen" in html and "Sessions" in html
    assert db.session.get(Forum, forum.id) is not None
    assert organiser.post(f"/admin/forums/{forum.id}/delete").status_code == 302
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Forum.id))) == 0


def test_unknown_ids_are_404_not_500(organiser):
    for path in (
        "/admin/forums/999/",
        "/admin/sessions/999/",
        "/admin/visits/999/",
        "/admin/people/999/edit",
    ):
        assert organiser.get(path).status_code == 404, path
    assert organiser.post("/admin/session-roles/999/remove").status_code == 404
