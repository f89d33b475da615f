"""Company pages: each company sees and changes only its own profile, requests and meetings."""

from __future__ import annotations

import pytest

from forumapp.b2b import booking as b2b_booking
from forumapp.b2b import requests as b2b_requests
from forumapp.b2b.models import BusinessProfile, MatchmakingMode, MeetingStatus, RequestStatus
from forumapp.core.extensions import db
from tests import factories
from tests.b2b_factories import company, matchmaking
from tests.pages import sign_in

pytestmark = pytest.mark.usefixtures("outbox_in_tmp")


@pytest.fixture
def world(app):
    with app.test_request_context("/"):
        mm = matchmaking(mode=MatchmakingMode.SELF_BOOKING)
        a = company(mm, "a@x.example", "Alpha", offers="kimchi")
        b = company(mm, "b@x.example", "Beta", "KZ", ["ru", "ko"], ["construction"])
        c = company(mm, "c@x.example", "Gamma")
        request = b2b_requests.request_meeting(a.user, mm.id, c.id, "Hello C")
        meeting = b2b_booking.book(a.user, mm.id, c.id, mm.slots[0].id)
    return mm, a, b, c, request, meeting


def test_pages_need_a_company_account(client, world):
    mm = world[0]
    assert client.get("/b2b/").status_code == 302  # to the login page
    factories.user("org@x.example")
    sign_in(client, "org@x.example")
    assert client.get("/b2b/").status_code == 403
    assert client.get(f"/b2b/{mm.id}/participants").status_code == 403


def test_company_pages_render(client, world):
    mm, _a, b, _c, _request, meeting = world
    sign_in(client, "a@x.example")
    for path in (
        "/b2b/",
        "/b2b/profile",
        f"/b2b/{mm.id}/participants",
        f"/b2b/{mm.id}/participants?sector=construction&country=KZ&language=ru&q=",
        f"/b2b/{mm.id}/requests",
        f"/b2b/{mm.id}/agenda",
        f"/b2b/{mm.id}/book/{b.id}",
        f"/b2b/{mm.id}/request/{b.id}",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    directory = client.get(f"/b2b/{mm.id}/participants?sector=construction").get_data(True)
    assert "Beta" in directory and "Gamma" not in directory
    agenda = client.get(f"/b2b/{mm.id}/agenda").get_data(True)
    assert f'data-meeting="{meeting.id}"' in agenda and "Gamma" in agenda


def test_company_b_cannot_touch_company_as_requests_or_meetings(client, world):
    mm, _a, _b, _c, request, meeting = world
    sign_in(client, "b@x.example")
    for action in ("accept", "decline", "cancel"):
        assert client.post(f"/b2b/requests/{request.id}/{action}").status_code == 404
    assert client.post(f"/b2b/meetings/{meeting.id}/cancel").status_code == 404
    db.session.expire_all()
    assert request.status == RequestStatus.ACCEPTED
    assert meeting.status == MeetingStatus.SCHEDULED
    assert f'data-request="{request.id}"' not in client.get(f"/b2b/{mm.id}/requests").get_data(True)
    assert f'data-meeting="{meeting.id}"' not in client.get(f"/b2b/{mm.id}/agenda").get_data(True)


def test_profile_form_edits_only_the_own_profile(client, world):
    _mm, a, b, *_ = world
    sign_in(client, "b@x.example")
    response = client.post(
        "/b2b/profile",
        data={
            "country": "KZ",
            "languages": "ru, kk",
            "sectors": ["construction", "energy"],
            "offers": "cement",
            "organisation_id": str(a.user.organisation_id),  # ignored: never from the form
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    profiles = {p.organisation_id: p for p in db.session.scalars(db.select(BusinessProfile))}
    assert profiles[b.user.organisation_id].offers == "cement"
    assert profiles[b.user.organisation_id].languages == ["ru", "kk"]
    assert profiles[a.user.organisation_id].offers == "kimchi"


def test_profile_errors_show_beside_the_field(client, world):
    sign_in(client, "b@x.example")
    response = client.post("/b2b/profile", data={"country": "KZ", "languages": "russian"})
    assert response.status_code == 200
    assert 'id="languages-error"' in response.get_data(True)


def test_outsider_company_gets_404_on_a_session(client, world):
    mm = world[0]
    factories.company_user("out@x.example", "Outsider")
    sign_in(client, "out@x.example")
    for path in (f"/b2b/{mm.id}/participants", f"/b2b/{mm.id}/requests", f"/b2b/{mm.id}/agenda"):
        assert client.get(path).status_code == 404, path


def test_request_accept_and_book_through_the_pages(client, world):
    mm, _a, b, c, *_ = world
    sign_in(client, "c@x.example")
    response = client.post(
        f"/b2b/{mm.id}/request/{b.id}", data={"preference": "must_meet", "message": "Hi B"}
    )
    assert response.status_code == 302
    client.post("/logout")
    sign_in(client, "b@x.example")
    page = client.get(f"/b2b/{mm.id}/requests").get_data(True)
    assert "Hi B" in page
    request_id = db.session.scalar(db.select(db.func.max(b2b_requests.MeetingRequest.id)))
    assert client.post(f"/b2b/requests/{request_id}/accept").status_code == 302
    # Slot 1 is taken by A and C, so Gamma is busy then: booking it is a 409.
    taken = client.post(f"/b2b/{mm.id}/book/{c.id}", data={"slot": mm.slots[0].id})
    assert taken.status_code == 409
    booked = client.post(f"/b2b/{mm.id}/book/{c.id}", data={"slot": mm.slots[1].id})
    assert booked.status_code == 302
    agenda = client.get(f"/b2b/{mm.id}/agenda").get_data(True)
    assert "Gamma" in agenda


def test_profile_post_without_languages_is_not_a_500(client, world):
    # A browser omits an empty field only when a tool strips it; the page must still answer.
    sign_in(client, "b@x.example")
    assert client.get("/b2b/profile").status_code == 200
    response = client.post("/b2b/profile", data={"country": "KZ", "offers": "dumplings"})
    assert response.status_code in (200, 302)
