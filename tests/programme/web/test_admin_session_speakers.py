"""Back office: speakers chosen on the new-session form, saved with the session."""

from __future__ import annotations

from forumapp.core.extensions import db
from forumapp.programme.models import Session, SessionRole, SessionRoleKind
from tests import factories
from tests.pages import add_session, create_forum, error_beside

SESSION = {"title-en": "Hydrogen valleys", "kind": "panel", "day": "2030-05-14"}


def _speakers(*rows: tuple[object, str]) -> dict[str, str]:
    data = {}
    for index, (person_id, role) in enumerate(rows):
        data[f"speakers-{index}-person_id"] = str(person_id)
        data[f"speakers-{index}-role"] = role
    return data


def test_the_new_session_form_offers_speaker_rows(organiser):
    forum = create_forum(organiser)
    factories.person(latin="Aigerim Bekova")
    html = organiser.get(f"/admin/forums/{forum.id}/sessions/new").get_data(as_text=True)
    for index in range(3):
        assert f'name="speakers-{index}-person_id"' in html
        assert f'name="speakers-{index}-role"' in html
    assert "Aigerim Bekova" in html


def test_a_session_is_created_with_its_speakers_in_order(organiser):
    forum = create_forum(organiser)
    moderator = factories.person(latin="Aigerim Bekova")
    panellist = factories.person(latin="Kim Min-ji")
    response = organiser.post(
        f"/admin/forums/{forum.id}/sessions/new",
        data=SESSION
        | {"starts": "10:00", "ends": "11:00"}
        | _speakers((moderator.id, "moderator"), ("", "speaker"), (panellist.id, "panellist")),
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "Session created with its speakers." in html
    session = db.session.scalar(db.select(Session))
    roles = sorted(session.roles, key=lambda r: r.position)
    assert [(r.person_id, r.role, r.position) for r in roles] == [
        (moderator.id, SessionRoleKind.MODERATOR, 1),
        (panellist.id, SessionRoleKind.PANELLIST, 2),
    ]
    assert session.sequence == 0
    assert html.index("Aigerim Bekova") < html.index("Kim Min-ji")


def test_clash_warnings_show_after_saving_a_session_with_its_speakers(organiser):
    forum = create_forum(organiser)
    speaker = factories.person(latin="Aigerim Bekova")
    first = add_session(organiser, forum, "Solar for farms", "10:00", "11:00")
    organiser.post(
        f"/admin/sessions/{first}/roles",
        data={"role-person_id": str(speaker.id), "role-role": "speaker"},
    )
    response = organiser.post(
        f"/admin/forums/{forum.id}/sessions/new",
        data=SESSION | {"starts": "10:30", "ends": "11:30"} | _speakers((speaker.id, "keynote")),
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "Aigerim Bekova is booked in two overlapping items" in html
    assert f'href="/admin/sessions/{first}/"' in html


def test_wrong_speaker_rows_are_refused_beside_the_row_and_nothing_is_saved(organiser):
    forum = create_forum(organiser)
    speaker = factories.person(latin="Aigerim Bekova")
    url = f"/admin/forums/{forum.id}/sessions/new"
    times = {"starts": "10:00", "ends": "11:00"}

    response = organiser.post(
        url, data=SESSION | times | _speakers((speaker.id, "speaker"), (999999, "speaker"))
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Pick a person" in error_beside(html, "speakers-1-person_id")
    assert 'value="Hydrogen valleys"' in html

    html = organiser.post(
        url,
        data=SESSION | times | _speakers((speaker.id, "moderator"), (speaker.id, "moderator")),
    ).get_data(as_text=True)
    assert "already has this role" in error_beside(html, "speakers-1-person_id")

    html = organiser.post(url, data=SESSION | times | _speakers((speaker.id, "emperor"))).get_data(
        as_text=True
    )
    assert "Not a valid choice" in error_beside(html, "speakers-0-role")

    # A wrong time: the chosen speakers are still chosen when the form comes back.
    html = organiser.post(
        url,
        data=SESSION | {"starts": "10:00", "ends": "09:00"} | _speakers((speaker.id, "panellist")),
    ).get_data(as_text=True)
    assert "must end after it starts" in error_beside(html, "ends")
    assert f'<option selected value="{speaker.id}">' in html
    assert '<option selected value="panellist">' in html

    assert db.session.scalar(db.select(db.func.count(Session.id))) == 0
    assert db.session.scalar(db.select(db.func.count(SessionRole.id))) == 0


def test_one_more_speaker_row_keeps_what_was_typed_and_saves_nothing(organiser):
    forum = create_forum(organiser)
    speaker = factories.person(latin="Aigerim Bekova")
    response = organiser.post(
        f"/admin/forums/{forum.id}/sessions/new",
        data=SESSION
        | {"starts": "10:00", "ends": "11:00", "more_speakers": "1"}
        | _speakers((speaker.id, "moderator"), ("", "speaker"), ("", "speaker")),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="speakers-3-person_id"' in html
    assert f'<option selected value="{speaker.id}">' in html
    assert 'value="Hydrogen valleys"' in html
    assert db.session.scalar(db.select(db.func.count(Session.id))) == 0


def test_a_session_without_speakers_still_asks_for_them_after_saving(organiser):
    forum = create_forum(organiser)
    response = organiser.post(
        f"/admin/forums/{forum.id}/sessions/new",
        data=SESSION | {"starts": "10:00", "ends": "11:00"},
        follow_redirects=True,
    )
    assert "Add its speakers below" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Session)).roles == []
