"""Reads for calibration sessions (the national talent team's alone: views check
talent.calibrate before calling these)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from talent.models import (
    CalibrationPlacement,
    CalibrationSession,
    CalibrationStatus,
    Cohort,
    NineBoxLevel,
    NineBoxPlacement,
    PlacementKind,
)

# The grid reads like the usual nine-box picture: high potential at the top, high performance
# on the right.
POTENTIAL_ROWS = [NineBoxLevel.HIGH, NineBoxLevel.MODERATE, NineBoxLevel.LOW]
PERFORMANCE_COLUMNS = [NineBoxLevel.LOW, NineBoxLevel.MODERATE, NineBoxLevel.HIGH]


def cohorts_for_calibration() -> QuerySet[Cohort]:
    """Every cohort with its current member count (`members_count`) and open session, if any
    (`open_sessions`)."""
    return (
        Cohort.objects.select_related("programme")
        .annotate(members_count=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
        .prefetch_related(
            Prefetch(
                "calibration_sessions",
                queryset=CalibrationSession.objects.filter(status=CalibrationStatus.OPEN),
                to_attr="open_sessions",
            )
        )
        .order_by("programme__name", "-starts_on", "name")
    )


def calibration_sessions() -> QuerySet[CalibrationSession]:
    return (
        CalibrationSession.objects.select_related(
            "cohort", "cohort__programme", "opened_by", "closed_by"
        )
        .annotate(
            people_count=Count("placements", distinct=True),
            moves_count=Count(
                "placement_history",
                filter=Q(placement_history__kind=PlacementKind.MOVE),
                distinct=True,
            ),
        )
        .order_by("-held_on", "-pk")
    )


def calibration_sessions_with_placements() -> QuerySet[CalibrationSession]:
    """The sessions, each with its placements (`placements`) in name order, for the API."""
    return calibration_sessions().prefetch_related(
        Prefetch(
            "placements",
            queryset=CalibrationPlacement.objects.select_related("person").order_by(
                "person__last_name", "person__first_name", "pk"
            ),
        )
    )


def calibration_session_by_pk(pk: int) -> CalibrationSession:
    return get_object_or_404(
        CalibrationSession.objects.select_related(
            "cohort", "cohort__programme", "opened_by", "closed_by"
        ),
        pk=pk,
    )


def placement_in_session(*, session: CalibrationSession, person_pk: int) -> CalibrationPlacement:
    return get_object_or_404(session.placements.select_related("person"), person_id=person_pk)


@dataclass
class GridBox:
    performance: int
    potential: int
    placements: list[CalibrationPlacement]

    @property
    def label(self) -> str:
        return (
            f"{NineBoxLevel(self.performance).label} performance, "
            f"{NineBoxLevel(self.potential).label.lower()} potential"
        )


@dataclass
class GridRow:
    potential: int
    boxes: list[GridBox]

    @property
    def label(self) -> str:
        return f"{NineBoxLevel(self.potential).label} potential"


@dataclass
class Grid:
    rows: list[GridRow]
    unplaced: list[CalibrationPlacement]
    placements: list[CalibrationPlacement]
    moves: list[NineBoxPlacement]

    columns = [f"{NineBoxLevel(level).label} performance" for level in PERFORMANCE_COLUMNS]
    performance_levels = PERFORMANCE_COLUMNS


def calibration_grid(session: CalibrationSession) -> Grid:
    """The session's nine-box grid, each box with the people in it by name, the people not yet
    placed, and every move made in the session, newest first."""
    placements = list(
        session.placements.select_related("person", "person__organisation").order_by(
            "person__last_name", "person__first_name", "pk"
        )
    )
    by_box: dict[tuple[int, int], list[CalibrationPlacement]] = {}
    unplaced = []
    for placement in placements:
        if placement.performance is None:
            unplaced.append(placement)
        else:
            by_box.setdefault((placement.performance, placement.potential), []).append(placement)
    rows = [
        GridRow(
            potential=potential,
            boxes=[
                GridBox(
                    performance=performance,
                    potential=potential,
                    placements=by_box.get((performance, potential), []),
                )
                for performance in PERFORMANCE_COLUMNS
            ],
        )
        for potential in POTENTIAL_ROWS
    ]
    moves = list(
        NineBoxPlacement.objects.filter(session=session, kind=PlacementKind.MOVE)
        .select_related("person", "placed_by")
        .order_by("-placed_at", "-pk")
    )
    return Grid(rows=rows, unplaced=unplaced, placements=placements, moves=moves)
