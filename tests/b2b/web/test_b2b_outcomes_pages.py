"""Organiser pages for outcomes and statistics, and the Excel export."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from forumapp.b2b import scheduling as b2b_schedule
from forumapp.b2b.models import MeetingStatus
from tests import factories
from tests.b2b_factories import published_world
from tests.pages import sign_in

pytestmark = pytest.mark.usefixtures("outbox_in_tmp")


def _organiser(client):
    factories.user("org@x.example")
    sign_in(client, "org@x.example")


def test_record_an_outcome_and_read_the_statistics(client, app):
    world = published_world(app)
    meeting = b2b_schedule.meetings_of(world.mm.id)[0]
    _organiser(client)
    listing = client.get(f"/b2b/organiser/{world.mm.id}/outcomes")
    assert listing.status_code == 200
    url = f"/b2b/organiser/{world.mm.id}/meetings/{meeting.id}/outcome"
    assert client.get(url).status_code == 200
    refused = client.post(url, data={"status": "no_show", "currency": "USD", "contract_amount": 5})
    assert refused.status_code == 200
    assert "belong to a meeting that was held" in refused.get_data(True)
    saved = client.post(
        url,
        data={
            "status": "held",
            "currency": "USD",
            "consultation_amount": "250000",
            "negotiation_amount": "100000",
            "contract_amount": "40000",
            "mou_signed": "y",
            "follow_up_note": "Visit Jeonju in spring",
        },
    )
    assert saved.status_code == 302
    assert meeting.status == MeetingStatus.HELD
    assert "250,000" in client.get(f"/b2b/organiser/{world.mm.id}/outcomes").get_data(True)
    page = client.get(f"/b2b/organiser/{world.mm.id}/statistics").get_data(True)
    assert "상담건수" in page and "계약체결액" in page and "MOU건수" in page
    assert "250,000" in page and "40,000" in page
    assert 'id="by-country"' in page and "KZ" in page
    assert "Agri-food" in page  # sectors by their label

    xlsx = client.get(f"/b2b/organiser/{world.mm.id}/statistics.xlsx")
    assert xlsx.status_code == 200
    assert xlsx.content_type.startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(xlsx.data))
    assert workbook.sheetnames == ["Total", "By country", "By sector", "Meetings"]
    total = [c.value for c in workbook["Total"][2]]
    header = [c.value for c in workbook["Total"][1]]
    figures = dict(zip(header, total, strict=True))
    assert figures["Meetings held (상담건수)"] == 1
    assert figures["Consultation amount (상담액) USD"] == 250000
    assert figures["Contracts signed (계약체결액) USD"] == 40000
    assert figures["MOUs (MOU건수)"] == 1
    countries = {row[0].value: row[1].value for row in workbook["By country"].iter_rows(min_row=2)}
    assert countries == {"KR": 1, "KZ": 1}
    meetings = list(workbook["Meetings"].iter_rows(min_row=2, values_only=True))
    assert len(meetings) == 2
    assert any("Visit Jeonju in spring" in row for row in meetings)


def test_outcome_pages_are_for_organisers_only(client, app):
    world = published_world(app)
    meeting = b2b_schedule.meetings_of(world.mm.id)[0]
    sign_in(client, "kr@x.example")
    for path in (
        f"/b2b/organiser/{world.mm.id}/outcomes",
        f"/b2b/organiser/{world.mm.id}/meetings/{meeting.id}/outcome",
        f"/b2b/organiser/{world.mm.id}/statistics",
        f"/b2b/organiser/{world.mm.id}/statistics.xlsx",
    ):
        assert client.get(path).status_code == 403, path


def test_unknown_session_or_meeting_is_404(client, app):
    world = published_world(app)
    meeting = b2b_schedule.meetings_of(world.mm.id)[0]
    _organiser(client)
    assert client.get(f"/b2b/organiser/{world.mm.id + 9}/statistics").status_code == 404
    assert client.get(f"/b2b/organiser/{world.mm.id + 9}/outcomes").status_code == 404
    path = f"/b2b/organiser/{world.mm.id + 9}/meetings/{meeting.id}/outcome"
    assert client.get(path).status_code == 404
