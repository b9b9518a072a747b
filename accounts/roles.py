"""Who a user is in the service: their roles and the organisations they act for.

Everything that decides what a user may see or do starts from here (selectors, rules, navigation),
so that the answer lives in one place and comes from data (memberships), not code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Role

if TYPE_CHECKING:
    from orgs.models import Organisation

    from .models import Membership, User


def memberships_of(user) -> list[Membership]:
    """The user's memberships, loaded once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(user.memberships.select_related("organisation", "organisation__region"))
        user._memberships_cache = cached
    return cached


def roles_of(user) -> set[str]:
    roles = {membership.role for membership in memberships_of(user)}
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMINISTRATOR)
    return roles


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_national(user) -> bool:
    """The national talent team (and administrators) see every organisation."""
    return has_role(user, Role.NATIONAL_TALENT_TEAM, Role.ADMINISTRATOR)


def organisations_for(user: User, *roles: str) -> list[Organisation]:
    """The organisations the user acts for in any of the given roles (all roles if none given)."""
    return [
        membership.organisation
        for membership in memberships_of(user)
        if not roles or membership.role in roles
    ]


def organisation_ids_for(user: User, *roles: str) -> set[int]:
    return {organisation.pk for organisation in organisations_for(user, *roles)}
