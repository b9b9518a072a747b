"""Writes for accounts and memberships."""

from django.db import transaction

from orgs.models import Organisation

from .models import Membership, Role, User


@transaction.atomic
def membership_grant(*, user: User, organisation: Organisation, role: str) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if role == Role.ADMINISTRATOR and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return membership
