import os

import pytest


@pytest.mark.django_db
def test_healthz_reports_every_part(client):
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["parts"]) == {"database", "cache", "broker", "search"}
    expected_vendor = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert body["parts"]["database"]["detail"] == expected_vendor


@pytest.mark.django_db
def test_healthz_names_a_cache_that_does_not_answer(client, settings):
    # A real Redis client pointed at a port where nothing listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


@pytest.mark.django_db
def test_healthz_names_a_broker_that_does_not_answer(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # a real client, nothing listening
    response = client.get("/healthz")

    assert response.status_code == 503
    assert "broker" in response.json()["failing"]


@pytest.mark.django_db
def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: the Redis cache runs in CI"
)
@pytest.mark.django_db
def test_healthz_uses_the_real_redis_cache(client):
    response = client.get("/healthz")
    assert response.json()["parts"]["cache"]["detail"] == "RedisCache"
    assert response.status_code == 200


@pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL"),
    reason="CELERY_BROKER_URL not set: the broker runs in CI",
)
@pytest.mark.django_db
def test_healthz_reaches_the_real_broker(client):
    response = client.get("/healthz")
    assert response.json()["parts"]["broker"] == {"ok": True, "detail": "redis"}
