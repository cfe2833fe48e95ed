"""An enterprise asks for help from a phone and reaches its tracking page."""

import re
from pathlib import Path

import pytest

from tests.services.factories import make_uscc

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_request(page, credit_code):
    page.get_by_label(re.compile("Subject|主题")).fill("咨询产品执行标准")
    page.locator("#id_description").fill("我们生产不锈钢水杯，想了解适用的国家标准。")
    page.locator("#id_enterprise_name").fill("厦门某某水杯有限公司")
    page.locator("#id_credit_code").fill(credit_code)
    page.locator("#id_contact_name").fill("王五")
    page.locator("#id_contact_phone").fill("13700137000")
    page.locator("#id_contact_email").fill("wangwu@example.com")


def test_submit_from_a_phone_and_track(browser, live_server):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    page.goto(f"{live_server.url}/requests/new/?type=consultation")
    assert page.locator('input[name="request_type"][value="consultation"]').is_checked()
    # Only the chosen type's fields show; consultation has none of its own.
    assert page.locator('[data-request-type="assistance"]').is_hidden()

    # A mistyped credit code: the message sits next to the field and the rest stays typed.
    fill_request(page, "91440300708461136X")
    page.get_by_role("button", name=re.compile("Submit|提交")).click()
    page.wait_for_load_state()
    assert page.locator("#id_credit_code_error").is_visible()
    assert page.locator("#id_credit_code").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_contact_name").input_value() == "王五"
    page.screenshot(path=str(SCREENSHOTS / "intake-phone-error.png"), full_page=True)
    no_overflow = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_overflow, "the form is wider than the phone"

    page.locator("#id_credit_code").fill(make_uscc(31337))
    page.get_by_role("button", name=re.compile("Submit|提交")).click()
    page.wait_for_url(re.compile(r"/requests/r/ZX-\d{8}-\d{4}/done/"))
    number = page.locator(".request-number").inner_text().strip()
    assert re.match(r"^ZX-\d{8}-\d{4}$", number)
    page.screenshot(path=str(SCREENSHOTS / "intake-phone-done.png"), full_page=True)

    # The secret link works in a fresh browser, as it would from the mail.
    link = page.locator("#tracking-link").get_attribute("href")
    other = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    other.goto(link)
    other.wait_for_url(re.compile(rf"/requests/r/{number}/$"))
    assert number in other.content()
    assert other.locator(".timeline__item").count() == 1
    other.screenshot(path=str(SCREENSHOTS / "intake-phone-track.png"), full_page=True)
    no_overflow = other.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_overflow, "the tracking page is wider than the phone"

    desktop = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desktop.goto(f"{live_server.url}/requests/new/?type=assistance")
    assert desktop.locator('[data-request-type="assistance"]').is_visible()
    desktop.screenshot(path=str(SCREENSHOTS / "intake-desktop-form.png"), full_page=True)
    context.close()
