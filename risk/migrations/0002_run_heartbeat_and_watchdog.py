"""A run's heartbeat and what the watchdog found; the watchdog's every-minute schedule in
django-celery-beat, written out here rather than imported so that later code cannot change what
this migration did (`manage.py setup_periodic_tasks` puts it back if it is changed)."""

from django.db import migrations, models
from django.utils import timezone

WATCHDOG_TASK_NAME = "Succession-risk recalculation watchdog"


def add_watchdog_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every = {"every": 60, "period": "seconds"}
    interval = (
        IntervalSchedule.objects.filter(**every).order_by("pk").first()
        or IntervalSchedule.objects.create(**every)
    )
    PeriodicTask.objects.update_or_create(
        name=WATCHDOG_TASK_NAME,
        defaults={
            "task": "risk.watchdog",
            "interval": interval,
            "crontab": None,
            "solar": None,
            "clocked": None,
            "one_off": False,
            "kwargs": "{}",
            "args": "[]",
            "enabled": True,
            "expire_seconds": 60,
            "description": (
                "Finds risk recalculations whose worker stopped (no heartbeat for "
                "RISK_RUN_STALE_SECONDS), marks them interrupted and queues them again. Added by "
                "migration risk 0002 and by `manage.py setup_periodic_tasks`."
            ),
        },
    )
    # Beat's database scheduler notices changes through this row's timestamp.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_watchdog_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=WATCHDOG_TASK_NAME).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('risk', '0001_initial'),
        ('django_celery_beat', '0019_alter_periodictasks_options'),
    ]

    operations = [
        migrations.AddField(
            model_name='recalculationrun',
            name='heartbeat_at',
            field=models.DateTimeField(blank=True, help_text='The last time the worker doing this run said it was alive.', null=True),
        ),
        migrations.AddField(
            model_name='recalculationrun',
            name='interrupted_at',
            field=models.DateTimeField(blank=True, help_text='The last time the watchdog found this run stopped.', null=True),
        ),
        migrations.AddField(
            model_name='recalculationrun',
            name='interruptions',
            field=models.PositiveSmallIntegerField(default=0, help_text='How many times the watchdog found this run stopped.'),
        ),
        migrations.RunPython(add_watchdog_schedule, remove_watchdog_schedule),
    ]
