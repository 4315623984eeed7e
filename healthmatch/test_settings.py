"""The small test override: fast hashing, in-memory email, no HTTPS redirect."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault(
    "SECRET_KEY", "test-only-secret-key-for-the-healthmatch-suite-0123456789abcdef"
)
os.environ.setdefault("EMAIL_URL", "locmem://")

from healthmatch.settings import *  # noqa: E402,F403
from healthmatch.settings import INSTALLED_APPS, VAR_DIR  # noqa: E402

# The suite runs with DEBUG off and tests the benchmark commands too (healthmatch/bench).
if "healthmatch.bench" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "healthmatch.bench"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Static files come from the finders in tests; whitenoise only wants its root to exist.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MATCHING_SEMANTIC = False  # the embedding model is slow to load; tests that want it turn it on
# The suite calls the API many times a minute from one address; the throttling tests set low rates.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"token": "100000/min", "user": "100000/min", "anon": "100000/min"},
}
