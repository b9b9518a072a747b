"""Version 1 of the risk method (the product brief's table), the recalculation's lock row, and the
nightly schedule in django-celery-beat, so that every fresh install has all three without anyone
adding them by hand. Values are written out here, frozen, rather than imported: a later change to
the code must not change what this migration did. `manage.py setup_periodic_tasks` puts the
schedule back if it is deleted or changed in the admin."""

import json

from django.db import migrations
from django.utils import timezone

VERSION_1_POINTS = {
    "post_vacant": 30,
    "holder_interim_or_acting": 20,
    "leaving_within_12_months": 20,
    "leaving_within_24_months": 10,
    "no_ready_now_successor": 20,
    "no_successor_within_2_years": 10,
    "no_emergency_cover": 10,
    "ready_now_successors_stretched": 5,
    "holder_churn": 10,
    "lowest_oversight_segment": 10,
    "plan_not_reviewed": 10,
}
TASK_NAME = "Nightly succession-risk recalculation"


def forwards(apps, schema_editor):
    RiskMethod = apps.get_model("succession", "RiskMethod")
    RiskLock = apps.get_model("succession", "RiskLock")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")

    if not RiskMethod.objects.exists():
        RiskMethod.objects.create(
            version=1,
            points=VERSION_1_POINTS,
            high_from=60,
            medium_from=30,
            reason="Version 1: the starting point in the product brief.",
            is_current=True,
        )
    RiskLock.objects.get_or_create(name="risk-recalculation")

    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="2",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/London",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "succession.recalculate_risk",
            "crontab": crontab,
            "kwargs": json.dumps({"kind": "nightly"}),
            "args": "[]",
            "enabled": True,
            "description": (
                "Scores every open post for succession risk, then emails the digest of posts "
                "newly at high risk. Added by migration succession 0004 and by "
                "`manage.py setup_periodic_tasks`."
            ),
        },
    )
    # Beat's database scheduler notices changes through this row's timestamp.
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def backwards(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("succession", "0003_risk"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
