"""manage.py import_oversight_segments PATH: set organisations' oversight segments from a CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orgs.models import OversightFramework
from orgs.services import ImportRejected, oversight_segments_import


class Command(BaseCommand):
    help = (
        "Set oversight segments from a CSV with the header code,segment,date (ODS code, segment, "
        "the date it was given as YYYY-MM-DD). All or nothing: if any line is bad, nothing is "
        "saved and every bad line is listed with its reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The CSV file (UTF-8).")
        parser.add_argument(
            "--framework",
            choices=OversightFramework.values,
            default=OversightFramework.NOF_2025,
            help="The framework the segments belong to (default: the 2025/26 framework, 1–5).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; save nothing."
        )

    def handle(self, *args, path: Path, framework: str, dry_run: bool, **options):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot be read ({error})") from None
        try:
            result = oversight_segments_import(
                text=text, source=path.name, framework=framework, dry_run=dry_run
            )
        except ImportRejected as rejected:
            raise CommandError(rejected.report()) from None
        self.stdout.write(self.style.SUCCESS(result.summary()))
