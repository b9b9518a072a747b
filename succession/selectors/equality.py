"""Equality breakdowns: the make-up of boards, of the pipeline and of the talent pool, in England
and each region. Users only ever see a published snapshot (EqualitySnapshot), whose figures were
suppressed and rounded when it was made (talent.equality); these reads turn the latest one back
into tables. Views check talent.see_equality_breakdowns and write an audit entry first."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from orgs.models import Region
from succession.models import EqualitySnapshot
from talent.equality import Cell
from talent.models import Disability, EthnicGroup, Ethnicity, Readiness, Sex, ethnic_group_of

from .pool import regions_with_organisations

NOT_RECORDED = "not_recorded"
NATIONAL = "national"


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


@dataclass
class BreakdownRow:
    key: str
    label: str
    cells: list[Cell]


@dataclass
class Breakdown:
    """One area's table from a snapshot: a row per category, a column per group, every figure
    as published."""

    code: str  # NATIONAL or the region's code
    area: str
    rows: list[BreakdownRow]
    totals: list[Cell]
    groups: list[tuple[str, str]]

    @property
    def is_national(self) -> bool:
        return self.code == NATIONAL


def latest_equality_snapshot() -> EqualitySnapshot | None:
    """The figures users see: the most recently published snapshot, if any."""
    return EqualitySnapshot.objects.select_related("made_by").order_by("-made_at", "-pk").first()


def _cell(stored: list) -> Cell:
    count, percentage = stored
    return Cell(count=count, percentage=percentage)


def snapshot_breakdowns(
    snapshot: EqualitySnapshot, *, dimension: Dimension, region: Region | None = None
) -> list[Breakdown]:
    """The snapshot's tables of one kind: England and every region, or the one region."""
    figures = snapshot.figures
    groups = [tuple(group) for group in figures["groups"]]
    areas = figures["dimensions"].get(dimension.key, {}).get("areas", [])
    if region is not None:
        areas = [area for area in areas if area["code"] == region.code]
    return [
        Breakdown(
            code=area["code"],
            area=area["name"],
            rows=[
                BreakdownRow(
                    key=row["key"], label=row["label"], cells=[_cell(c) for c in row["cells"]]
                )
                for row in area["rows"]
            ],
            totals=[_cell(c) for c in area["totals"]],
            groups=groups,
        )
        for area in areas
    ]


def regions_for_breakdowns() -> QuerySet[Region]:
    return regions_with_organisations()
