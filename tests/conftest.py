import os

import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_site(db):
    """The whole demo site, as `make run` builds it."""
    from django.core.management import call_command

    call_command("load_demo_content", skip_index=True, verbosity=0)
    from home.models import HomePage

    return HomePage.objects.get()


def pytest_report_header(config):
    return [
        f"DATABASE_URL: {os.environ.get('DATABASE_URL', '(SQLite default)')}",
        f"REDIS_URL: {os.environ.get('REDIS_URL', '(local memory cache)')}",
        f"CELERY_BROKER_URL: {os.environ.get('CELERY_BROKER_URL', '(in-process tasks)')}",
    ]
