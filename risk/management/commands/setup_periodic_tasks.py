"""manage.py setup_periodic_tasks: the service's scheduled jobs in django-celery-beat.

Idempotent: creates the nightly succession-risk recalculation (02:00 Europe/London), the
recalculation watchdog (every minute) and the nightly equality figures (02:00 Europe/London), or
puts them back as they should be if they were deleted, disabled or changed in the admin. Other
schedules are left alone. Migrations create the same schedules on a fresh install."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from risk.schedule import ensure_nightly_schedule, ensure_watchdog_schedule
from succession.schedule import ensure_equality_schedule


class Command(BaseCommand):
    help = (
        "Create or correct the service's periodic tasks (nightly risk recalculation, its "
        "watchdog, nightly equality figures). Safe to repeat."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        task, created = ensure_nightly_schedule(CrontabSchedule, PeriodicTask)
        crontab = task.crontab
        self.stdout.write(
            f"{'Created' if created else 'Checked'} “{task.name}”: {task.task} at "
            f"{int(crontab.hour):02d}:{int(crontab.minute):02d} {crontab.timezone} every day."
        )
        watchdog, created = ensure_watchdog_schedule(IntervalSchedule, PeriodicTask)
        self.stdout.write(
            f"{'Created' if created else 'Checked'} “{watchdog.name}”: {watchdog.task} every "
            f"{watchdog.interval.every} {watchdog.interval.period}."
        )
        equality, created = ensure_equality_schedule(CrontabSchedule, PeriodicTask)
        self.stdout.write(
            f"{'Created' if created else 'Checked'} “{equality.name}”: {equality.task} at "
            f"{int(equality.crontab.hour):02d}:{int(equality.crontab.minute):02d} "
            f"{equality.crontab.timezone} every day."
        )
