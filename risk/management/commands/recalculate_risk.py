"""manage.py recalculate_risk: score every open post now, in this process (no worker needed)."""

from django.core.management.base import BaseCommand

from risk.digest import risk_digest_send
from risk.models import RunKind, RunStatus
from risk.recalculation import recalculate_all


class Command(BaseCommand):
    help = (
        "Score every open post for succession risk now, as the nightly task does, in this "
        "process. --nightly records it as tonight's nightly run (replacing it if it already ran) "
        "and --digest then emails the digest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--nightly", action="store_true", help="Record it as the nightly run.")
        parser.add_argument("--digest", action="store_true", help="Send the nightly digest.")

    def handle(self, *args, nightly: bool, digest: bool, **options):
        run = recalculate_all(kind=RunKind.NIGHTLY if nightly else RunKind.MANUAL)
        if run.status != RunStatus.SUCCEEDED:
            self.stdout.write(f"{run} is {run.get_status_display().lower()} elsewhere: not run.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Scored {run.posts_scored} posts in {run.seconds:.1f} s with method version "
                f"{run.method_version}: {run.high_risk_posts} high, {run.medium_risk_posts} "
                f"medium, {run.low_risk_posts} low risk; {run.bands_changed} changed band."
            )
        )
        if digest and run.kind == RunKind.NIGHTLY:
            report = risk_digest_send(run_id=run.pk)
            if report.already_sent:
                self.stdout.write("The digest for this night had already been sent.")
            else:
                self.stdout.write(
                    f"Digest: {len(report.newly_high)} posts newly high risk, "
                    f"{len(report.recipients)} messages sent."
                )
