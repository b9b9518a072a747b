"""Reads about the organisations a user acts for, built on organisation_scope."""

from __future__ import annotations

from django.db.models import QuerySet

from orgs.models import Organisation

from .roles import organisation_scope


def organisations_acted_for(user) -> QuerySet[Organisation]:
    """The organisations whose posts, plans and people the user may see: every one for the
    national talent team and administrators, their HR director and chair memberships otherwise."""
    scope = organisation_scope(user)
    if scope.everywhere:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=sorted(scope.organisation_ids))
