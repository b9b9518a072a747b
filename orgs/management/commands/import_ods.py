"""manage.py import_ods PATH: import an ODS trust (etr) or CCG (eccg) file, or the ONS ICB list."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orgs.importers import FileFormat
from orgs.services import ImportRejected, organisation_file_import


class Command(BaseCommand):
    help = (
        "Import organisations from an ODS etr.csv (trusts) or eccg.csv (CCGs) file, or the ONS "
        "ICB names and codes list. One transaction: if any row is bad, nothing is saved and "
        "every bad row is listed, unless --skip-bad-rows is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The file to import.")
        parser.add_argument(
            "--kind",
            choices=[FileFormat.TRUSTS, FileFormat.CCGS, FileFormat.ICBS],
            help="What the file holds (default: worked out from its name or header row).",
        )
        parser.add_argument(
            "--eric",
            type=Path,
            help="ERIC trust type lookup (fyear,trust_code,trust_type) for trust kinds "
            "(default: the one shipped in orgs/data).",
        )
        parser.add_argument(
            "--open-only",
            action="store_true",
            help="Don't create organisations the file says are closed (existing ones are still "
            "updated and closed).",
        )
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Save the good rows and list the bad ones, instead of saving nothing.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; save nothing."
        )
        parser.add_argument("--source", help="How to name the file in each organisation's source.")

    def handle(self, *args, path, kind, eric, open_only, skip_bad_rows, dry_run, source, **options):
        try:
            result = organisation_file_import(
                path=path,
                file_format=kind,
                eric_path=eric,
                open_only=open_only,
                skip_bad_rows=skip_bad_rows,
                dry_run=dry_run,
                source=source,
            )
        except ImportRejected as rejected:
            hint = (
                ""
                if skip_bad_rows or rejected.is_unreadable
                else ("\nFix the file, or run again with --skip-bad-rows to import the good rows.")
            )
            raise CommandError(rejected.report() + hint) from None
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from None

        for error in result.bad_rows:
            self.stderr.write(f"Skipped bad row {error}")
        if options["verbosity"] > 1:
            for skipped in result.skipped:
                self.stdout.write(f"Skipped {skipped}")
        for note in result.notes:
            self.stdout.write(f"Note: {note}")
        self.stdout.write(self.style.SUCCESS(result.summary()))
