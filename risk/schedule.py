"""The risk app's schedules in django-celery-beat: the nightly recalculation at 02:00
Europe/London, and the watchdog every minute.

Used by the data migrations (so every fresh install has them) and by the setup_periodic_tasks
command (to put them back if someone deleted or changed them in the admin)."""

import json

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
    crontab, _ = crontab_model.objects.get_or_create(timezone=NIGHTLY_TIMEZONE, **NIGHTLY_CRON)
    task, created = periodic_task_model.objects.update_or_create(
        name=NIGHTLY_TASK_NAME,
        defaults={
            "task": NIGHTLY_TASK,
            "crontab": crontab,
            "interval": None,
            "solar": None,
            "clocked": None,
            "one_off": False,
            "kwargs": json.dumps({"kind": "nightly"}),
            "args": "[]",
            "enabled": True,
            "description": NIGHTLY_DESCRIPTION,
        },
    )
    return task, created


def ensure_watchdog_schedule(interval_model, periodic_task_model):
    """Create or correct the watchdog's every-minute schedule; returns (task, created)."""
    every = {"every": WATCHDOG_EVERY_SECONDS, "period": "seconds"}
    interval = interval_model.objects.filter(**every).order_by(
        "pk"
    ).first() or interval_model.objects.create(**every)
    task, created = periodic_task_model.objects.update_or_create(
        name=WATCHDOG_TASK_NAME,
        defaults={
            "task": WATCHDOG_TASK,
            "interval": interval,
            "crontab": None,
            "solar": None,
            "clocked": None,
            "one_off": False,
            "kwargs": "{}",
            "args": "[]",
            "enabled": True,
            "description": WATCHDOG_DESCRIPTION,
            # A watchdog pass that no worker took within a minute is superseded by the next one.
            "expire_seconds": WATCHDOG_EVERY_SECONDS,
        },
    )
    return task, created
