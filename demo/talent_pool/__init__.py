"""Demo data for the national talent pool, on top of the demo boards (demo.boards): the
programmes and their cohorts, readiness for target roles, nine-box placements with a closed and
an open calibration session, development, mobility and aspirations, and equality monitoring
answers (published as the night's equality figures), plus an "equality analyst" demo account that
holds the equality permission.

- **Deterministic.** Every choice about a person comes from a `random.Random` seeded with the
  seed, the step and the person's id, so the same database gives the same pool.
- **Idempotent.** Each step only touches what it has not done yet (people without readiness,
  profiles without a placement, cohorts without members, people without answers...), and
  decides the same way every time, so a second run adds nothing.
- **With history.** Readiness, cohort memberships and development are created with their
  simple-history rows (change reason `Demo data`); nine-box placements with their own history.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from demo.accounts import equality_analyst_ensure
from demo.constants import DEFAULT_SEED
from succession.equality_snapshots import equality_snapshot_publish_nightly
from talent.models import (
    CalibrationPlacement,
    CalibrationSession,
    Cohort,
    CohortMembership,
    DevelopmentActivity,
    EqualityRecord,
    NineBoxPlacement,
    Programme,
    TalentProfile,
    TargetRoleReadiness,
)

from .common import PROGRAMMES, TalentDemoSummary
from .equality import add_equality
from .nine_box import add_calibration, add_nine_box
from .programmes import add_development, add_memberships, add_programmes
from .readiness import add_mobility_and_aspirations, add_readiness


@transaction.atomic
def talent_demo_load(
    *, seed: int = DEFAULT_SEED, today: dt.date | None = None, stdout=None
) -> TalentDemoSummary:
    """Add the talent pool's demo data to the people and posts already loaded. Safe to repeat."""
    today = today or timezone.localdate()
    summary = TalentDemoSummary()
    cohorts = add_programmes(today, summary)
    add_readiness(seed, today, summary)
    add_mobility_and_aspirations(seed, summary)
    add_nine_box(seed, today, summary)
    add_equality(seed, summary)
    add_memberships(seed, cohorts, summary)
    add_calibration(seed, today, cohorts, summary)
    add_development(seed, today, cohorts, summary)
    summary.analyst_created = equality_analyst_ensure()
    # The equality pages show only published figures: the demo's are tonight's.
    equality_snapshot_publish_nightly()
    if stdout is not None:
        for line in summary.lines():
            stdout.write(line)
    return summary


@transaction.atomic
def talent_demo_reset(*, people=None) -> None:
    """Delete the talent pool's data about the given people (default: the demo boards'
    people) and the demo programmes, so that demo.boards.demo_data_reset() can then delete
    the people themselves. The equality audit log is kept: it names no demo data."""
    if people is None:
        from demo.boards import demo_people

        people = demo_people()
    person_ids = people.values("pk")
    NineBoxPlacement.objects.filter(person_id__in=person_ids).delete()
    CalibrationPlacement.objects.filter(person_id__in=person_ids).delete()
    for model in (TargetRoleReadiness, CohortMembership, DevelopmentActivity):
        model.objects.filter(person_id__in=person_ids).delete()
        model.history.filter(person_id__in=person_ids).delete()
    DevelopmentActivity.objects.filter(mentor_id__in=person_ids).update(mentor=None)
    EqualityRecord.objects.filter(person_id__in=person_ids).delete()
    TalentProfile.mobility_regions.through.objects.filter(
        talentprofile__person_id__in=person_ids
    ).delete()
    names = [name for name, *_ in PROGRAMMES]
    sessions = CalibrationSession.objects.filter(cohort__programme__name__in=names)
    if not NineBoxPlacement.objects.filter(session__in=sessions).exists():
        sessions.delete()
        cohorts = Cohort.objects.filter(programme__name__in=names)
        if not CohortMembership.objects.filter(cohort__in=cohorts).exists():
            cohorts.delete()
            Programme.objects.filter(name__in=names, cohorts__isnull=True).delete()
