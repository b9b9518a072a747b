"""The risk app's schedules in django-celery-beat: the nightly recalculation at 02:00
Europe/London, and the watchdog every minute.

Used by the data migrations (so every fresh install has them) and by the setup_periodic_tasks
command (to put them back if someone deleted or changed them in the admin)."""

import json

from core.schedules import crontab_ensure, interval_ensure, periodic_task_ensure

NIGHTLY_TASK_NAME = "Nightly succession-risk recalculation"
NIGHTLY_TASK = "succession.recalculate_risk"
NIGHTLY_CRON = {
    "minute": "0",
    "hour": "2",
    "day_of_week": "*",
    "day_of_month": "*",
    "month_of_year": "*",
}
NIGHTLY_TIMEZONE = "Europe/London"
NIGHTLY_DESCRIPTION = (
    "Scores every open post for succession risk, then emails the digest of posts newly at high "
    "risk. Added by migration succession 0004 and by `manage.py setup_periodic_tasks`."
)

WATCHDOG_TASK_NAME = "Succession-risk recalculation watchdog"
WATCHDOG_TASK = "risk.watchdog"
WATCHDOG_EVERY_SECONDS = 60
WATCHDOG_DESCRIPTION = (
    "Finds risk recalculations whose worker stopped (no heartbeat for RISK_RUN_STALE_SECONDS), "
    "marks them interrupted and queues them again. Added by migration risk 0002 and by "
    "`manage.py setup_periodic_tasks`."
)


def ensure_nightly_schedule(crontab_model, periodic_task_model):
    """Create or correct the schedule and its task; returns (task, created). Takes the models so
    that a migration can pass its historical ones."""
    return periodic_task_ensure(
        periodic_task_model,
        name=NIGHTLY_TASK_NAME,
        task=NIGHTLY_TASK,
        description=NIGHTLY_DESCRIPTION,
        crontab=crontab_ensure(crontab_model, timezone=NIGHTLY_TIMEZONE, **NIGHTLY_CRON),
        kwargs=json.dumps({"kind": "nightly"}),
    )


def ensure_watchdog_schedule(interval_model, periodic_task_model):
    """Create or correct the watchdog's every-minute schedule; returns (task, created)."""
    return periodic_task_ensure(
        periodic_task_model,
        name=WATCHDOG_TASK_NAME,
        task=WATCHDOG_TASK,
        description=WATCHDOG_DESCRIPTION,
        interval=interval_ensure(interval_model, seconds=WATCHDOG_EVERY_SECONDS),
        # A watchdog pass that no worker took within a minute is superseded by the next one.
        expire_seconds=WATCHDOG_EVERY_SECONDS,
    )
