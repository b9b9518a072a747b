"""The notifications app's schedules in django-celery-beat: reminders each morning, daily
summaries each evening, and a sweep for waiting emails every five minutes. Used by the data
migration (every fresh install has them) and by `manage.py setup_notification_schedules`."""

from core.schedules import crontab_ensure, interval_ensure, periodic_task_ensure

TIMEZONE = "Europe/London"

CRON_SCHEDULES = [
    {
        "name": "Notification reminders",
        "task": "notifications.send_reminders",
        "cron": {"minute": "0", "hour": "7"},
        "description": "Plan reviews due, sign-offs waiting over 14 days, pledge updates due.",
    },
    {
        "name": "Notification daily summaries",
        "task": "notifications.send_daily_summaries",
        "cron": {"minute": "0", "hour": "17"},
        "description": "One email to each user who chose a daily summary for some kinds.",
    },
]
SWEEP = {
    "name": "Notification emails waiting",
    "task": "notifications.send_waiting_emails",
    "every_seconds": 300,
    "description": "Queues again emails not sent five minutes after they were made.",
}


def ensure_schedules(crontab_model, interval_model, periodic_task_model) -> int:
    """Create or correct the schedules; returns how many were created. Takes the models so that
    a migration can pass its historical ones."""
    created_count = 0
    for schedule in CRON_SCHEDULES:
        _, created = periodic_task_ensure(
            periodic_task_model,
            name=schedule["name"],
            task=schedule["task"],
            description=schedule["description"],
            crontab=crontab_ensure(crontab_model, timezone=TIMEZONE, **schedule["cron"]),
        )
        created_count += created
    _, created = periodic_task_ensure(
        periodic_task_model,
        name=SWEEP["name"],
        task=SWEEP["task"],
        description=SWEEP["description"],
        interval=interval_ensure(interval_model, seconds=SWEEP["every_seconds"]),
        expire_seconds=SWEEP["every_seconds"],
    )
    return created_count + created
