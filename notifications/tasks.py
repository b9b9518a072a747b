"""Background jobs for notifications. Thin: ids in, a service does the work. Sending an email
retries with backoff on errors from the mail server or the database; the send itself is
idempotent (services.email_send), so a message delivered twice sends once."""

from __future__ import annotations

import logging
import os
import smtplib
import time

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import reminders, services

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError, smtplib.SMTPException, OSError)


def _test_pause() -> float:
    """Seconds to wait after an email is sent and marked sent, before the task returns (and its
    message is acknowledged), so that a test can kill the worker there. Only under the test
    settings, never in a real service."""
    if not settings.SETTINGS_MODULE.endswith(".test"):
        return 0.0
    try:
        return float(os.environ.get("NOTIFICATIONS_EMAIL_TEST_DELAY", "0"))
    except ValueError:
        return 0.0


@shared_task(
    name=services.SEND_EMAIL_TASK,
    autoretry_for=TRANSIENT,
    retry_backoff=10,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=8,
)
def send_email(email_id: int) -> bool:
    sent = services.email_send(email_id=email_id)
    delay = _test_pause() if sent else 0.0
    if delay:
        logger.warning("Email %s sent=%s; pausing %s s before acknowledging", email_id, sent, delay)
        time.sleep(delay)
    return sent


@shared_task(name="notifications.send_waiting_emails", ignore_result=True)
def send_waiting_emails() -> int:
    """Beat: queue again emails still waiting (the broker was down, or retries ran out)."""
    return len(services.waiting_emails_queue())


@shared_task(name="notifications.send_reminders", ignore_result=True)
def send_reminders() -> dict:
    """Beat, each morning: reminders due today, once per thing per period."""
    return reminders.reminders_send()


@shared_task(name="notifications.send_daily_summaries", ignore_result=True)
def send_daily_summaries() -> int:
    """Beat, each evening: one summary to each user who chose one for some kinds."""
    return services.daily_summaries_send()
