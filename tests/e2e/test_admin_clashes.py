"""An organiser builds a forum in Chromium, double-books a speaker, sees the warning, fixes it."""

import pytest

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def add_session(page, live_server, title, starts, ends):
    page.get_by_role("link", name="Add a session").click()
    page.locator("#title-en").fill(title)
    page.get_by_label("Kind").select_option("keynote")
    page.get_by_label("Day", exact=True).fill("2030-05-14")
    page.get_by_label("Starts").fill(starts)
    page.get_by_label("Ends").fill(ends)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Session created.").wait_for()
    page.get_by_label("Person").select_option(label="Aigerim Bekova")
    page.get_by_role("button", name="Add speaker").click()
    page.get_by_text("Speaker added.").wait_for()


def test_organiser_sees_a_speaker_clash_and_fixes_it(page, live_server, app):
    factories.user("org@example.org")
    page.goto(f"{live_server}/login?lang=en")
    page.get_by_label("E-mail").fill("org@example.org")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/admin/")

    # The speaker, then the forum.
    page.get_by_role("link", name="People").click()
    page.get_by_role("link", name="New person").click()
    page.get_by_label("Name in Latin script").fill("Aigerim Bekova")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Person added.").wait_for()

    page.get_by_role("link", name="Forums", exact=True).click()
    page.get_by_role("link", name="New forum").click()
    page.locator("#title-en").fill("Green Energy Forum")
    page.get_by_label("Address (slug)").fill("green-energy-2030")
    page.get_by_label("Time zone").fill("Mars/Olympus")  # a typo first
    page.get_by_label("First day").fill("2030-05-14")
    page.get_by_label("Last day").fill("2030-05-15")
    page.get_by_role("button", name="Save").click()
    assert "Unknown time zone" in page.locator("#timezone-error").inner_text()
    assert page.locator("#title-en").input_value() == "Green Energy Forum"
    page.get_by_label("Time zone").fill("Asia/Almaty")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Forum created.").wait_for()
    forum_url = page.url

    add_session(page, live_server, "Hydrogen valleys", "10:00", "11:00")
    assert page.locator("#no-clashes").is_visible()
    page.goto(forum_url)
    add_session(page, live_server, "Solar for farms", "10:30", "11:30")

    warning = page.locator(".clashes .clash").first
    assert "Aigerim Bekova is booked in two overlapping items" in warning.inner_text()
    assert warning.get_by_role("link", name="Hydrogen valleys").is_visible()
    page.goto(f"{live_server}/admin/")
    assert page.locator(".clashes", has_text="Aigerim Bekova").is_visible()

    # Follow the warning's link to the other session and move it out of the way.
    page.locator(".clashes").get_by_role("link", name="Solar for farms").click()
    page.get_by_label("Starts").fill("11:00")
    page.get_by_label("Ends").fill("12:00")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Session saved.").wait_for()
    assert page.locator("#no-clashes").is_visible()
    assert page.locator(".clashes").count() == 0

    page.goto(f"{live_server}/admin/")
    assert page.locator("#no-clashes").is_visible()
