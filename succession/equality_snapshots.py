"""Publishing the equality figures: count boards, pipeline and pool by ethnic group, sex and
disability for England and each region, suppress and round every count (talent.equality), and
keep only the rounded figures as a snapshot. Exact counts live only inside this module's
functions while a snapshot is made; no page or export ever reads them (ADR 0017)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from orgs.models import Region
from succession.models import EqualitySnapshot, Incumbency
from succession.selectors.equality import (
    DIMENSIONS,
    GROUPS,
    NATIONAL,
    NOT_RECORDED,
    PIPELINE_READINESS,
    Dimension,
    regions_for_breakdowns,
)
from talent.equality import Cell, column
from talent.models import (
    EqualityAuditEntry,
    EqualityRecord,
    Person,
    TargetRoleReadiness,
    ethnic_group_of,
)
from talent.services.equality import equality_audit_record

PUBLISHED_PAGE = "Equality breakdowns (published new figures)"


def _people(group: str, region: Region | None):
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


def _exact_counts(group: str, region: Region | None) -> dict[str, dict[str, int]]:
    """Per breakdown kind, the exact count of each category in one group of one area."""
    people = _people(group, region)
    total = people.count()
    answers = list(
        EqualityRecord.objects.filter(person_id__in=people).values_list(
            "ethnicity", "sex", "disability"
        )
    )
    fields = {"ethnicity": 0, "sex": 1, "disability": 2}
    counts = {}
    for dimension in DIMENSIONS.values():
        index = fields[dimension.field]
        tally = Counter(
            ethnic_group_of(answer[index]) if dimension.grouped else answer[index]
            for answer in answers
        )
        tally[NOT_RECORDED] = total - len(answers)
        counts[dimension.key] = dict(tally)
    return counts


def _stored(cell: Cell) -> list:
    percentage = cell.percentage
    return [cell.count, None if percentage is None else str(percentage)]


def _area_table(
    dimension: Dimension, code: str, name: str, counts: list[dict[str, dict[str, int]]]
) -> dict:
    categories = [*dimension.categories, (NOT_RECORDED, "Not recorded")]
    keys = [key for key, _ in categories]
    columns = [column(group_counts[dimension.key], categories=keys) for group_counts in counts]
    return {
        "code": code,
        "name": name,
        "rows": [
            {
                "key": key,
                "label": str(label),
                "cells": [_stored(col.cells[key]) for col in columns],
            }
            for key, label in categories
        ],
        "totals": [_stored(col.total) for col in columns],
    }


def equality_figures(regions: Iterable[Region] | None = None) -> dict:
    """Every breakdown as it may be published, as plain data: England, then each region."""
    regions = list(regions_for_breakdowns() if regions is None else regions)
    areas = [(NATIONAL, "England", None)] + [
        (region.code, f"{region.short_name} region", region) for region in regions
    ]
    exact = {
        code: [_exact_counts(group, region) for group, _ in GROUPS] for code, _, region in areas
    }
    return {
        "groups": [list(group) for group in GROUPS],
        "dimensions": {
            dimension.key: {
                "label": dimension.label,
                "areas": [
                    _area_table(dimension, code, name, exact[code]) for code, name, _ in areas
                ],
            }
            for dimension in DIMENSIONS.values()
        },
    }


@transaction.atomic
def equality_snapshot_publish(*, by) -> EqualitySnapshot:
    """Publish new figures now, for a holder of the equality permission; audited (who and when,
    no figures). The caller checks talent.publish_equality_figures."""
    snapshot = EqualitySnapshot.objects.create(
        made_at=timezone.now(), made_by=by, figures=equality_figures()
    )
    equality_audit_record(user=by, action=EqualityAuditEntry.Action.PUBLISHED, page=PUBLISHED_PAGE)
    return snapshot


def equality_snapshot_publish_nightly() -> tuple[EqualitySnapshot, bool]:
    """The night's snapshot (beat runs this at 02:00 London time): one a night, however often
    it runs; returns (snapshot, created)."""
    night = timezone.localdate()
    existing = EqualitySnapshot.objects.filter(nightly_on=night).first()
    if existing is not None:
        return existing, False
    figures = equality_figures()
    try:
        with transaction.atomic():
            snapshot = EqualitySnapshot.objects.create(
                made_at=timezone.now(), nightly_on=night, figures=figures
            )
    except IntegrityError:
        # Another worker published tonight's between our look and our write.
        return EqualitySnapshot.objects.get(nightly_on=night), False
    return snapshot, True
