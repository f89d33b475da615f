"""An attendee stars two sessions in real Chromium and downloads exactly those two."""

from __future__ import annotations

import icalendar
import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DEMO = "jeonbuk-kazakhstan-2023"


def test_star_two_sessions_and_download_my_schedule(page, live_server, demo, tmp_path):
    page.goto(f"{live_server}/forums/{DEMO}/?lang=en")
    sessions = page.locator("li.session")
    first, second = sessions.nth(1), sessions.nth(3)
    wanted = {first.get_attribute("id")[2:], second.get_attribute("id")[2:]}
    first.get_by_role("button", name="Star").click()
    page.wait_for_load_state()
    page.locator(f"li#s-{second.get_attribute('id')[2:]}").get_by_role(
        "button", name="Star"
    ).click()
    page.wait_for_load_state()
    assert page.locator("li.session.is-starred").count() == 2

    page.get_by_role("link", name="My schedule (2)").click()
    assert page.get_by_role("heading", name="My schedule").is_visible()
    with page.expect_download() as download_info:
        page.locator("#my-ics").click()
    download = download_info.value
    assert download.suggested_filename == "my-schedule.ics"
    path = tmp_path / "my-schedule.ics"
    download.save_as(path)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert {str(e.uid) for e in calendar.events} == {f"session-{k}@forumapp" for k in wanted}


def test_grid_and_programme_read_on_a_phone_without_javascript(browser, live_server, demo):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    for path in ("", "grid/"):
        page.goto(f"{live_server}/forums/{DEMO}/{path}?lang=en")
        assert page.locator("h1").is_visible()
        assert page.get_by_text("B2B consultations").first.is_visible()
    context.close()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    for path in ("", "grid/", "speakers/", "my/"):
        page.goto(f"{live_server}/forums/{DEMO}/{path}?lang=en")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    own = page.locator("a.own-zone").first
    page.goto(f"{live_server}/forums/{DEMO}/?lang=en")
    assert own.is_visible()  # public.js offered the browser's own zone
    context.close()
