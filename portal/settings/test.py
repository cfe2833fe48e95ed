"""Test settings: everything in-process unless a service URL is set in the environment."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests run Celery tasks in-process; a test that needs a real worker starts one itself.
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".pytest_cache" / "media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".pytest_cache" / "private_media"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
