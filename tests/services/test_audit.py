"""The audit log: who changed what and when."""

from __future__ import annotations

from forumapp.extensions import db
from forumapp.models import AuditEntry
from tests.web.test_admin_forums import FORUM, create_forum, organiser  # noqa: F401 (fixture)


def entries():
    return db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id)).all()


def test_back_office_changes_are_logged_with_the_user_and_the_fields(organiser):  # noqa: F811
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


def test_refused_changes_leave_no_trace(organiser):  # noqa: F811
    organiser.post("/admin/forums/new", data=FORUM | {"timezone": "Nowhere/Land"})
    assert entries() == []
