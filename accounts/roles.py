"""Who a user is in the service: their roles and the organisations they act for.

Everything that decides what a user may see or do starts from here (selectors, rules, navigation),
so that the answer lives in one place and comes from data (memberships), not code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from .models import Role

if TYPE_CHECKING:
    from orgs.models import Organisation

    from .models import Membership, User

# The roles in which a user acts for an organisation: its posts, plans, people and risks.
ORGANISATION_ROLES = (Role.HR_DIRECTOR, Role.CHAIR)


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


@dataclass(frozen=True)
class OrganisationScope:
    """The organisations a user acts for: every one (`everywhere`, the national talent team and
    administrators) or those of `organisation_ids`. Empty when the user acts for none."""

    everywhere: bool
    organisation_ids: frozenset[int]

    def __bool__(self) -> bool:
        return self.everywhere or bool(self.organisation_ids)

    def includes(self, organisation_id: int | None) -> bool:
        return self.everywhere or organisation_id in self.organisation_ids

    def condition(self, field: str = "organisation") -> Q:
        """A condition on the organisation at `field` (e.g. "post__organisation")."""
        if self.everywhere:
            return Q()
        return Q(**{f"{field}_id__in": sorted(self.organisation_ids)})

    def narrow(self, queryset: QuerySet, field: str = "organisation") -> QuerySet:
        """`queryset` cut down to the rows whose organisation at `field` is in scope."""
        return queryset.filter(self.condition(field))


def organisation_scope(user, *, roles: tuple[str, ...] = ORGANISATION_ROLES) -> OrganisationScope:
    """The one answer to "which organisations does this user act for?": every `*_visible_to`
    selector narrows its rows with it. `roles` are the memberships that count (HR director and
    chair unless told otherwise); the national talent team and administrators act for all."""
    return OrganisationScope(
        everywhere=is_national(user),
        organisation_ids=frozenset(organisation_ids_for(user, *roles)),
    )
