"""A small fixed-window rate limiter per client address and action, on the shared cache."""

import time

from django.conf import settings
from django.core.cache import cache

# action: (requests allowed, window in seconds); override with settings.INTAKE_RATE_LIMITS.
DEFAULT_RATE_LIMITS = {
    "submit": (10, 3600),
    "track": (30, 600),
    "upload": (30, 3600),
    "message": (30, 3600),
}


def client_address(request):
    # REMOTE_ADDR only: a proxy in front must set it (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def is_rate_limited(request, action):
    """Count one hit for this address and action; True once the limit is passed."""
    limits = {**DEFAULT_RATE_LIMITS, **getattr(settings, "INTAKE_RATE_LIMITS", {})}
    allowed, window = limits[action]
    bucket = int(time.time() // window)
    key = f"intake:ratelimit:{action}:{client_address(request)}:{bucket}"
    if cache.add(key, 1, timeout=window):
        return allowed < 1
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        count = 1
    return count > allowed
