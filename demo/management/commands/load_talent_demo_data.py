"""manage.py load_talent_demo_data: the national talent pool's demo data (after load_demo_data)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.accounts import DEMO_PASSWORD, EQUALITY_ANALYST
from demo.constants import DEFAULT_SEED
from demo.talent_pool import talent_demo_load, talent_demo_reset


class Command(BaseCommand):
    help = (
        "Load the talent pool's demo data on top of the demo people and posts: programmes and "
        "cohorts, readiness for target roles, nine-box placements with a closed and an open "
        "calibration session, development, mobility, aspirations, equality monitoring answers "
        "and the equality analyst demo account. Safe to run again: nothing is duplicated. "
        "--reset deletes the talent pool's demo data first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"Default {DEFAULT_SEED}."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the talent pool's demo data first."
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Only delete the talent pool's demo data (run it before load_demo_data --reset).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (a benchmark database; never a live service).",
        )

    def handle(self, *args, seed, reset, delete, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is only loaded with DEBUG on or with --force.")
        if reset or delete:
            talent_demo_reset()
            self.stdout.write("Deleted the talent pool's demo data.")
            if delete:
                return
        summary = talent_demo_load(seed=seed)
        for line in summary.lines():
            self.stdout.write(self.style.SUCCESS(line))
        self.stdout.write(
            f"Demo account {EQUALITY_ANALYST} (password {DEMO_PASSWORD}): national talent team, "
            "with the equality data permission"
        )
