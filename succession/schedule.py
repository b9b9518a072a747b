"""The nightly publication of the equality figures in django-celery-beat, at 02:00
Europe/London. Used by migration succession 0010 (every fresh install has it) and by
`manage.py setup_periodic_tasks` (to put it back if it was deleted or changed in the admin)."""

import datetime as dt
from zoneinfo import ZoneInfo

from core.schedules import crontab_ensure, periodic_task_ensure

EQUALITY_TASK_NAME = "Nightly equality figures"
EQUALITY_TASK = "succession.publish_equality_snapshot"
EQUALITY_HOUR = 2
EQUALITY_MINUTE = 0
EQUALITY_TIMEZONE = "Europe/London"
EQUALITY_CRON = {
    "minute": str(EQUALITY_MINUTE),
    "hour": str(EQUALITY_HOUR),
    "day_of_week": "*",
    "day_of_month": "*",
    "month_of_year": "*",
}
EQUALITY_DESCRIPTION = (
    "Publishes the night's equality figures (every figure suppressed and rounded); the pages "
    "and the CSV show only the latest. Added by migration succession 0010 and by "
    "`manage.py setup_periodic_tasks`."
)


def ensure_equality_schedule(crontab_model, periodic_task_model):
    """Create or correct the nightly schedule and its task; returns (task, created). Takes the
    models so that a migration can pass its historical ones."""
    return periodic_task_ensure(
        periodic_task_model,
        name=EQUALITY_TASK_NAME,
        task=EQUALITY_TASK,
        description=EQUALITY_DESCRIPTION,
        crontab=crontab_ensure(crontab_model, timezone=EQUALITY_TIMEZONE, **EQUALITY_CRON),
    )


def next_equality_publication(now: dt.datetime) -> dt.datetime:
    """When beat next publishes the figures after `now` (an aware datetime), in London time."""
    london = now.astimezone(ZoneInfo(EQUALITY_TIMEZONE))
    due = london.replace(hour=EQUALITY_HOUR, minute=EQUALITY_MINUTE, second=0, microsecond=0)
    if due <= london:
        due = (london + dt.timedelta(days=1)).replace(
            hour=EQUALITY_HOUR, minute=EQUALITY_MINUTE, second=0, microsecond=0
        )
    return due
