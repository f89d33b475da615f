"""Back office: the organisations credited as a forum's hosts, co-hosts, sponsors..."""

from __future__ import annotations

from forumapp.core.extensions import db
from forumapp.people.models import Organisation
from forumapp.programme import forums
from forumapp.programme import organisers as forum_organisers
from forumapp.programme.models import ForumOrganiser, OrganiserRole
from tests import factories
from tests.pages import add_co_organiser, error_beside


def _credited(forum_id: int) -> list[tuple[str, str]]:
    db.session.expire_all()
    rows = db.session.scalars(
        db.select(ForumOrganiser)
        .where(ForumOrganiser.forum_id == forum_id)
        .order_by(ForumOrganiser.position)
    )
    return [(r.organisation.name["en"], r.role.value) for r in rows]


def test_add_reorder_and_remove_co_organisers(organiser):
    forum = factories.forum()
    jeonbuk = factories.organisation("Jeonbuk Province", country="KR")
    kazakh = factories.organisation("Kazakh Invest")
    bank = factories.organisation("Eurasian Bank")
    for org, role in ((jeonbuk, "host"), (kazakh, "co_host"), (bank, "sponsor")):
        response = add_co_organiser(organiser, forum.id, org.id, role)
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/admin/forums/{forum.id}/#organisers")
    assert _credited(forum.id) == [
        ("Jeonbuk Province", "host"),
        ("Kazakh Invest", "co_host"),
        ("Eurasian Bank", "sponsor"),
    ]
    html = organiser.get(f"/admin/forums/{forum.id}/").get_data(as_text=True)
    assert "Kazakh Invest" in html and "Co-host" in html and "Sponsor" in html

    bank_row = db.session.scalar(
        db.select(ForumOrganiser).where(ForumOrganiser.organisation_id == bank.id)
    )
    assert organiser.post(f"/admin/forum-organisers/{bank_row.id}/move/up").status_code == 302
    assert [name for name, _role in _credited(forum.id)] == [
        "Jeonbuk Province",
        "Eurasian Bank",
        "Kazakh Invest",
    ]
    host_row = db.session.scalar(
        db.select(ForumOrganiser).where(ForumOrganiser.organisation_id == jeonbuk.id)
    )
    assert organiser.post(f"/admin/forum-organisers/{host_row.id}/remove").status_code == 302
    assert _credited(forum.id) == [("Eurasian Bank", "sponsor"), ("Kazakh Invest", "co_host")]
    positions = db.session.scalars(
        db.select(ForumOrganiser.position).order_by(ForumOrganiser.position)
    ).all()
    assert positions == [1, 2]
    # The organisation stays in the address book.
    assert db.session.get(Organisation, jeonbuk.id) is not None


def test_bad_organiser_input_is_shown_beside_the_field(organiser):
    forum = factories.forum()
    kazakh = factories.organisation("Kazakh Invest")
    assert add_co_organiser(organiser, forum.id, kazakh.id, "partner").status_code == 302

    response = add_co_organiser(organiser, forum.id, kazakh.id, "partner")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "already has this role" in error_beside(html, "organiser-organisation_id")

    html = add_co_organiser(organiser, forum.id, "", "host").get_data(as_text=True)
    assert "Pick an organisation" in error_beside(html, "organiser-organisation_id")
    html = add_co_organiser(organiser, forum.id, 999999, "host").get_data(as_text=True)
    assert "Pick an organisation" in error_beside(html, "organiser-organisation_id")
    response = add_co_organiser(organiser, forum.id, kazakh.id, "emperor")
    assert response.status_code == 200
    assert "Not a valid choice" in error_beside(response.get_data(as_text=True), "organiser-role")

    # The same organisation may hold a second role.
    assert add_co_organiser(organiser, forum.id, kazakh.id, "sponsor").status_code == 302
    assert _credited(forum.id) == [("Kazakh Invest", "partner"), ("Kazakh Invest", "sponsor")]


def test_unknown_forum_or_row_is_a_404(organiser):
    kazakh = factories.organisation("Kazakh Invest")
    assert add_co_organiser(organiser, 999999, kazakh.id, "host").status_code == 404
    assert organiser.post("/admin/forum-organisers/999999/remove").status_code == 404
    assert organiser.post("/admin/forum-organisers/999999/move/down").status_code == 404


def test_organisers_need_an_organiser_account(client, app):
    forum = factories.forum()
    kazakh = factories.organisation("Kazakh Invest")
    response = add_co_organiser(client, forum.id, kazakh.id, "host")
    assert response.status_code in (302, 401, 403)
    assert db.session.scalar(db.select(db.func.count(ForumOrganiser.id))) == 0


def test_duplicating_a_forum_keeps_the_credited_order(organiser):
    forum = factories.forum()
    first = factories.organisation("First")
    second = factories.organisation("Second")
    forum_organisers.add_forum_organiser(forum.id, first.id, OrganiserRole.HOST)
    row = forum_organisers.add_forum_organiser(forum.id, second.id, "co_host")
    forum_organisers.move_forum_organiser(row.id, -1)
    copy = forums.duplicate_forum(forum.id, "test-forum-copy")
    assert _credited(copy.id) == [("Second", "co_host"), ("First", "host")]
