"""Writes for calibration sessions: open one for a cohort, move people between boxes with a
reason (each move in their nine-box history), close it to publish the calibrated values."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from talent.models import (
    CalibrationPlacement,
    CalibrationSession,
    CalibrationStatus,
    Cohort,
    NineBoxPlacement,
    PlacementKind,
    TalentProfile,
)

from .pool import _check_levels


class CalibrationConflict(Exception):
    """Someone else moved the same person after the page was loaded."""

    def __init__(self, *, placement: CalibrationPlacement, last_move: NineBoxPlacement | None):
        self.placement = placement
        self.last_move = last_move
        self.current_version = placement.version
        super().__init__("This person was moved by someone else while you were looking.")


CLOSED = "This calibration session is closed: its values are published and cannot change."


@transaction.atomic
def calibration_session_open(*, cohort: Cohort, held_on: dt.date, by=None) -> CalibrationSession:
    """Open a session for a cohort: every current member joins the grid where they stand now
    (their calibrated placement if one was published, else their original one)."""
    if cohort.calibration_sessions.filter(status=CalibrationStatus.OPEN).exists():
        raise ValidationError(
            {"cohort": f"{cohort} already has an open calibration session: close it first"}
        )
    session = CalibrationSession.objects.create(cohort=cohort, held_on=held_on, opened_by=by)
    members = (
        cohort.memberships.filter(left_on__isnull=True)
        .select_related("person", "person__talent_profile")
        .order_by("person__last_name", "person__first_name")
    )
    placements = []
    for membership in members:
        profile = getattr(membership.person, "talent_profile", None)
        performance, potential = profile.nine_box if profile else (None, None)
        placements.append(
            CalibrationPlacement(
                session=session,
                person=membership.person,
                starting_performance=performance,
                starting_potential=potential,
                performance=performance,
                potential=potential,
            )
        )
    CalibrationPlacement.objects.bulk_create(placements)
    return session


@transaction.atomic
def calibration_move(
    *,
    placement: CalibrationPlacement,
    performance: int,
    potential: int,
    reason: str,
    by=None,
    expected_version: int | None = None,
) -> NineBoxPlacement:
    """Move a person to another box of the session's grid, saying why. Refused if the session is
    closed, and with CalibrationConflict if someone moved them after the page was loaded."""
    _check_levels(performance, potential)
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for moving them"})
    session = CalibrationSession.objects.select_for_update().get(pk=placement.session_id)
    if not session.is_open:
        raise ValidationError(CLOSED)
    current = CalibrationPlacement.objects.select_for_update().get(pk=placement.pk)
    if expected_version is not None and current.version != expected_version:
        last_move = (
            NineBoxPlacement.objects.filter(session=session, person_id=current.person_id)
            .select_related("placed_by")
            .first()
        )
        raise CalibrationConflict(placement=current, last_move=last_move)
    if (current.performance, current.potential) == (performance, potential):
        raise ValidationError(
            {"performance": f"{current.person.full_name} is already in that box: choose another"}
        )
    move = NineBoxPlacement.objects.create(
        person_id=current.person_id,
        kind=PlacementKind.MOVE,
        performance=performance,
        potential=potential,
        previous_performance=current.performance,
        previous_potential=current.potential,
        session=session,
        reason=reason.strip(),
        placed_by=by,
    )
    current.performance, current.potential = performance, potential
    current.version += 1
    current.save(update_fields=["performance", "potential", "version"])
    placement.performance, placement.potential = performance, potential
    placement.version = current.version
    return move


@transaction.atomic
def calibration_session_close(*, session: CalibrationSession, by=None) -> int:
    """Close the session and publish every placed person's calibrated value to their profile
    (and their history). After this nothing in the session can change. Returns how many
    values were published."""
    session = CalibrationSession.objects.select_for_update().get(pk=session.pk)
    if not session.is_open:
        raise ValidationError(CLOSED)
    now = timezone.now()
    published = 0
    placements = session.placements.filter(performance__isnull=False).select_related("person")
    for placement in placements:
        profile, _ = TalentProfile.objects.select_for_update().get_or_create(
            person=placement.person
        )
        previous = profile.nine_box
        profile.calibrated_performance = placement.performance
        profile.calibrated_potential = placement.potential
        profile.calibrated_on = session.held_on
        profile.version += 1
        profile.save()
        moved = placement.has_moved
        NineBoxPlacement.objects.create(
            person=placement.person,
            kind=PlacementKind.CALIBRATED,
            performance=placement.performance,
            potential=placement.potential,
            previous_performance=previous[0],
            previous_potential=previous[1],
            session=session,
            reason=f"Published when the calibration of {session.cohort} closed"
            + ("" if moved else " (not moved in the session)"),
            placed_by=by,
            placed_at=now,
        )
        published += 1
    session.status = CalibrationStatus.CLOSED
    session.closed_by = by
    session.closed_at = now
    session.save()
    return published
