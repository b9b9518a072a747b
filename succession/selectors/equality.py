"""Equality breakdowns: the make-up of boards, of the pipeline and of the talent pool, nationally
and by region, with small numbers suppressed below national level (talent.equality). Views check
talent.see_equality_breakdowns and write an audit entry before calling these."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from orgs.models import Region
from succession.models import Incumbency
from talent.equality import Cell, Column, column
from talent.models import (
    Disability,
    EqualityRecord,
    EthnicGroup,
    Ethnicity,
    Person,
    Readiness,
    Sex,
    TargetRoleReadiness,
    ethnic_group_of,
)

from .pool import regions_with_organisations

NOT_RECORDED = "not_recorded"


def _detailed_ethnicities() -> list[tuple[str, str]]:
    groups = dict(EthnicGroup.choices)
    return [
        (
            value,
            label
            if value == Ethnicity.PREFER_NOT_TO_SAY
            else f"{groups[ethnic_group_of(value)]}: {label}",
        )
        for value, label in Ethnicity.choices
    ]


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    field: str
    categories: list[tuple[str, str]]
    grouped: bool = False  # counts of detailed ethnicities summed into their ONS groups


DIMENSIONS = {
    dimension.key: dimension
    for dimension in (
        Dimension("ethnic_group", "Ethnic group", "ethnicity", list(EthnicGroup.choices), True),
        Dimension("ethnicity", "Ethnic group (detailed)", "ethnicity", _detailed_ethnicities()),
        Dimension("sex", "Sex", "sex", list(Sex.choices)),
        Dimension("disability", "Disability", "disability", list(Disability.choices)),
    )
}
DEFAULT_DIMENSION = "ethnic_group"

GROUPS = [
    ("boards", "Board members"),
    ("pipeline", "Pipeline (ready now or in 1–2 years)"),
    ("pool", "Talent pool"),
]
PIPELINE_READINESS = [Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS]


def _people(group: str, region: Region | None) -> QuerySet:
    """The ids of the people in a group: current holders of open board posts (in the post's
    region), or pool members (in their employer's region) with or without a near readiness."""
    if group == "boards":
        holders = Incumbency.objects.current().filter(post__abolished_on__isnull=True)
        if region is not None:
            holders = holders.filter(post__organisation__region=region)
        return holders.values("person_id").distinct()
    people = Person.objects.filter(talent_profile__in_national_pool=True)
    if region is not None:
        people = people.filter(organisation__region=region)
    if group == "pipeline":
        people = people.filter(
            pk__in=TargetRoleReadiness.objects.filter(readiness__in=PIPELINE_READINESS).values(
                "person_id"
            )
        )
    return people.values("pk")


def _counts(group: str, dimension: Dimension, region: Region | None) -> dict[str, int]:
    people = _people(group, region)
    total = people.count()
    values = EqualityRecord.objects.filter(person_id__in=people).values_list(
        dimension.field, flat=True
    )
    counts = Counter(ethnic_group_of(value) if dimension.grouped else value for value in values)
    counts[NOT_RECORDED] = total - sum(counts.values())
    return dict(counts)


@dataclass
class BreakdownRow:
    key: str
    label: str
    cells: list[Cell]


@dataclass
class Breakdown:
    """One area's table: a row per category, a column per group, every figure as published."""

    region: Region | None
    dimension: Dimension
    rows: list[BreakdownRow]
    totals: list[Cell]

    groups = GROUPS

    @property
    def is_national(self) -> bool:
        return self.region is None

    @property
    def area(self) -> str:
        return "England" if self.region is None else f"{self.region.short_name} region"


def equality_breakdown(*, dimension: Dimension, region: Region | None = None) -> Breakdown:
    """The table for England (real counts) or for one region (suppressed and rounded)."""
    national = region is None
    categories = [*dimension.categories, (NOT_RECORDED, "Not recorded")]
    keys = [key for key, _ in categories]
    columns: list[Column] = [
        column(_counts(group, dimension, region), national=national, categories=keys)
        for group, _ in GROUPS
    ]
    rows = [
        BreakdownRow(key=key, label=str(label), cells=[col.cells[key] for col in columns])
        for key, label in categories
    ]
    return Breakdown(
        region=region, dimension=dimension, rows=rows, totals=[col.total for col in columns]
    )


def regions_for_breakdowns() -> QuerySet[Region]:
    return regions_with_organisations()
