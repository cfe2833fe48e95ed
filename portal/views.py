import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _check_cache():
    cache.set("healthz:probe", "ok", 10)
    if cache.get("healthz:probe") != "ok":
        raise RuntimeError("cache did not return the value just stored")
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def _check_broker():
    if not settings.CELERY_BROKER_URL:
        return "in-process"
    from portal.celery import app

    # The configured URL, not a pooled connection, so a broker that went away is noticed.
    with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
        return conn.transport.driver_type


def _check_search():
    from search.engine import get_engine

    return get_engine().ping()


CHECKS = {
    "database": _check_database,
    "cache": _check_cache,
    "broker": _check_broker,
    "search": _check_search,
}


@never_cache
@require_GET
def healthz(request):
    """JSON status of every configured part: 200 when all answer, 503 naming the ones that don't."""
    parts = {}
    failing = []
    for name, check in CHECKS.items():
        try:
            parts[name] = {"ok": True, "detail": check()}
        except Exception as exc:  # noqa: BLE001 - any failure means the part is down
            logger.warning("healthz: %s failed: %s", name, exc)
            parts[name] = {"ok": False, "detail": exc.__class__.__name__}
            failing.append(name)
    body = {"status": "ok" if not failing else "unavailable", "failing": failing, "parts": parts}
    return JsonResponse(body, status=503 if failing else 200)
