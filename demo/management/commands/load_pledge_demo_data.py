"""manage.py load_pledge_demo_data: the sponsoring bodies' demo pledges, updates and reports."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.pledges import pledge_demo_data_load


class Command(BaseCommand):
    help = (
        "Load demo pledges for the national bodies that sponsor Developing People – Improving "
        "Care, with a year of quarterly progress updates and two reports of inconsistency (one "
        "answered). Run after load_organisations and the demo accounts. Safe to run again: "
        "pledges and reports that exist are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (a demo database; never a live service).",
        )

    def handle(self, *args, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is only loaded with DEBUG on or with --force.")
        summary = pledge_demo_data_load()
        for line in summary.lines():
            self.stdout.write(self.style.SUCCESS(line))
