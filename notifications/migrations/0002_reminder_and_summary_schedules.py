"""Beat's schedules for reminders (07:00), daily summaries (17:00) and the sweep for waiting
emails (every five minutes), written out here rather than imported so that later code cannot
change what this migration did (`manage.py setup_notification_schedules` puts them back)."""

from django.db import migrations
from django.utils import timezone

CRON = [
    (
        "Notification reminders",
        "notifications.send_reminders",
        "7",
        "Plan reviews due, sign-offs waiting over 14 days, pledge updates due.",
    ),
    (
        "Notification daily summaries",
        "notifications.send_daily_summaries",
        "17",
        "One email to each user who chose a daily summary for some kinds.",
    ),
]
SWEEP_NAME = "Notification emails waiting"


def add_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    plain = {"interval": None, "solar": None, "clocked": None, "one_off": False}
    for name, task, hour, description in CRON:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            timezone="Europe/London",
            minute="0",
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
        )
        PeriodicTask.objects.update_or_create(
            name=name,
            defaults={
                **plain,
                "task": task,
                "crontab": crontab,
                "kwargs": "{}",
                "args": "[]",
                "enabled": True,
                "description": description,
            },
        )
    every = {"every": 300, "period": "seconds"}
    interval = IntervalSchedule.objects.filter(**every).order_by(
        "pk"
    ).first() or IntervalSchedule.objects.create(**every)
    PeriodicTask.objects.update_or_create(
        name=SWEEP_NAME,
        defaults={
            **plain,
            "interval": interval,
            "crontab": None,
            "task": "notifications.send_waiting_emails",
            "kwargs": "{}",
            "args": "[]",
            "enabled": True,
            "expire_seconds": 300,
            "description": "Queues again emails not sent five minutes after they were made.",
        },
    )
    # Beat's database scheduler notices changes through this row's timestamp.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedules(apps, schema_editor):
    names = [name for name, *_ in CRON] + [SWEEP_NAME]
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notifications_outbox_and_worklist_done"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_schedules, remove_schedules)]
