"""The pipeline: for each target role, how many pool members are ready now, in 1–2 years and in
3–5 years, against the posts of that role and how many of them are vacant or expect their holder
to leave within 12 and 24 months; nationally and by region. For the national talent team."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from orgs.models import Region
from succession.models import Incumbency, Post
from talent.models import (
    TARGET_ROLE_CHOICES,
    Person,
    Readiness,
    TalentProfile,
    TargetRoleReadiness,
    target_role_of,
)

NATIONAL = None  # the key of the national figures


@dataclass
class PipelineRow:
    role: str
    label: str
    ready_now: int = 0
    one_to_two: int = 0
    three_to_five: int = 0
    posts: int = 0
    vacant: int = 0
    leaving_12: int = 0  # holders expected to leave within 12 months (or overdue)
    leaving_24: int = 0  # within 24 months, including those within 12

    @property
    def supply(self) -> list[tuple[str, int, str]]:
        """(readiness, people, in words) of the three "ready" columns, each of which the pool
        search finds again with exact_readiness."""
        return [
            (Readiness.READY_NOW, self.ready_now, "ready now"),
            (Readiness.ONE_TO_TWO_YEARS, self.one_to_two, "ready in 1–2 years"),
            (Readiness.THREE_TO_FIVE_YEARS, self.three_to_five, "ready in 3–5 years"),
        ]

    @property
    def needed_12(self) -> int:
        """Posts to fill within a year: vacant now, or the holder expected to leave."""
        return self.vacant + self.leaving_12

    @property
    def needed_24(self) -> int:
        return self.vacant + self.leaving_24

    @property
    def gap_12(self) -> int:
        """How many more people ready now the next year needs."""
        return max(0, self.needed_12 - self.ready_now)

    @property
    def gap_24(self) -> int:
        """How many more people ready within two years the next two years need."""
        return max(0, self.needed_24 - self.ready_now - self.one_to_two)

    @property
    def has_gap(self) -> bool:
        return bool(self.gap_12 or self.gap_24)

    @property
    def gaps(self) -> list[str]:
        """The gaps in words, so that the page does not rely on colour."""
        sentences = []
        if self.gap_12:
            sentences.append(
                f"{self.needed_12} to fill within 12 months, {self.ready_now} ready now: "
                f"{self.gap_12} short"
            )
        if self.gap_24:
            ready = self.ready_now + self.one_to_two
            sentences.append(
                f"{self.needed_24} to fill within 24 months, {ready} ready within 2 years: "
                f"{self.gap_24} short"
            )
        return sentences


@dataclass
class RegionPipeline:
    region: Region
    rows: list[PipelineRow]

    @property
    def gap_rows(self) -> list[PipelineRow]:
        return [row for row in self.rows if row.has_gap]


@dataclass
class Pipeline:
    national: list[PipelineRow]
    regions: list[RegionPipeline]

    def for_region(self, region: Region | None) -> list[PipelineRow]:
        if region is None:
            return self.national
        for entry in self.regions:
            if entry.region.pk == region.pk:
                return entry.rows
        return _empty_rows()


def _empty_rows() -> list[PipelineRow]:
    return [PipelineRow(role=value, label=str(label)) for value, label in TARGET_ROLE_CHOICES]


def pipeline(*, today: dt.date | None = None) -> Pipeline:
    """Supply and need for every target role, nationally and in every region that has posts.

    Posts belong to their organisation's region. A pool member counts in every region they
    would work in (their mobility), or, if they have not said, in their employer's region; in
    the national figures they count once."""
    today = today or timezone.localdate()
    tables: dict[int | None, dict[str, PipelineRow]] = defaultdict(
        lambda: {row.role: row for row in _empty_rows()}
    )

    post_region = {}
    for pk, role, region_id in Post.objects.open().values_list(
        "pk", "role", "organisation__region_id"
    ):
        role = target_role_of(role)
        post_region[pk] = (role, region_id)
        for key in {NATIONAL, region_id}:
            tables[key][role].posts += 1
    held = set()
    within_12 = today + dt.timedelta(days=365)
    within_24 = today + dt.timedelta(days=730)
    for post_id, expected in Incumbency.objects.current().values_list(
        "post_id", "expected_departure_on"
    ):
        if post_id not in post_region:
            continue  # an abolished post
        held.add(post_id)
        role, region_id = post_region[post_id]
        for key in {NATIONAL, region_id}:
            if expected and expected <= within_12:
                tables[key][role].leaving_12 += 1
            if expected and expected <= within_24:
                tables[key][role].leaving_24 += 1
    for post_id, (role, region_id) in post_region.items():
        if post_id not in held:
            for key in {NATIONAL, region_id}:
                tables[key][role].vacant += 1

    regions_of = _regions_people_would_work_in()
    field = {
        Readiness.READY_NOW: "ready_now",
        Readiness.ONE_TO_TWO_YEARS: "one_to_two",
        Readiness.THREE_TO_FIVE_YEARS: "three_to_five",
    }
    for person_id, role, readiness in TargetRoleReadiness.objects.filter(
        person__talent_profile__in_national_pool=True
    ).values_list("person_id", "role", "readiness"):
        name = field[readiness]
        for key in {NATIONAL, *regions_of.get(person_id, ())}:
            row = tables[key][role]
            setattr(row, name, getattr(row, name) + 1)

    regions = Region.objects.filter(pk__in=[key for key in tables if key is not None]).order_by(
        "short_name"
    )
    return Pipeline(
        national=list(tables[NATIONAL].values()),
        regions=[
            RegionPipeline(region=region, rows=list(tables[region.pk].values()))
            for region in regions
        ],
    )


def _regions_people_would_work_in() -> dict[int, set[int]]:
    regions: dict[int, set[int]] = defaultdict(set)
    for person_id, region_id in TalentProfile.mobility_regions.through.objects.filter(
        talentprofile__in_national_pool=True
    ).values_list("talentprofile__person_id", "region_id"):
        regions[person_id].add(region_id)
    for person_id, region_id in Person.objects.filter(
        talent_profile__in_national_pool=True
    ).values_list("pk", "organisation__region_id"):
        if person_id not in regions and region_id is not None:
            regions[person_id].add(region_id)
    return regions
