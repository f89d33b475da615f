"""An organiser signs in with the demo account and reaches the dashboard."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_organiser_signs_in_and_sees_the_demo(page, live_server, demo):
    page.goto(f"{live_server}/?lang=en")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail").fill("organiser@example.org")
    page.get_by_label("Password").fill("wrong-password-here")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("#password-error").inner_text() == "Wrong e-mail or password."
    assert page.get_by_label("E-mail").input_value() == "organiser@example.org"

    page.get_by_label("Password").fill("kazakh-wind-2023")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/admin/")
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert page.get_by_text("Designate contact persons on both sides").is_visible()


def test_programme_reads_on_a_phone(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR")
    page = context.new_page()
    page.goto(f"{live_server}/forums/jeonbuk-kazakhstan-2023/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator(".session .title", has_text="B2B 상담회").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing overflows sideways on a phone
    context.close()
