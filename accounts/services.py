"""Writes for accounts and memberships."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from orgs.models import Organisation

from .models import Membership, Role, User

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed to the developer by `make run`


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str  # an ODS code or, for national bodies, the name


# The trust and national bodies are real ODS organisations shipped with the service.
DEMO_ACCOUNTS = [
    DemoAccount("hr.director", "Helen", "Reid", Role.HR_DIRECTOR, "RJ1"),
    DemoAccount("chair", "Charles", "Ashworth", Role.CHAIR, "RJ1"),
    DemoAccount("talent.team", "Nadia", "Okafor", Role.NATIONAL_TALENT_TEAM, "NHS Improvement"),
    DemoAccount("pledge.lead", "Priya", "Lal", Role.PLEDGE_LEAD, "Health Education England"),
    DemoAccount("admin", "Adam", "Ward", Role.ADMINISTRATOR, "NHS Improvement"),
]


@transaction.atomic
def membership_grant(*, user: User, organisation: Organisation, role: str) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if role == Role.ADMINISTRATOR and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return membership


@transaction.atomic
def demo_accounts_ensure(*, password: str = DEMO_PASSWORD) -> list[tuple[User, Membership]]:
    """Create (or reset) one demo account per role. Safe to run again: nothing is duplicated."""
    created = []
    for account in DEMO_ACCOUNTS:
        organisation = Organisation.objects.get(
            Q(ods_code=account.organisation) | Q(name__iexact=account.organisation)
        )
        user, _ = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@demo.nhs.example",
            },
        )
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        created.append(
            (user, membership_grant(user=user, organisation=organisation, role=account.role))
        )
    return created


# Printed by `make run` for the demo administrator's second factor. Each works once; running
# setup again puts back the ones used. Demo only, like the demo password.
DEMO_ADMIN_CODES = [f"demo{n:04d}" for n in range(1, 11)]


@transaction.atomic
def demo_admin_codes_ensure(*, user: User) -> list[str]:
    """Give the demo administrator printed one-time codes for the admin's second factor."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _ = StaticDevice.objects.get_or_create(user=user, name="Demo backup codes")
    have = set(device.token_set.values_list("token", flat=True))
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in DEMO_ADMIN_CODES if code not in have
    )
    return DEMO_ADMIN_CODES
