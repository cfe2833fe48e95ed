"""Headless Chromium through Playwright's Python API, against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk); .ci/run installs it"
        )
    if shutil.which("fc-list") and "CJK" not in os.popen("fc-list").read():  # noqa: S605, S607
        print("WARNING: no CJK font installed; Chinese renders as boxes in screenshots")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def live_demo_site(transactional_db, live_server):
    from django.core.management import call_command

    call_command("load_demo_content", skip_index=True, verbosity=0)
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    host, port = live_server.url.rsplit(":", 1)
    site.hostname = host.split("//", 1)[1]
    site.port = int(port)
    site.save()
    return live_server
