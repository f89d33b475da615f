"""The audit log: who changed what and when."""

from __future__ import annotations

from forumapp.core.audit_model import AuditEntry
from forumapp.core.extensions import db
from forumapp.programme.models import ForumOrganiser
from tests import factories
from tests.pages import FORUM, add_co_organiser, create_forum


def entries():
    return db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id)).all()


def test_back_office_changes_are_logged_with_the_user_and_the_fields(organiser):
    forum = create_forum(organiser)
    organiser.post(f"/admin/forums/{forum.id}/edit", data=FORUM | {"end_date": "2030-05-16"})
    organiser.post(f"/admin/forums/{forum.id}/delete")
    log = entries()
    assert [(e.action, e.entity) for e in log] == [
        ("create", "forum"),
        ("update", "forum"),
        ("delete", "forum"),
    ]
    assert all(e.user_email == "org@example.org" for e in log)
    assert log[1].changes == {"end_date": ["2030-05-15", "2030-05-16"]}
    html = organiser.get("/admin/audit/").get_data(as_text=True)
    assert "org@example.org" in html and "end_date" in html


def test_refused_changes_leave_no_trace(organiser):
    organiser.post("/admin/forums/new", data=FORUM | {"timezone": "Nowhere/Land"})
    assert entries() == []


def test_co_organiser_changes_are_logged_on_their_forum(organiser):
    forum = factories.forum()
    host = factories.organisation("Jeonbuk Province", country="KR")
    partner = factories.organisation("Kazakh Invest")
    add_co_organiser(organiser, forum.id, host.id, "host")
    add_co_organiser(organiser, forum.id, partner.id, "co_host")
    row = db.session.scalar(
        db.select(ForumOrganiser).where(ForumOrganiser.organisation_id == partner.id)
    )
    organiser.post(f"/admin/forum-organisers/{row.id}/move/up")
    organiser.post(f"/admin/forum-organisers/{row.id}/remove")
    log = [e for e in entries() if e.entity_id == forum.id and e.action != "create"]
    assert [(e.user_email, e.action) for e in log] == [("org@example.org", "update")] * 4
    assert [e.changes for e in log] == [
        {"organiser: Jeonbuk Province": [None, "host #1"]},
        {"organiser: Kazakh Invest": [None, "co_host #2"]},
        {
            "organiser: Kazakh Invest": ["co_host #2", "co_host #1"],
            "organiser: Jeonbuk Province": ["host #1", "host #2"],
        },
        {
            "organiser: Kazakh Invest": ["co_host #1", None],
            "organiser: Jeonbuk Province": ["host #2", "host #1"],
        },
    ]
    html = organiser.get("/admin/audit/").get_data(as_text=True)
    assert "organiser: Kazakh Invest" in html
    # Deleting the forum takes its organisers along: one entry, no organiser noise.
    before = len(entries())
    organiser.post(f"/admin/forums/{forum.id}/delete")
    assert [(e.action, e.entity, e.changes) for e in entries()[before:]] == [
        ("delete", "forum", {})
    ]
