"""The demo accounts: one per role, all with the demo password, printed by `make run`; the demo
administrator's one-time codes for the admin's second factor; the equality analyst."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from accounts.models import Membership, Role, User
from accounts.services import membership_grant
from orgs.models import Organisation

from .texts import texts

_ACCOUNTS = texts("accounts")

DEMO_PASSWORD: str = _ACCOUNTS["password"]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str  # an ODS code or, for national bodies, the name


DEMO_ACCOUNTS = [
    DemoAccount(**{**account, "role": Role(account["role"])}) for account in _ACCOUNTS["accounts"]
]
EQUALITY_ANALYST_ACCOUNT = DemoAccount(
    **_ACCOUNTS["equality_analyst"], role=Role.NATIONAL_TALENT_TEAM
)
EQUALITY_ANALYST = EQUALITY_ANALYST_ACCOUNT.username
# Each works once; running setup again puts back the ones used. Demo only, like the password.
DEMO_ADMIN_CODES = [
    f"{_ACCOUNTS['admin_code_prefix']}{n:04d}" for n in range(1, _ACCOUNTS["admin_codes"] + 1)
]


def _organisation(account: DemoAccount) -> Organisation:
    return Organisation.objects.get(
        Q(ods_code=account.organisation) | Q(name__iexact=account.organisation)
    )


def _user_with_demo_password(account: DemoAccount, password: str) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
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
    return user, created


@transaction.atomic
def demo_accounts_ensure(*, password: str = DEMO_PASSWORD) -> list[tuple[User, Membership]]:
    """Create (or reset) one demo account per role. Safe to run again: nothing is duplicated."""
    created = []
    for account in DEMO_ACCOUNTS:
        organisation = _organisation(account)
        user, _ = _user_with_demo_password(account, password)
        created.append(
            (user, membership_grant(user=user, organisation=organisation, role=account.role))
        )
    return created


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


@transaction.atomic
def equality_analyst_ensure(*, password: str = DEMO_PASSWORD) -> bool:
    """A national talent team account that also holds the equality permission, so the demo
    shows both sides: talent.team sees suppressed breakdowns only; this one also sees a
    person's answers. Returns whether it was created now."""
    from django.contrib.auth.models import Permission

    account = EQUALITY_ANALYST_ACCOUNT
    organisation = Organisation.objects.filter(
        Q(ods_code=account.organisation) | Q(name__iexact=account.organisation)
    ).first()
    if organisation is None:
        return False
    user, created = _user_with_demo_password(account, password)
    membership_grant(user=user, organisation=organisation, role=account.role)
    permission = Permission.objects.get(
        content_type__app_label="talent", codename="view_equality_data"
    )
    user.user_permissions.add(permission)
    return created
