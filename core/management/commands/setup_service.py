"""Everything `make run` needs after migrating, safe to run again: the organisations and the
nightly schedule and, where the demo app is installed (local and test settings, never
production), the demo accounts and data through its `setup_demo` command."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load the organisations and put back the nightly schedule; with the demo app installed, "
        "also create the demo accounts and load the demo data. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Load the demo even when DEBUG is off (never on a live service).",
        )
        parser.add_argument(
            "--demo-organisations",
            type=int,
            metavar="N",
            help="Give demo boards to at most N organisations (default: every open trust and CCG).",
        )

    def handle(self, *args, demo: bool = False, demo_organisations: int | None = None, **options):
        call_command("load_organisations", stdout=self.stdout, stderr=self.stderr)
        # The nightly succession-risk schedule (also made by a migration; this puts it back if it
        # was changed in the admin).
        call_command("setup_periodic_tasks", stdout=self.stdout, stderr=self.stderr)
        if not apps.is_installed("demo"):
            return
        call_command(
            "setup_demo",
            force=demo,
            organisations=demo_organisations,
            stdout=self.stdout,
            stderr=self.stderr,
        )
