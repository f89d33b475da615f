"""PDF downloads: stable URLs, 400 on bad options, 404 on unknown slugs, ETag and 304,
rebuilt when the data changes, organiser documents refused to everyone else."""

from __future__ import annotations

import pytest

from forumapp.core.extensions import db
from forumapp.demo import forum as demo_forum
from forumapp.demo import visit as demo_visit
from forumapp.programme import releases
from forumapp.programme.models import Forum, Session
from forumapp.visits.models import DelegationVisit, ItineraryItem
from tests import factories
from tests.pages import login
from tests.pdf.pdf_checks import pdftotext, reader, write

PROGRAMME = f"/forums/{demo_forum.SLUG}/programme.pdf"
ITINERARY = f"/admin/visits/{demo_visit.SLUG}/itinerary.pdf"
BADGES = f"/admin/forums/{demo_forum.SLUG}/badges.pdf"


@pytest.fixture
def organiser(client, demo):
    factories.user("org@example.org")
    login(client, "org@example.org")
    return client


def test_programme_pdf_is_public_and_conditional(client, demo, tmp_path):
    response = client.get(f"{PROGRAMME}?lang=ko&size=A5")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert len(reader(response.data).pages) >= 5
    etag = response.headers["ETag"]
    assert "바우르잔 예드제노브" in pdftotext(write(tmp_path, response.data))

    again = client.get(f"{PROGRAMME}?lang=ko&size=A5", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    # Other parameters are another document with another ETag.
    other = client.get(f"{PROGRAMME}?lang=ko+ru&size=A4", headers={"If-None-Match": etag})
    assert other.status_code == 200
    assert other.headers["ETag"] != etag
    assert "Бауыржан Едженов" in pdftotext(write(tmp_path, other.data))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("lang=de", "Unknown language"),
        ("lang=en+ru", "Unknown language"),
        ("size=Letter", "Unknown page size"),
    ],
)
def test_unknown_language_or_size_is_a_400_with_a_message(client, demo, query, message):
    response = client.get(f"{PROGRAMME}?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_unknown_or_unpublished_forum_is_a_404(client, demo):
    assert client.get("/forums/no-such-forum/programme.pdf").status_code == 404
    factories.forum("draft-forum")  # never published
    assert client.get("/forums/draft-forum/programme.pdf?lang=ko").status_code == 404


def test_programme_pdf_is_rebuilt_for_a_new_release(client, demo, tmp_path):
    first = client.get(f"{PROGRAMME}?lang=en")
    forum = db.session.scalar(db.select(Forum).where(Forum.slug == demo_forum.SLUG))
    session = db.session.scalar(db.select(Session).where(Session.forum_id == forum.id).limit(1))
    session.title = {**session.title, "en": "Renamed opening of the Қазақстан forum"}
    db.session.commit()
    # The draft changed but attendees read the release: same file until it is published.
    assert client.get(f"{PROGRAMME}?lang=en").headers["ETag"] == first.headers["ETag"]
    releases.publish(forum.id, "Second release")
    second = client.get(f"{PROGRAMME}?lang=en", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert second.headers["ETag"] != first.headers["ETag"]
    assert "Renamed opening of the Қазақстан forum" in pdftotext(write(tmp_path, second.data))


def test_organiser_documents_refuse_anonymous_and_company_users(client, demo):
    for url in (ITINERARY, BADGES):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
    factories.company_user("rep@acme.example")
    login(client, "rep@acme.example")
    for url in (ITINERARY, BADGES):
        assert client.get(url).status_code == 403


def test_itinerary_for_organisers_changes_with_the_visit(organiser, tmp_path):
    response = organiser.get(f"{ITINERARY}?lang=ko+ru")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"
    text = pdftotext(write(tmp_path, response.data))
    assert "조이르 미르자예프" in text and "Toshkent viloyati hokimi" in text
    etag = response.headers["ETag"]
    assert (
        organiser.get(f"{ITINERARY}?lang=ko+ru", headers={"If-None-Match": etag}).status_code == 304
    )

    visit = db.session.scalar(
        db.select(DelegationVisit).where(DelegationVisit.slug == demo_visit.SLUG)
    )
    item = db.session.scalar(db.select(ItineraryItem).where(ItineraryItem.visit_id == visit.id))
    item.title = {**item.title, "ko": "김동연 지사 오찬"}
    db.session.commit()
    changed = organiser.get(f"{ITINERARY}?lang=ko+ru", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert "김동연 지사 오찬" in pdftotext(write(tmp_path, changed.data))

    assert organiser.get("/admin/visits/nowhere/itinerary.pdf").status_code == 404
    assert organiser.get(f"{ITINERARY}?size=B5").status_code == 400


def test_badges_for_organisers(organiser, tmp_path):
    response = organiser.get(f"{BADGES}?layout=a4x4&visit={demo_visit.SLUG}")
    assert response.status_code == 200
    pages = len(reader(response.data).pages)
    assert pages == 5  # 16 speakers, 1 delegate, 1 staff: 18 badges, four a sheet
    assert "조이르 미르자예프" in pdftotext(write(tmp_path, response.data))
    a6 = organiser.get(f"{BADGES}?visit={demo_visit.SLUG}")
    assert len(reader(a6.data).pages) == 18
    assert a6.headers["ETag"] != response.headers["ETag"]
    bad = organiser.get(f"{BADGES}?layout=letter")
    assert bad.status_code == 400
    assert "Unknown badge layout" in bad.get_data(as_text=True)
    assert organiser.get("/admin/forums/nowhere/badges.pdf").status_code == 404
