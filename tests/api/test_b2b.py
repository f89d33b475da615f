"""Company endpoints: each company sees and changes only its own rows; double booking is 409."""

from __future__ import annotations

import pytest

from forumapp.b2b import requests as b2b_requests
from forumapp.b2b.models import B2BMeeting, MeetingStatus
from forumapp.core.extensions import db

B2B_READS = [
    "/api/v1/b2b/profile",
    "/api/v1/b2b/sessions",
    "/api/v1/b2b/sessions/{mm}/participants",
    "/api/v1/b2b/sessions/{mm}/requests",
    "/api/v1/b2b/sessions/{mm}/agenda",
]
MANAGE_READS = ["/api/v1/manage/forums", "/api/v1/manage/forums/{forum}"]


def _url(template: str, world) -> str:
    return template.format(mm=world.matchmaking.id, forum=world.forum.id)


@pytest.mark.parametrize("template", B2B_READS + MANAGE_READS)
def test_authorisation_matrix_for_reads(client, world, template):
    url = _url(template, world)
    company = template.startswith("/api/v1/b2b")
    expected = {
        "anonymous": 401,
        "organiser": 403 if company else 200,
        "company_a": 200 if company else 403,
        "company_b": 200 if company else 403,
    }
    parties = {
        "anonymous": {},
        "organiser": world.organiser.headers,
        "company_a": world.company_a.headers,
        "company_b": world.company_b.headers,
    }
    for who, headers in parties.items():
        answer = client.get(url, headers=headers)
        assert answer.status_code == expected[who], (who, url, answer.get_json())
        assert answer.content_type == "application/json"


def test_each_company_reads_its_own_profile(client, world):
    a = client.get("/api/v1/b2b/profile", headers=world.company_a.headers).get_json()
    b = client.get("/api/v1/b2b/profile", headers=world.company_b.headers).get_json()
    assert a["name"] == "Alpha Foods" and b["name"] == "Beta Build"
    again = client.get("/api/v1/b2b/profile", headers=world.company_a.headers)
    assert "Authorization" in again.headers["Vary"]  # shared caches keep companies apart
    assert "Set-Cookie" not in again.headers  # a token call opens no browser session


def test_put_profile_changes_only_the_callers_company(client, world):
    answer = client.put(
        "/api/v1/b2b/profile",
        headers=world.company_a.headers,
        json={"country": "kr", "languages": ["ko", "EN"], "sectors": ["ict"], "offers": "ERP"},
    )
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["languages"] == ["ko", "en"]
    assert world.company_a.participant.profile.offers == "ERP"
    db.session.refresh(world.company_b.participant.profile)
    assert world.company_b.participant.profile.offers == "Beta Build goods"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"languages": ["ko"]}, 400, "country"),
        ({"country": "KR", "languages": ["ko"], "sectors": ["mining"]}, 400, "sectors.0"),
        ({"country": "KR", "languages": ["ko"], "owner": 3}, 400, "owner"),
        ({"country": "KR", "languages": ["korean"]}, 422, "languages"),
        ({"country": "KR", "languages": ["ko"], "contact_email": "nope"}, 422, "contact_email"),
        ({"country": "K\u0000", "languages": ["ko"]}, 400, "country"),
    ],
)
def test_profile_errors_name_their_field(client, world, body, status, field):
    answer = client.put("/api/v1/b2b/profile", headers=world.company_a.headers, json=body)
    assert answer.status_code == status
    assert field in answer.get_json()["fields"]


def test_bodies_must_be_json_and_small(client, world):
    url = "/api/v1/b2b/profile"
    headers = world.company_a.headers
    assert client.put(url, headers=headers, data="country=KR").status_code == 415
    not_json = client.put(url, headers=headers, data="{", content_type="application/json")
    assert not_json.status_code == 400 and not_json.get_json()["error"] == "invalid_json"
    big = client.put(url, headers=headers, json={"country": "KR", "offers": "x" * 70_000})
    assert big.status_code == 413
    assert client.put(url, headers=headers, json=[1, 2]).status_code == 400


def test_requests_are_answered_only_by_the_company_asked(client, world):
    a, b = world.company_a, world.company_b
    mm = world.matchmaking.id
    sent = client.post(
        f"/api/v1/b2b/sessions/{mm}/requests",
        headers=a.headers,
        json={"to_participant_id": b.participant.id, "message": "Shall we?"},
    )
    assert sent.status_code == 201
    request_id = sent.get_json()["id"]
    assert sent.get_json()["direction"] == "outgoing"
    # The asker cannot accept its own request; an outsider does not even see it.
    assert (
        client.post(f"/api/v1/b2b/requests/{request_id}/accept", headers=a.headers).status_code
        == 422
    )
    incoming = client.get(
        f"/api/v1/b2b/sessions/{mm}/requests?direction=incoming", headers=b.headers
    )
    assert [r["id"] for r in incoming.get_json()["items"]] == [request_id]
    accepted = client.post(f"/api/v1/b2b/requests/{request_id}/accept", headers=b.headers)
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"
    again = client.post(f"/api/v1/b2b/requests/{request_id}/decline", headers=b.headers)
    assert again.status_code == 422 and again.get_json()["error"] == "refused"


def test_another_companys_request_is_not_found(app, client, world):
    with app.test_request_context("/"):
        theirs = b2b_requests.request_meeting(
            world.company_b.user, world.matchmaking.id, world.company_c.participant.id
        )
    for action in ("accept", "decline", "cancel"):
        answer = client.post(
            f"/api/v1/b2b/requests/{theirs.id}/{action}", headers=world.company_a.headers
        )
        assert answer.status_code == 404, action
    mine = client.get(
        f"/api/v1/b2b/sessions/{world.matchmaking.id}/requests", headers=world.company_a.headers
    ).get_json()
    assert mine["total"] == 0


def test_self_booking_agenda_and_409_on_a_taken_slot(client, world):
    a, b, c = world.company_a, world.company_b, world.company_c
    mm = world.matchmaking.id
    free = client.get(
        f"/api/v1/b2b/sessions/{mm}/free-slots?participant_id={c.participant.id}",
        headers=a.headers,
    ).get_json()
    assert free["total"] == 5
    slot_id = free["items"][0]["slot"]["id"]
    booked = client.post(
        f"/api/v1/b2b/sessions/{mm}/bookings",
        headers=a.headers,
        json={"participant_id": c.participant.id, "slot_id": slot_id},
    )
    assert booked.status_code == 201, booked.get_json()
    meeting = booked.get_json()
    assert meeting["with"]["name"] == "Gamma Agro" and meeting["slot"]["id"] == slot_id
    # B wants C in the same slot: C is taken there.
    taken = client.post(
        f"/api/v1/b2b/sessions/{mm}/bookings",
        headers=b.headers,
        json={"participant_id": c.participant.id, "slot_id": slot_id},
    )
    assert taken.status_code == 409
    assert taken.get_json()["error"] == "slot_taken" and "slot" in taken.get_json()["fields"]
    assert db.session.scalar(db.select(db.func.count(B2BMeeting.id))) == 1
    agenda = client.get(f"/api/v1/b2b/sessions/{mm}/agenda", headers=a.headers).get_json()
    assert agenda["visible"] and [m["id"] for m in agenda["meetings"]] == [meeting["id"]]
    assert (
        client.get(f"/api/v1/b2b/sessions/{mm}/agenda", headers=b.headers).get_json()["meetings"]
        == []
    )
    # B cannot cancel A's meeting; A can.
    url = f"/api/v1/b2b/meetings/{meeting['id']}/cancel"
    assert client.post(url, headers=b.headers).status_code == 404
    cancelled = client.post(url, headers=a.headers)
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert db.session.get(B2BMeeting, meeting["id"]).status == MeetingStatus.CANCELLED


def test_bad_booking_input(client, world):
    mm = world.matchmaking.id
    url = f"/api/v1/b2b/sessions/{mm}/bookings"
    headers = world.company_a.headers
    missing = client.post(url, headers=headers, json={"participant_id": 1})
    assert missing.status_code == 400 and "slot_id" in missing.get_json()["fields"]
    wrong_type = client.post(url, headers=headers, json={"participant_id": "x", "slot_id": 1})
    assert wrong_type.status_code == 400 and "participant_id" in wrong_type.get_json()["fields"]
    unknown = client.post(
        url,
        headers=headers,
        json={"participant_id": world.company_c.participant.id, "slot_id": 999999},
    )
    assert unknown.status_code == 404
    assert client.get(f"/api/v1/b2b/sessions/{mm}/free-slots", headers=headers).status_code == 400
    assert client.get("/api/v1/b2b/sessions/999999/agenda", headers=headers).status_code == 404
