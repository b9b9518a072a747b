"""manage.py load_organisations: seed the regions and organisations shipped in orgs/data."""

from django.core.management.base import BaseCommand, CommandError

from orgs.services import ImportRejected, default_organisations_load


class Command(BaseCommand):
    help = (
        "Load the shipped reference data: NHS England regions, the open trusts of the 2015 ODS "
        "list (kinds from ERIC), the open CCGs of the 2016 ODS list and the national bodies. "
        "Only creates what is missing, so it is safe to run again."
    )

    def handle(self, *args, **options):
        try:
            result = default_organisations_load()
        except ImportRejected as rejected:
            raise CommandError(rejected.report()) from None
        self.stdout.write(self.style.SUCCESS(result.summary()))
