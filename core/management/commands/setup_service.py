"""Everything `make run` needs after migrating, safe to run again: organisations, one demo
account per role (printed with its password) and the demo boards, people and plans."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import DEMO_PASSWORD, demo_accounts_ensure, demo_admin_codes_ensure
from talent.demo import EQUALITY_ANALYST


class Command(BaseCommand):
    help = "Load organisations and demo data and create the demo accounts. Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Create demo accounts even when DEBUG is off (never on a live service).",
        )
        parser.add_argument(
            "--demo-organisations",
            type=int,
            metavar="N",
            help="Give demo boards to at most N organisations (default: every open trust and CCG).",
        )

    def handle(self, *args, demo: bool = False, demo_organisations: int | None = None, **options):
        call_command("load_organisations", stdout=self.stdout, stderr=self.stderr)
        if not (settings.DEBUG or demo):
            raise CommandError("Demo accounts are only created with DEBUG on or with --demo.")
        accounts = demo_accounts_ensure()
        # After the accounts, so the demo trust's sign-offs are the demo chair's own.
        call_command(
            "load_demo_data",
            force=True,
            organisations=demo_organisations,
            stdout=self.stdout,
            stderr=self.stderr,
        )
        # The pledge tracker's demo: its reports come from the demo HR director and chair.
        call_command("load_pledge_demo_data", force=True, stdout=self.stdout, stderr=self.stderr)
        # The talent pool's demo (cohorts, readiness, nine-box, calibration, equality answers) is
        # drawn from the demo people and posts, so it comes after them.
        call_command("load_talent_demo_data", force=True, stdout=self.stdout, stderr=self.stderr)
        # Succession risk: the nightly schedule (also made by a migration; this puts it back if it
        # was changed in the admin), demo oversight segments, and a first score for every post.
        call_command("setup_periodic_tasks", stdout=self.stdout, stderr=self.stderr)
        call_command("load_risk_demo", force=True, stdout=self.stdout, stderr=self.stderr)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for user, membership in accounts:
            self.stdout.write(
                f"  {user.username:<16} {membership.get_role_display():<22} "
                f"{membership.organisation.display_name}"
            )
        self.stdout.write(
            f"  {EQUALITY_ANALYST:<16} {'National talent team':<22} NHS Improvement, and may see "
            "a person's equality monitoring answers"
        )
        administrator = next(u for u, m in accounts if m.role == Role.ADMINISTRATOR)
        codes = demo_admin_codes_ensure(user=administrator)
        self.stdout.write(
            f"  The admin (/admin/) also asks {administrator.username} for a one-time code: "
            f"use any of {', '.join(codes[:3])} … {codes[-1]} (each works once)."
        )
