"""The nightly recalculation's schedule in django-celery-beat: 02:00 Europe/London, every day.

One function, used by the data migration (so every fresh install has it) and by the
setup_periodic_tasks command (to put it back if someone deleted or changed it in the admin)."""

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
