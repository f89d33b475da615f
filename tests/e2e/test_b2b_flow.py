"""Two companies request and accept a meeting; the organiser schedules and publishes;
both companies then find the meeting in their agenda."""

from __future__ import annotations

import pytest

from forumapp.b2b.models import MatchmakingMode
from forumapp.core.extensions import db
from tests import factories
from tests.b2b_factories import company, matchmaking

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture(autouse=True)
def outbox_for_the_served_app(monkeypatch, tmp_path):
    # live_server builds its own app; the environment is how its mail stays out of instance/.
    monkeypatch.setenv("FORUMAPP_MAIL_OUTBOX", str(tmp_path / "outbox"))


@pytest.fixture
def b2b_world(app, tmp_path):
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    with app.test_request_context("/"):
        mm = matchmaking(mode=MatchmakingMode.REQUEST_THEN_SCHEDULE, tables=2)
        company(mm, "alpha@x.example", "Alpha Foods", offers="kimchi")
        company(mm, "beta@x.example", "Beta Build", "KZ", ["ru", "ko"], ["construction"])
    factories.user("org@x.example")
    db.session.commit()
    return mm.id


def sign_in(page, live_server, email):
    page.goto(f"{live_server}/login?lang=en")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_request_accept_schedule_publish_agenda(page, live_server, b2b_world):
    mm_id = b2b_world
    sign_in(page, live_server, "alpha@x.example")
    page.get_by_role("link", name="B2B meetings").click()
    page.get_by_role("link", name="Participants").first.click()
    page.get_by_label("Sector").select_option("construction")
    page.get_by_role("button", name="Filter").click()
    card = page.locator(".directory .card", has_text="Beta Build")
    card.get_by_role("link", name="Request a meeting").click()
    page.get_by_label("How important is this meeting?").select_option("must_meet")
    page.get_by_label("Message").fill("Let us talk about heating film.")
    page.get_by_role("button", name="Send request").click()
    assert page.locator("#outgoing", has_text="Beta Build").is_visible()
    sign_out(page)

    sign_in(page, live_server, "beta@x.example")
    page.goto(f"{live_server}/b2b/{mm_id}/requests")
    row = page.locator("#incoming tr", has_text="Alpha Foods")
    assert row.get_by_text("Let us talk about heating film.").is_visible()
    row.get_by_role("button", name="Accept").click()
    assert page.locator("#incoming tr", has_text="accepted").is_visible()
    page.goto(f"{live_server}/b2b/{mm_id}/agenda")
    assert page.get_by_text("The organiser has not published").is_visible()
    sign_out(page)

    sign_in(page, live_server, "org@x.example")
    page.goto(f"{live_server}/b2b/organiser/{mm_id}")
    page.get_by_role("button", name="Run the scheduler").click()
    assert page.locator("#meetings", has_text="Alpha Foods").is_visible()
    page.get_by_role("button", name="Publish").click()
    assert page.locator("#status").inner_text() == "published"
    sign_out(page)

    for email, other in (("alpha@x.example", "Beta Build"), ("beta@x.example", "Alpha Foods")):
        sign_in(page, live_server, email)
        page.goto(f"{live_server}/b2b/{mm_id}/agenda")
        row = page.locator("table.agenda tbody tr", has_text=other)
        assert row.is_visible()
        assert "2026-10-14 17:" in row.inner_text()
        sign_out(page)
