"""Reads of organisations. Every signed-in role may see every organisation (the list is public
reference data), so the user is taken for the day that changes, not used to narrow yet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from .filters import OrganisationFilter
from .models import Organisation, OversightFramework, OversightSegment

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser as User


def organisation_directory(*, user: User) -> QuerySet[Organisation]:
    """The directory of organisations: every one, for any signed-in user (reference data)."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.select_related("region", "icb", "successor", "oversight_segment")


def organisation_filter(*, user: User, data: Mapping | None = None) -> OrganisationFilter:
    """The list page's FilterSet (search, region, kind, status, sort) over what `user` may read.
    Its `.qs` is the filtered, sorted queryset and its `.form` the filter form."""
    return OrganisationFilter(data or {}, queryset=organisation_directory(user=user))


def organisation_list(*, user: User, filters: Mapping | None = None) -> QuerySet[Organisation]:
    """The organisations `user` may read, filtered and sorted as on the list page: `filters` is a
    mapping like request.GET (q, region, kind, status, sort)."""
    return organisation_filter(user=user, data=filters).qs


def organisation_detail(*, user: User, ods_code: str) -> Organisation:
    """One organisation by ODS code (any case); Http404 if there is none the user may read."""
    return get_object_or_404(organisation_directory(user=user), ods_code=ods_code.upper())


def organisation_relations(*, organisation: Organisation) -> dict[str, list[Organisation]]:
    """What the organisation page lists besides the organisation itself: an ICB's open trusts,
    and the organisations that became this one (an ICB's former CCGs, NHS England's bodies)."""
    members = organisation.icb_members.open_on().order_by("name") if organisation.pk else []
    return {
        "members": list(members),
        "predecessors": list(organisation.predecessors.order_by("name")),
    }


def segment_counts() -> list[dict]:
    """How many open organisations are in each segment of each framework (reference data, the
    same for every user who may see the page)."""
    rows = (
        OversightSegment.objects.filter(organisation__in=Organisation.objects.open_on())
        .values("framework", "segment")
        .annotate(organisations=Count("pk"))
        .order_by("framework", "segment")
    )
    labels = dict(OversightFramework.choices)
    return [
        {**row, "framework_label": labels.get(row["framework"], row["framework"])} for row in rows
    ]
