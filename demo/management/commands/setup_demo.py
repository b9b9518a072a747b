"""manage.py setup_demo: the demo accounts and every demo data set, in the order they depend on
each other, then the accounts printed with their password. Safe to repeat; `setup_service` calls
it when the demo app is installed."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from demo.accounts import (
    DEMO_PASSWORD,
    EQUALITY_ANALYST,
    demo_accounts_ensure,
    demo_admin_codes_ensure,
)
from demo.worklists import demo_work_leave


class Command(BaseCommand):
    help = (
        "Create the demo accounts and load the demo boards, pledges, talent pool and risk scores "
        "(after load_organisations). Safe to repeat: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisations",
            type=int,
            metavar="N",
            help="Give demo boards to at most N organisations (default: every open trust and CCG).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (a demo database; never a live service).",
        )

    def handle(self, *args, organisations: int | None = None, force: bool = False, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo accounts are only created with DEBUG on or with --demo.")
        accounts = demo_accounts_ensure()
        out = {"stdout": self.stdout, "stderr": self.stderr}
        # After the accounts, so the demo trust's sign-offs are the demo chair's own.
        call_command("load_demo_data", force=True, organisations=organisations, **out)
        # The pledge tracker's demo: its reports come from the demo HR director and chair.
        call_command("load_pledge_demo_data", force=True, **out)
        # The talent pool's demo (cohorts, readiness, nine-box, calibration, equality answers) is
        # drawn from the demo people and posts, so it comes after them.
        call_command("load_talent_demo_data", force=True, **out)
        # Work waiting for the demo accounts (issue 17), before the scores so that they count it.
        for what in demo_work_leave():
            self.stdout.write(f"Worklists: {what}.")
        # Demo oversight segments, and a first score for every post.
        call_command("load_risk_demo", force=True, **out)
        self._print_accounts(accounts)

    def _print_accounts(self, accounts) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for user, membership in accounts:
            self.stdout.write(
                f"  {user.username:<16} {membership.get_role_display():<22} "
                f"{membership.organisation.display_name}"
            )
        self.stdout.write(
            f"  {EQUALITY_ANALYST:<16} {'National talent team':<22} NHS England, and may see "
            "a person's equality monitoring answers"
        )
        administrator = next(u for u, m in accounts if m.role == Role.ADMINISTRATOR)
        codes = demo_admin_codes_ensure(user=administrator)
        self.stdout.write(
            f"  The admin (/admin/) also asks {administrator.username} for a one-time code: "
            f"use any of {', '.join(codes[:3])} … {codes[-1]} (each works once)."
        )
