"""Readiness checks for /healthz: each returns None when the dependency answers, or the error."""

from celery import current_app as celery_app
from django.db import connection


def check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "not healthy"
        return f"{type(error).__name__}: {error}".strip()
    return None


def check_broker() -> str | None:
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, timeout=3)
    except Exception as error:  # noqa: BLE001
        return f"{type(error).__name__}: {error}".strip()
    return None
