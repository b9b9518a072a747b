from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from notifications.schedule import ensure_schedules


class Command(BaseCommand):
    help = "Create or correct beat's schedules for reminders, daily summaries and waiting emails."

    def handle(self, *args, **options):
        created = ensure_schedules(CrontabSchedule, IntervalSchedule, PeriodicTask)
        self.stdout.write(f"Notification schedules in place ({created} created).")
