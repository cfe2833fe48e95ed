import os

import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def _demo_content(django_db_setup, django_db_blocker):
    """Load the demo once per run; each test's transaction rolls its own changes back.

    pytest-django runs transactional tests (which flush the database) after all others.
    """
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_demo_content", skip_index=True, verbosity=0)


@pytest.fixture
def demo_site(_demo_content, db):
    """The whole demo site, as `make run` builds it."""
    from home.models import HomePage

    return HomePage.objects.get()


def pytest_report_header(config):
    return [
        f"DATABASE_URL: {os.environ.get('DATABASE_URL', '(SQLite default)')}",
        f"REDIS_URL: {os.environ.get('REDIS_URL', '(local memory cache)')}",
        f"CELERY_BROKER_URL: {os.environ.get('CELERY_BROKER_URL', '(in-process tasks)')}",
    ]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run tests that build their own data before those that read the session's demo content.

    The demo is loaded once, on first use, and stays for the rest of the run; tests that count
    what they created themselves must run before it. Transactional tests (which flush) stay last,
    as pytest-django ordered them.
    """

    def group(item):
        names = getattr(item, "fixturenames", ())
        if {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names):
            return 2
        marker = item.get_closest_marker("django_db")
        if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
            return 2
        return 1 if "demo_site" in names or "_demo_content" in names else 0

    items.sort(key=group)
