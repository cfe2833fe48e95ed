"""A request from arrival to the enterprise's rating, in the browser: the enterprise submits on a
phone, a specialist works it in the admin on a desktop, the enterprise follows every public step
and answers the satisfaction survey."""

import re

import pytest

from tests.browser.test_intake_browser import SCREENSHOTS, fill_request
from tests.services.factories import make_uscc
from tests.services.queue_helpers import make_specialist

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-123"


def submit_consultation(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/requests/new/?type=consultation")
    fill_request(page, make_uscc(4242))
    page.get_by_role("button", name=re.compile("Submit|提交")).click()
    page.wait_for_url(re.compile(r"/requests/r/ZX-\d{8}-\d{4}/done/"))
    number = page.locator(".request-number").inner_text().strip()
    link = page.locator("#tracking-link").get_attribute("href")
    return page, number, link


def post_in_workspace(page, section, fill=None, button=None):
    panel = page.locator(f"#{section}")
    details = panel.locator("details")
    if details.count() and not details.first.evaluate("node => node.open"):
        details.first.locator("summary").click()
    if fill:
        fill(panel)
    panel.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def test_request_from_new_to_closed_and_rated(browser, live_server):
    SCREENSHOTS.mkdir(exist_ok=True)
    enterprise_page, number, link = submit_consultation(browser, live_server)
    specialist = make_specialist(username="chen", first_name="晓", last_name="陈")

    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff.goto(f"{live_server.url}/admin/login/")
    staff.fill("#id_username", specialist.username)
    staff.fill("#id_password", PASSWORD)
    staff.get_by_role("button", name=re.compile("登录|Sign in")).click()
    staff.wait_for_load_state()
    staff.goto(f"{live_server.url}/admin/services/servicerequest/")
    assert staff.locator(".queue-tab--active").inner_text().startswith("新工单")
    staff.screenshot(path=str(SCREENSHOTS / "queue-browser-index.png"), full_page=True)
    staff.get_by_role("link", name=number).click()
    staff.wait_for_load_state()
    assert "下一步" in staff.locator(".queue-next").inner_text()

    # Accepting before classifying is refused with a message, and nothing changes.
    post_in_workspace(staff, "transition", button="受理")
    assert "分类" in staff.locator("#transition .help-critical").inner_text()
    staff.locator("#classify select").select_option("standardization")
    staff.locator("#classify").get_by_role("button", name="保存").click()
    staff.wait_for_load_state()
    post_in_workspace(
        staff,
        "transition",
        fill=lambda panel: panel.locator("textarea").fill(
            "已受理，标准化专员将于两个工作日内答复。"
        ),
        button="受理",
    )
    assert staff.locator(".queue-summary .queue-status").inner_text() == "已受理"
    post_in_workspace(staff, "transition", button="开始办理")
    post_in_workspace(
        staff,
        "resolution",
        fill=lambda panel: (
            panel.locator("#id_resolution_summary").fill(
                "已告知适用的 GB 4806.9 及 GB/T 29606 标准，并提供标准文本获取途径。"
            ),
            panel.locator("#id_person_days").fill("0.5"),
            panel.locator("#id_problems_solved").fill("1"),
        ),
        button="保存办结情况",
    )
    post_in_workspace(staff, "transition", button="办结")
    assert staff.locator(".queue-summary .queue-status").inner_text() == "已办结"
    post_in_workspace(staff, "transition", button="关闭并发送满意度测评")
    assert staff.locator(".queue-summary .queue-status").inner_text() == "已关闭"
    timeline = staff.locator(".queue-timeline").inner_text()
    for step in ("已提交", "已受理", "办理中", "已办结", "已关闭"):
        assert step in timeline
    staff.screenshot(path=str(SCREENSHOTS / "queue-browser-workspace.png"), full_page=True)

    # The enterprise follows each public step on its tracking page and rates the service.
    enterprise_page.goto(link)
    enterprise_page.wait_for_url(re.compile(rf"/requests/r/{number}/$"))
    page_text = enterprise_page.locator("main").inner_text()
    assert "已受理，标准化专员将于两个工作日内答复。" in page_text
    assert "已关闭" in page_text
    enterprise_page.screenshot(path=str(SCREENSHOTS / "queue-browser-tracking.png"), full_page=True)
    answer_survey(enterprise_page)


def answer_survey(page):
    """Filled in once the survey form lands (see tests/services/test_surveys.py)."""
    survey_link = page.get_by_role("link", name=re.compile("评价"))
    survey_link.click()
    page.wait_for_load_state()
    page.locator('input[name="overall"][value="satisfied"]').check()
    page.locator('input[name="attitude"][value="satisfied"]').check()
    page.get_by_role("button", name=re.compile("提交")).click()
    page.wait_for_load_state()
    assert "感谢" in page.locator("main").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "queue-browser-survey-done.png"), full_page=True)
