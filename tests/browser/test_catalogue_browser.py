import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def test_phone_user_follows_a_qi_element_to_a_service(browser, live_demo_site, screenshot_dir):
    page = browser.new_page(viewport=PHONE, locale="zh-CN")
    page.goto(live_demo_site.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.screenshot(path=str(screenshot_dir / "home-phone.png"), full_page=True)

    # The header menu is collapsed on a phone and opens with its toggle.
    nav = page.locator("#site-nav")
    assert not nav.is_visible()
    page.get_by_role("button", name="菜单").click()
    assert nav.is_visible()

    page.locator("#site-nav").get_by_role("link", name="计量", exact=True).click()
    page.wait_for_url("**/services/metrology/")
    assert page.locator("h1").inner_text() == "计量"

    page.locator(".card__title a").first.click()
    page.wait_for_load_state()
    apply = page.get_by_role("link", name="在线申请").first
    assert "/requests/new/?service=" in apply.get_attribute("href")
    # Nothing overflows sideways at 360px.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshot_dir / "service-phone.png"), full_page=True)
    page.close()


def test_desktop_home_and_keyboard_skip_link(browser, live_demo_site, screenshot_dir):
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(live_demo_site.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要内容")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.screenshot(path=str(screenshot_dir / "home-desktop.png"), full_page=True)
    page.goto(live_demo_site.url + "/services/")
    page.screenshot(path=str(screenshot_dir / "services-desktop.png"), full_page=True)
    page.close()
