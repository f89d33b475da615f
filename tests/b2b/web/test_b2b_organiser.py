"""Organiser pages: set up, request matrix, run the scheduler, lock, publish."""

from __future__ import annotations

import pytest

from forumapp.b2b import requests as b2b_requests
from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.models import MatchmakingSession, MatchmakingStatus
from forumapp.core.extensions import db
from forumapp.demo.support import at
from forumapp.programme.models import Session, SessionKind
from tests import factories
from tests.b2b_factories import company, matchmaking
from tests.pages import sign_in

pytestmark = pytest.mark.usefixtures("outbox_in_tmp")


def test_companies_cannot_open_organiser_pages(client, app):
    with app.test_request_context("/"):
        mm = matchmaking()
        company(mm, "a@x.example", "Alpha")
    sign_in(client, "a@x.example")
    assert client.get("/b2b/organiser/").status_code == 403
    assert client.get(f"/b2b/organiser/{mm.id}").status_code == 403
    assert client.post(f"/b2b/organiser/{mm.id}/run").status_code == 403


def test_set_up_schedule_lock_and_publish(client, app):
    forum = factories.forum()
    b2b = Session(
        forum=forum,
        kind=SessionKind.B2B,
        title={"en": "B2B consultations"},
        starts_at=at(forum.timezone, "2026-10-14 17:00"),
        ends_at=at(forum.timezone, "2026-10-14 18:00"),
    )
    db.session.add(b2b)
    db.session.commit()
    factories.user("org@x.example")
    sign_in(client, "org@x.example")
    assert client.get("/b2b/organiser/new").status_code == 200
    response = client.post(
        "/b2b/organiser/new",
        data={
            "session_id": b2b.id,
            "slot_minutes": 20,
            "break_minutes": 5,
            "table_count": 2,
            "mode": "request_then_schedule",
        },
    )
    assert response.status_code == 302
    mm = db.session.scalar(db.select(MatchmakingSession))
    assert len(mm.slots) == 2  # 17:00 and 17:25; 17:50 would run past 18:00
    with app.test_request_context("/"):
        a = company(mm, "a@x.example", "Alpha")
        b = company(mm, "b@x.example", "Beta")
        request = b2b_requests.request_meeting(a.user, mm.id, b.id)
        b2b_requests.accept(b.user, request.id)
    assert "✓" in client.get(f"/b2b/organiser/{mm.id}").get_data(True)
    assert client.post(f"/b2b/organiser/{mm.id}/run").status_code == 302
    db.session.expire_all()
    assert mm.status == MatchmakingStatus.SCHEDULED
    meeting = b2b_schedule.meetings_of(mm.id)[0]
    lock_url = f"/b2b/organiser/{mm.id}/meetings/{meeting.id}/lock"
    assert client.post(lock_url).status_code == 302
    db.session.expire_all()
    assert meeting.locked
    assert client.post(f"/b2b/organiser/{mm.id}/publish").status_code == 302
    db.session.expire_all()
    assert mm.status == MatchmakingStatus.PUBLISHED
    page = client.get(f"/b2b/organiser/{mm.id}").get_data(True)
    assert "Alpha" in page and "Beta" in page
    # Once published, the organiser is told what a new run does to the companies.
    assert 'id="rerun-hint"' in page
