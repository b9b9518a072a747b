"""Readiness for target roles (from the plans people are named on, the post they hold or their
job title), mobility and aspirations."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import F
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from demo.constants import DEMO_CHANGE_REASON
from orgs.models import Organisation, Region
from succession.models import Incumbency, Nomination, PostRole
from talent.models import (
    CareerHistoryEntry,
    Person,
    TalentProfile,
    TargetRoleReadiness,
    target_role_of,
)

from .common import (
    ASPIRATIONS,
    CE,
    CHAIR,
    EXECUTIVE_ASPIRATION,
    EXECUTIVE_TARGETS,
    LATER,
    NED,
    NOW,
    SOON,
    TEXTS,
    TITLE_ROLES,
    TalentDemoSummary,
    pick,
    pool_profiles,
    rng_for,
)


def _role_from_title(title: str) -> str:
    lowered = f" {title.lower()} "
    for words, role in TITLE_ROLES:
        if any(word in lowered for word in words):
            return role
    return ""


def add_readiness(seed: int, today: dt.date, summary: TalentDemoSummary) -> None:
    people = list(
        Person.objects.filter(talent_profile__in_national_pool=True)
        .exclude(pk__in=TargetRoleReadiness.objects.values("person_id"))
        .values_list("pk", flat=True)
    )
    if not people:
        return
    nominated: dict[int, dict[str, str]] = defaultdict(dict)
    order = {NOW: 0, SOON: 1, LATER: 2}
    for person_id, role, readiness in (
        Nomination.objects.active()
        .filter(person_id__in=people)
        .values_list("person_id", "plan__post__role", "readiness")
    ):
        role = target_role_of(role)
        known = nominated[person_id].get(role)
        if known is None or order[readiness] < order[known]:
            nominated[person_id][role] = readiness
    holding: dict[int, str] = {}
    for person_id, role in (
        Incumbency.objects.current()
        .filter(person_id__in=people)
        .values_list("person_id", "post__role")
    ):
        holding[person_id] = target_role_of(role)
    titles: dict[int, str] = {}
    for person_id, title in (
        CareerHistoryEntry.objects.filter(person_id__in=people)
        .order_by("person_id", F("ended_on").desc(nulls_first=True), "-started_on")
        .values_list("person_id", "title")
    ):
        titles.setdefault(person_id, title)  # the job they hold now, else their latest

    rows = []
    for person_id in people:
        rng = rng_for(seed, "readiness", person_id)
        targets = dict(nominated.get(person_id, {}))
        held = holding.get(person_id, "")
        # Serving chief executives are in the pool for their own development, not as supply.
        if held in (CHAIR, NED):
            targets.setdefault(CHAIR, pick(rng, [(NOW, 1), (SOON, 3), (LATER, 4)]))
        elif held and held != CE:
            targets.setdefault(CE, pick(rng, [(NOW, 1), (SOON, 3), (LATER, 6)]))
        elif not held:
            role = _role_from_title(titles.get(person_id, ""))
            if role:
                targets.setdefault(role, pick(rng, [(NOW, 1), (SOON, 4), (LATER, 4)]))
                if role in EXECUTIVE_TARGETS and rng.random() < 0.3:
                    targets.setdefault(CE, LATER)
        for role, readiness in sorted(targets.items()):
            if role == PostRole.ACCOUNTABLE_OFFICER:
                continue
            rows.append(
                TargetRoleReadiness(
                    person_id=person_id,
                    role=role,
                    readiness=readiness,
                    assessed_on=today - dt.timedelta(days=rng.randint(20, 300)),
                )
            )
    bulk_create_with_history(
        rows, TargetRoleReadiness, batch_size=2000, default_change_reason=DEMO_CHANGE_REASON
    )
    summary.readiness += len(rows)


def add_mobility_and_aspirations(seed: int, summary: TalentDemoSummary) -> None:
    regions = list(
        Region.objects.filter(
            pk__in=Organisation.objects.exclude(region=None).values("region_id")
        ).order_by("code")
    )
    if not regions:
        return
    with_regions = set(
        TalentProfile.mobility_regions.through.objects.values_list("talentprofile_id", flat=True)
    )
    best_target = {}
    order = {NOW: 0, SOON: 1, LATER: 2}
    for person_id, role, readiness in TargetRoleReadiness.objects.values_list(
        "person_id", "role", "readiness"
    ):
        known = best_target.get(person_id)
        if known is None or order[readiness] < order[known[1]]:
            best_target[person_id] = (role, readiness)
    Link = TalentProfile.mobility_regions.through
    links = []
    changed = []
    for profile in pool_profiles():
        rng = rng_for(seed, "mobility", profile.person_id)
        own = profile.person.organisation.region if profile.person.organisation else None
        chosen = [own] if own else []
        if rng.random() < 0.25 or not chosen:
            extra = [region for region in regions if region not in chosen]
            chosen += rng.sample(extra, k=min(len(extra), 1 if rng.random() < 0.7 else 2))
        if profile.pk not in with_regions:
            links += [Link(talentprofile_id=profile.pk, region_id=r.pk) for r in chosen]
            summary.profiles_with_mobility += 1
        if not profile.aspirations:
            role, readiness = best_target.get(profile.person_id, (CE, LATER))
            years = {NOW: "a year", SOON: "two years", LATER: "four years"}[readiness]
            template = ASPIRATIONS.get(role, EXECUTIVE_ASPIRATION)
            profile.aspirations = template.format(
                years=years,
                kind=rng.choice(TEXTS["aspiration_kinds"]),
                region=" or ".join(region.short_name for region in chosen),
                role=f"a {PostRole(role).label.lower()}",
            )
            changed.append(profile)
    TalentProfile.mobility_regions.through.objects.bulk_create(links, batch_size=2000)
    if changed:
        bulk_update_with_history(
            changed,
            TalentProfile,
            ["aspirations"],
            batch_size=2000,
            default_change_reason=DEMO_CHANGE_REASON,
        )
