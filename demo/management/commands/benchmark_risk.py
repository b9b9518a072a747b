"""manage.py benchmark_risk: the succession-risk benchmark at national scale and ten times it:
the data set is built here (demo.benchmark) and measured by risk.benchmark.

Run it against a scratch database only: it deletes the demo data and every risk assessment, then
builds each data set in turn. See docs/performance.md for the commands and the figures."""

import datetime as dt

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo import benchmark as data_set
from demo.constants import DEFAULT_SEED
from orgs.models import Organisation
from risk import benchmark
from succession.models import Post


class Command(BaseCommand):
    help = (
        "Build the synthetic national data set (about 450 organisations, 6,000 posts, 40,000 "
        "nominations, a year of nightly history) and one ten times larger, time the full "
        "recalculation and the dashboard, count their queries and print a table. Deletes the "
        "demo data and all risk assessments first: use a scratch database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            default="1,10",
            help="Multiples of the national data set to build and measure, in order (default 1,10).",
        )
        parser.add_argument("--renders", type=int, default=benchmark.RENDERS)
        parser.add_argument("--history-days", type=int, default=data_set.HISTORY_DAYS)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--measure-only",
            action="store_true",
            help="Measure the data already in the database (one built by an earlier run) "
            "without wiping or building anything: --sizes only names the row.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run with DEBUG off (a benchmark database; never a live service).",
        )

    def handle(self, *args, sizes, renders, history_days, seed, measure_only, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError("The benchmark deletes data: run it with DEBUG on or with --force.")
        try:
            multiples = [float(size) for size in sizes.split(",")]
        except ValueError as error:
            raise CommandError("--sizes takes numbers separated by commas, e.g. 1,10") from error
        if measure_only and not Post.objects.open().exists():
            raise CommandError(
                "There is nothing to measure: build a data set first (run without --measure-only)."
            )
        if not Organisation.objects.exists():
            call_command("load_organisations", stdout=self.stdout, stderr=self.stderr)
        today = timezone.localdate()
        results = []
        for multiple in multiples:
            label = "national" if multiple == 1 else f"{multiple:g}× national"
            self.stdout.write(self.style.MIGRATE_HEADING(f"{label} on {benchmark.database_name()}"))
            result = benchmark.Result(label=label, database=benchmark.database_name())
            if measure_only:
                result.history_rows = benchmark.history_rows()
                benchmark.measure(result, renders=renders)
                results.append(result)
                continue
            data_set.wipe()
            built = data_set.build(
                scale=data_set.NATIONAL_SCALE * multiple,
                seed=seed,
                today=today,
                history_days=history_days,
                stdout=self.stdout,
            )
            self.stdout.write(f"  built in {dt.timedelta(seconds=round(built['seconds']))}")
            result.history_rows = built["history_rows"]
            result.build_seconds = built["seconds"]
            benchmark.measure(result, renders=renders)
            results.append(result)
            self.stdout.write(benchmark.markdown_table([result]))
        self.stdout.write("")
        self.stdout.write(benchmark.markdown_table(results))
