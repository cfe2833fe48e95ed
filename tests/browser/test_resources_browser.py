import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def test_enterprise_filters_instruments_pages_on_and_opens_a_booking(
    browser, live_demo_site, screenshot_dir
):
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(live_demo_site.url + "/equipment/")
    page.select_option("#filter-bookable", "yes")
    page.select_option("#filter-per-page", "10")
    page.locator(".filter-form button[type=submit]").click()
    page.wait_for_url("**/equipment/?*bookable=yes*")
    assert page.locator(".equipment-card").count() == 10
    assert page.locator(".availability--blocked").count() == 0
    page.screenshot(path=str(screenshot_dir / "equipment-desktop.png"), full_page=True)

    # The next page keeps the filter.
    page.locator(".pagination a[rel=next]").click()
    page.wait_for_url("**page=2*")
    assert "bookable=yes" in page.url
    assert page.locator("#filter-bookable").input_value() == "yes"

    page.locator(".equipment-card .card__title a").first.click()
    page.wait_for_load_state()
    booking = page.locator('a[href*="/requests/new/?type=booking&equipment="]')
    assert booking.count() == 1
    page.close()


def test_phone_user_reads_a_case_and_the_knowledge_base(browser, live_demo_site, screenshot_dir):
    page = browser.new_page(viewport=PHONE, locale="zh-CN")
    for path, name in [
        ("/cases/", "cases-phone.png"),
        ("/cases/led-luminaire-emc/", "case-phone.png"),
        ("/knowledge/?factor=measurement", "knowledge-phone.png"),
        ("/equipment/?category=nonsense", "equipment-notice-phone.png"),
    ]:
        page.goto(live_demo_site.url + path)
        assert page.locator("h1").is_visible()
        # Nothing overflows sideways at 360px.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        page.screenshot(path=str(screenshot_dir / name), full_page=True)
    assert page.locator(".notice").count() == 1
    page.close()
