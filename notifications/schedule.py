"""The notifications app's schedules in django-celery-beat: reminders each morning, daily
summaries each evening, and a sweep for waiting emails every five minutes. Used by the data
migration (every fresh install has them) and by `manage.py setup_notification_schedules`."""

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
        cron = {"day_of_week": "*", "day_of_month": "*", "month_of_year": "*", **schedule["cron"]}
        crontab, _ = crontab_model.objects.get_or_create(timezone=TIMEZONE, **cron)
        _, created = periodic_task_model.objects.update_or_create(
            name=schedule["name"],
            defaults={
                "task": schedule["task"],
                "crontab": crontab,
                "interval": None,
                "solar": None,
                "clocked": None,
                "one_off": False,
                "kwargs": "{}",
                "args": "[]",
                "enabled": True,
                "description": schedule["description"],
            },
        )
        created_count += created
    every = {"every": SWEEP["every_seconds"], "period": "seconds"}
    interval = interval_model.objects.filter(**every).order_by(
        "pk"
    ).first() or interval_model.objects.create(**every)
    _, created = periodic_task_model.objects.update_or_create(
        name=SWEEP["name"],
        defaults={
            "task": SWEEP["task"],
            "interval": interval,
            "crontab": None,
            "solar": None,
            "clocked": None,
            "one_off": False,
            "kwargs": "{}",
            "args": "[]",
            "enabled": True,
            "description": SWEEP["description"],
            "expire_seconds": SWEEP["every_seconds"],
        },
    )
    return created_count + created
