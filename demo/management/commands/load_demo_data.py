"""manage.py load_demo_data: deterministic demo boards, people and succession plans."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.boards import demo_data_load, demo_data_reset
from demo.constants import DEFAULT_SEED


class Command(BaseCommand):
    help = (
        "Load deterministic demo data: a board of posts with holders, history, internal talent, "
        "a national talent pool and succession plans for every open trust and CCG. "
        "Organisations that already have posts are skipped, so it is safe to run again; "
        "--reset deletes the demo data first. --scale 10 makes ten times the national volume "
        "(extra boards per organisation) for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"Default {DEFAULT_SEED}."
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="1 = every open trust and CCG, one board each; below 1 a share of them; "
            "above 1 extra boards per organisation (default 1).",
        )
        parser.add_argument(
            "--organisations",
            type=int,
            metavar="N",
            help="Load at most N organisations (the demo trust RJ1 first).",
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo data first, then load it."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (a benchmark database; never a live service).",
        )

    def handle(self, *args, seed, scale, organisations, reset, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo data is only loaded with DEBUG on or with --force.")
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        if organisations is not None and organisations < 1:
            raise CommandError("--organisations must be 1 or more.")
        if reset:
            demo_data_reset(stdout=self.stdout)
        summary = demo_data_load(
            seed=seed, scale=scale, organisation_limit=organisations, stdout=self.stdout
        )
        for line in summary.lines():
            self.stdout.write(self.style.SUCCESS(line))
