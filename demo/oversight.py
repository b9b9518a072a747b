"""Demo and benchmark oversight segments: deterministic, like the rest of the demo data."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db.models import QuerySet

from orgs.models import Organisation, OversightFramework, OversightSegment

# Roughly the spread of the first 2025/26 segmentation: most trusts in segments 2 and 3, fewer in
# 4, a few in the Recovery Support Programme (5). Published in September 2025.
SEGMENT_SHARES = ((1, 0.10), (2, 0.32), (3, 0.38), (4, 0.14), (5, 0.06))
ASSIGNED_ON = dt.date(2025, 9, 9)


def _fraction(*parts) -> float:
    digest = hashlib.sha256(":".join(str(part) for part in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def demo_segment(seed: int, ods_code: str) -> int:
    draw = _fraction(seed, "segment", ods_code)
    total = 0.0
    for segment, share in SEGMENT_SHARES:
        total += share
        if draw < total:
            return segment
    return SEGMENT_SHARES[-1][0]


def demo_oversight_segments_assign(*, seed: int, organisations: QuerySet[Organisation]) -> int:
    """Give each organisation without a segment a deterministic one; returns how many were set.
    Organisations that already have a segment (set in the admin, say) keep it."""
    have = set(OversightSegment.objects.values_list("organisation_id", flat=True))
    new = [
        OversightSegment(
            organisation_id=pk,
            framework=OversightFramework.NOF_2025,
            segment=demo_segment(seed, ods_code),
            assigned_on=ASSIGNED_ON,
        )
        for pk, ods_code in organisations.values_list("pk", "ods_code")
        if pk not in have
    ]
    OversightSegment.objects.bulk_create(new, batch_size=1000)
    return len(new)
