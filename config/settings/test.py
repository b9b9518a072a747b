"""Settings for the test suite. DATABASE_URL switches it to PostgreSQL as in production."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "test-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

from .base import *  # noqa: E402,F403
from .base import INSTALLED_APPS, STORAGES, env  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
if not env("EMAIL_URL", default=""):
    # In memory, for mail.outbox; a test that starts a worker names a file backend instead.
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_EAGER_PROPAGATES = True
if not env("CELERY_BROKER_URL", default=""):
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
WHITENOISE_AUTOREFRESH = True  # no collectstatic in tests: serve from the finders
WHITENOISE_USE_FINDERS = True
