"""Settings for `make run` on a developer's machine: SQLite and a filesystem broker by default."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "local-only-insecure-key-change-me-in-production-0123456789"
)
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

from .base import *  # noqa: E402,F403
from .base import INSTALLED_APPS, STORAGES  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
