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
