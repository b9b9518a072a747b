"""Programmes, their cohorts and who is on them, and each pool member's development
(programme places, coaching, mentoring, stretch assignments)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from simple_history.utils import bulk_create_with_history

from demo.constants import DEMO_CHANGE_REASON
from succession.models import Incumbency
from talent.models import (
    Cohort,
    CohortMembership,
    DevelopmentActivity,
    DevelopmentKind,
    DevelopmentStatus,
    EqualityRecord,
    Ethnicity,
    Programme,
    TargetRoleReadiness,
)

from .common import (
    CE,
    CHAIR,
    COACHING_TITLES,
    EXECUTIVE_TARGETS,
    NED,
    NOW,
    PROGRAMMES,
    SOON,
    STRETCH_TITLES,
    TEXTS,
    TalentDemoSummary,
    pool_profiles,
    rng_for,
)


def add_programmes(today: dt.date, summary: TalentDemoSummary) -> dict[str, tuple[Cohort, Cohort]]:
    """Each programme with last year's cohort (finished) and this year's (under way)."""
    cohorts = {}
    for name, target, description, _size in PROGRAMMES:
        programme, created = Programme.objects.get_or_create(
            name=name, defaults={"target_role": target, "description": description}
        )
        summary.programmes += created
        last_start = dt.date(today.year - 1, 1, 15)
        this_start = dt.date(today.year, 1, 15) if today.month > 1 else dt.date(today.year, 1, 1)
        last, made_last = Cohort.objects.get_or_create(
            programme=programme,
            name=f"{last_start.year} cohort",
            defaults={"starts_on": last_start, "ends_on": dt.date(last_start.year, 12, 15)},
        )
        this, made_this = Cohort.objects.get_or_create(
            programme=programme,
            name=f"{this_start.year} cohort",
            defaults={"starts_on": min(this_start, today)},
        )
        summary.cohorts += made_last + made_this
        cohorts[name] = (last, this)
    return cohorts


def add_memberships(seed: int, cohorts, summary: TalentDemoSummary) -> None:
    readiness: dict[int, dict[str, str]] = defaultdict(dict)
    for person_id, role, value in TargetRoleReadiness.objects.filter(
        person__talent_profile__in_national_pool=True
    ).values_list("person_id", "role", "readiness"):
        readiness[person_id][role] = value
    minority = set(
        EqualityRecord.objects.exclude(ethnicity__startswith="white")
        .exclude(ethnicity=Ethnicity.PREFER_NOT_TO_SAY)
        .values_list("person_id", flat=True)
    )

    def wanted(programme: str, person_id: int) -> bool:
        roles = readiness.get(person_id, {})
        if programme == "Aspiring Chief Executive":
            return roles.get(CE) in (NOW, SOON)
        if programme == "NExT Director":
            return NED in roles or CHAIR in roles
        if programme == "Nye Bevan Programme":
            return any(role in roles for role in EXECUTIVE_TARGETS)
        return person_id in minority and bool(roles)

    taken: set[int] = set(CohortMembership.objects.values_list("person_id", flat=True))
    rows = []
    for name, _target, _description, size in PROGRAMMES:
        for cohort in cohorts[name]:
            if cohort.memberships.exists():
                continue
            candidates = sorted(
                (pk for pk in readiness if pk not in taken and wanted(name, pk)),
                key=lambda pk, cohort=cohort: rng_for(seed, f"cohort:{cohort.name}", pk).random(),
            )
            for person_id in candidates[:size]:
                taken.add(person_id)
                rows.append(
                    CohortMembership(
                        cohort=cohort,
                        person_id=person_id,
                        joined_on=cohort.starts_on,
                        left_on=cohort.ends_on,
                    )
                )
    bulk_create_with_history(
        rows, CohortMembership, batch_size=2000, default_change_reason=DEMO_CHANGE_REASON
    )
    summary.memberships += len(rows)


def add_development(seed: int, today: dt.date, cohorts, summary: TalentDemoSummary) -> None:
    done = set(DevelopmentActivity.objects.values_list("person_id", flat=True))
    mentors = list(
        Incumbency.objects.current()
        .filter(post__role=CE)
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )
    places = {
        membership.person_id: membership
        for membership in CohortMembership.objects.select_related("cohort", "cohort__programme")
    }
    rows = []
    for profile in pool_profiles().exclude(person_id__in=done):
        person_id = profile.person_id
        rng = rng_for(seed, "development", person_id)
        start = today - dt.timedelta(days=rng.randint(30, 500))
        membership = places.get(person_id)
        if membership is not None:
            finished = membership.cohort.ends_on is not None and membership.cohort.ends_on < today
            rows.append(
                DevelopmentActivity(
                    person_id=person_id,
                    kind=DevelopmentKind.PROGRAMME_PLACE,
                    title=membership.cohort.programme.name,
                    cohort=membership.cohort,
                    status=DevelopmentStatus.COMPLETED
                    if finished
                    else DevelopmentStatus.IN_PROGRESS,
                    starts_on=membership.cohort.starts_on,
                    ends_on=membership.cohort.ends_on,
                )
            )
        if rng.random() < 0.3:
            ended = start + dt.timedelta(days=180)
            rows.append(
                DevelopmentActivity(
                    person_id=person_id,
                    kind=DevelopmentKind.COACHING,
                    title=rng.choice(COACHING_TITLES),
                    status=DevelopmentStatus.COMPLETED
                    if ended < today
                    else DevelopmentStatus.IN_PROGRESS,
                    starts_on=start,
                    ends_on=ended,
                )
            )
        if mentors and rng.random() < 0.25:
            mentor = rng.choice(mentors)
            if mentor != person_id:
                rows.append(
                    DevelopmentActivity(
                        person_id=person_id,
                        kind=DevelopmentKind.MENTORING,
                        title=TEXTS["mentoring_title"],
                        mentor_id=mentor,
                        status=DevelopmentStatus.IN_PROGRESS,
                        starts_on=start,
                    )
                )
        if rng.random() < 0.15:
            planned = rng.random() < 0.4
            rows.append(
                DevelopmentActivity(
                    person_id=person_id,
                    kind=DevelopmentKind.STRETCH_ASSIGNMENT,
                    title=rng.choice(STRETCH_TITLES),
                    status=DevelopmentStatus.PLANNED if planned else DevelopmentStatus.IN_PROGRESS,
                    starts_on=today + dt.timedelta(days=60) if planned else start,
                    ends_on=(today if planned else start) + dt.timedelta(days=300),
                )
            )
    bulk_create_with_history(
        rows, DevelopmentActivity, batch_size=2000, default_change_reason=DEMO_CHANGE_REASON
    )
    summary.development += len(rows)
