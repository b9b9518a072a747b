"""Nine-box placements, and calibration: last year's Aspiring Chief Executive cohort calibrated
and closed, this year's with a session open."""

from __future__ import annotations

import datetime as dt

from simple_history.utils import bulk_update_with_history

from accounts.models import Role
from demo.constants import DEMO_CHANGE_REASON
from talent.models import (
    CalibrationPlacement,
    CalibrationSession,
    CalibrationStatus,
    Cohort,
    NineBoxPlacement,
    PlacementKind,
    TalentProfile,
    TargetRoleReadiness,
)

from .common import (
    MOVE_REASONS,
    NOW,
    SOON,
    TEXTS,
    TalentDemoSummary,
    at,
    pool_profiles,
    rng_for,
)


def add_nine_box(seed: int, today: dt.date, summary: TalentDemoSummary) -> None:
    near = set(
        TargetRoleReadiness.objects.filter(readiness__in=[NOW, SOON]).values_list(
            "person_id", flat=True
        )
    )
    profiles = list(pool_profiles().filter(performance__isnull=True))
    history = []
    for profile in profiles:
        rng = rng_for(seed, "nine-box", profile.person_id)
        strong = profile.person_id in near
        profile.performance = rng.choices([1, 2, 3], weights=(1, 5, 5 if strong else 3))[0]
        profile.potential = rng.choices([1, 2, 3], weights=(1, 4, 6 if strong else 3))[0]
        profile.placed_on = today - dt.timedelta(days=rng.randint(240, 420))
        history.append(
            NineBoxPlacement(
                person_id=profile.person_id,
                kind=PlacementKind.ORIGINAL,
                performance=profile.performance,
                potential=profile.potential,
                reason=TEXTS["first_placement_reason"],
                placed_at=at(profile.placed_on),
            )
        )
    if profiles:
        bulk_update_with_history(
            profiles,
            TalentProfile,
            ["performance", "potential", "placed_on"],
            batch_size=2000,
            default_change_reason=DEMO_CHANGE_REASON,
        )
        NineBoxPlacement.objects.bulk_create(history, batch_size=2000)
    summary.placements += len(history)


def _talent_team_user():
    from accounts.models import User

    return User.objects.filter(
        memberships__role=Role.NATIONAL_TALENT_TEAM, username="talent.team"
    ).first()


def add_calibration(seed: int, today: dt.date, cohorts, summary: TalentDemoSummary) -> None:
    """Last year's Aspiring Chief Executive cohort was calibrated (closed, values published);
    this year's has a session open, ready for the demo."""
    from talent.services.calibration import calibration_session_open

    last, this = cohorts["Aspiring Chief Executive"]
    user = _talent_team_user()
    if not last.calibration_sessions.exists() and last.memberships.exists():
        _closed_session(seed, today, last, user)
        summary.sessions += 1
    if not this.calibration_sessions.exists() and this.memberships.exists():
        calibration_session_open(cohort=this, held_on=today, by=user)
        summary.sessions += 1


def _closed_session(seed: int, today: dt.date, cohort: Cohort, user) -> None:
    held_on = max(cohort.ends_on or today, cohort.starts_on) - dt.timedelta(days=30)
    held_on = min(held_on, today - dt.timedelta(days=60))
    opened = at(held_on, 9)
    session = CalibrationSession.objects.create(
        cohort=cohort,
        held_on=held_on,
        status=CalibrationStatus.CLOSED,
        opened_by=user,
        opened_at=opened,
        closed_by=user,
        closed_at=at(held_on, 16),
    )
    profiles = {
        profile.person_id: profile
        for profile in TalentProfile.objects.filter(
            person_id__in=cohort.memberships.values("person_id")
        )
    }
    placements, history, changed = [], [], []
    for minute, (person_id, profile) in enumerate(sorted(profiles.items())):
        if not profile.performance:
            continue
        rng = rng_for(seed, "calibration", person_id)
        start = (profile.performance, profile.potential)
        end = start
        if rng.random() < 0.3:
            end = (
                max(1, min(3, start[0] + rng.choice((-1, 1)))),
                max(1, min(3, start[1] + rng.choice((-1, 0, 1)))),
            )
        if end != start:
            history.append(
                NineBoxPlacement(
                    person_id=person_id,
                    kind=PlacementKind.MOVE,
                    performance=end[0],
                    potential=end[1],
                    previous_performance=start[0],
                    previous_potential=start[1],
                    session=session,
                    reason=rng.choice(MOVE_REASONS),
                    placed_by=user,
                    placed_at=at(held_on, 10 + minute // 60, minute % 60),
                )
            )
        placements.append(
            CalibrationPlacement(
                session=session,
                person_id=person_id,
                starting_performance=start[0],
                starting_potential=start[1],
                performance=end[0],
                potential=end[1],
                version=2 if end != start else 1,
            )
        )
        history.append(
            NineBoxPlacement(
                person_id=person_id,
                kind=PlacementKind.CALIBRATED,
                performance=end[0],
                potential=end[1],
                previous_performance=start[0],
                previous_potential=start[1],
                session=session,
                reason=f"Published when the calibration of {cohort} closed"
                + ("" if end != start else " (not moved in the session)"),
                placed_by=user,
                placed_at=session.closed_at,
            )
        )
        profile.calibrated_performance, profile.calibrated_potential = end
        profile.calibrated_on = held_on
        changed.append(profile)
    CalibrationPlacement.objects.bulk_create(placements)
    NineBoxPlacement.objects.bulk_create(history)
    bulk_update_with_history(
        changed,
        TalentProfile,
        ["calibrated_performance", "calibrated_potential", "calibrated_on"],
        default_change_reason=DEMO_CHANGE_REASON,
    )
