"""The nightly publication of the equality figures in django-celery-beat, written out here rather
than imported so that later code cannot change what this migration did (`manage.py
setup_periodic_tasks` puts it back if it is changed)."""

from django.db import migrations
from django.utils import timezone

EQUALITY_TASK_NAME = "Nightly equality figures"


def add_equality_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        timezone="Europe/London",
        minute="0",
        hour="2",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
    )
    PeriodicTask.objects.update_or_create(
        name=EQUALITY_TASK_NAME,
        defaults={
            "task": "succession.publish_equality_snapshot",
            "crontab": crontab,
            "interval": None,
            "solar": None,
            "clocked": None,
            "one_off": False,
            "kwargs": "{}",
            "args": "[]",
            "enabled": True,
            "description": (
                "Publishes the night's equality figures (every figure suppressed and rounded); "
                "the pages and the CSV show only the latest. Added by migration succession 0010 "
                "and by `manage.py setup_periodic_tasks`."
            ),
        },
    )
    # Beat's database scheduler notices changes through this row's timestamp.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_equality_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=EQUALITY_TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("succession", "0009_equality_snapshot"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_equality_schedule, remove_equality_schedule)]
