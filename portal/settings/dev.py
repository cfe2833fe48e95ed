"""Local development: `make run` uses these settings."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# A development key only; production.py refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "dev-only-key-not-for-production"  # noqa: F405, S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
