"""Two journeys end to end in Chromium: an organiser publishes a forum; an attendee on a
phone reads it, downloads the programme PDF and the calendar."""

from pathlib import Path

import pytest
from icalendar import Calendar

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_organiser_plans_and_publishes_then_an_attendee_reads_downloads_and_subscribes(
    page, browser, live_server, app
):
    factories.user("org@example.org")
    page.goto(f"{live_server}/login?lang=en")
    page.get_by_label("E-mail").fill("org@example.org")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/admin/")

    page.get_by_role("link", name="Forums", exact=True).click()
    page.get_by_role("link", name="New forum").click()
    page.locator("#title-en").fill("Steppe Logistics Forum")
    page.locator("#title-ko").fill("초원 물류 포럼")
    page.get_by_label("Address (slug)").fill("steppe-logistics-2030")
    page.get_by_label("Time zone").fill("Asia/Almaty")
    page.get_by_label("First day").fill("2030-06-03")
    page.get_by_label("Last day").fill("2030-06-03")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Forum created.").wait_for()
    forum_url = page.url

    page.get_by_role("link", name="Add a session").click()
    page.locator("#title-en").fill("Dry ports of Kazakhstan")
    page.locator("#title-ko").fill("카자흐스탄의 내륙 항만")
    page.get_by_label("Kind").select_option("keynote")
    page.get_by_label("Day", exact=True).fill("2030-06-03")
    page.get_by_label("Starts").fill("10:00")
    page.get_by_label("Ends").fill("10:30")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Session created.").wait_for()

    page.goto(forum_url)
    page.get_by_role("link", name="Publish a release").click()
    changelog = page.locator(".changelog").inner_text()
    assert "카자흐스탄의 내륙 항만" in changelog or "Dry ports of Kazakhstan" in changelog
    page.get_by_label("Name").fill("Programme v1")
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("published").first.wait_for()

    # An attendee on a phone, in Korean.
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="ko-KR", accept_downloads=True
    )
    attendee = phone.new_page()
    attendee.goto(f"{live_server}/")
    attendee.get_by_role("link", name="초원 물류 포럼").click()
    assert attendee.get_by_text("카자흐스탄의 내륙 항만").first.is_visible()
    assert attendee.get_by_text("10:00").first.is_visible()  # Almaty wall clock
    assert attendee.evaluate("document.documentElement.scrollWidth") <= 390

    pdf_link = attendee.locator("a.programme-pdf").get_attribute("href")
    response = attendee.request.get(live_server + pdf_link)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    subscribe = attendee.locator(".feeds a[href^='webcal://']").first.get_attribute("href")
    assert subscribe.endswith("/forums/steppe-logistics-2030/programme.ics")
    with attendee.expect_download() as download_info:
        attendee.locator(".feeds a[download]").first.click()
    calendar = Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries == ["카자흐스탄의 내륙 항만"]
    phone.close()
