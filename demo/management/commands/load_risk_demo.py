"""manage.py load_risk_demo: what `make run` needs for the risk dashboard. Safe to repeat."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.constants import DEFAULT_SEED
from demo.oversight import demo_oversight_segments_assign
from orgs.models import Organisation
from risk.models import RecalculationRun, RunKind, RunStatus
from risk.recalculation import recalculate_all


class Command(BaseCommand):
    help = (
        "Give demo organisations an oversight segment (those without one) and, if no "
        "recalculation has finished today, score every open post so the risk dashboard has data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (a benchmark database; never a live service).",
        )

    def handle(self, *args, force: bool, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo risk data is only loaded with DEBUG on or with --force.")
        organisations = Organisation.objects.open_on().exclude(kind="national_body")
        assigned = demo_oversight_segments_assign(seed=DEFAULT_SEED, organisations=organisations)
        self.stdout.write(f"Oversight segments: {assigned} demo organisations given one.")
        finished_today = RecalculationRun.objects.filter(
            for_date=timezone.localdate(),
            status=RunStatus.SUCCEEDED,
            kind__in=[RunKind.NIGHTLY, RunKind.MANUAL],
        ).exists()
        if finished_today and not assigned:
            self.stdout.write("Succession risk: already calculated today.")
            return
        run = recalculate_all(kind=RunKind.NIGHTLY)
        self.stdout.write(
            self.style.SUCCESS(
                f"Succession risk: scored {run.posts_scored} posts ({run.high_risk_posts} high "
                f"risk) in {run.seconds:.1f} s."
            )
        )
