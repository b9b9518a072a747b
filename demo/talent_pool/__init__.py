"""Demo data for the national talent pool, on top of the succession demo (succession.demo): the
programmes and their cohorts, readiness for target roles, nine-box placements with a closed and
an open calibration session, development, mobility and aspirations, and equality monitoring
answers, plus an "equality analyst" demo account that holds the equality permission.

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
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import Role
from demo.accounts import equality_analyst_ensure
from demo.boards.names import WOMEN_FIRST_NAMES
from demo.constants import DEFAULT_SEED, DEMO_CHANGE_REASON
from demo.texts import texts
from orgs.models import Organisation, Region
from succession.models import Incumbency, Nomination, PostRole, Readiness
from talent.models import (
    CalibrationPlacement,
    CalibrationSession,
    CalibrationStatus,
    CareerHistoryEntry,
    Cohort,
    CohortMembership,
    DevelopmentActivity,
    DevelopmentKind,
    DevelopmentStatus,
    Disability,
    EqualityRecord,
    Ethnicity,
    NineBoxPlacement,
    Person,
    PlacementKind,
    Programme,
    Sex,
    TalentProfile,
    TargetRoleReadiness,
    target_role_of,
)

CE = PostRole.CHIEF_EXECUTIVE
CHAIR = PostRole.CHAIR
NED = PostRole.NON_EXECUTIVE_DIRECTOR
EXECUTIVE_TARGETS = (
    PostRole.FINANCE_DIRECTOR,
    PostRole.MEDICAL_DIRECTOR,
    PostRole.CHIEF_NURSE,
    PostRole.CHIEF_OPERATING_OFFICER,
    PostRole.DIRECTOR_OF_WORKFORCE,
    PostRole.OTHER_EXECUTIVE_DIRECTOR,
)
NOW, SOON, LATER = Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS, Readiness.THREE_TO_FIVE_YEARS

_TEXTS = texts("talent_pool")

# (programme, target role, description, people per cohort)
PROGRAMMES = [
    (
        programme["name"],
        programme["target_role"],
        programme["description"],
        programme["cohort_size"],
    )
    for programme in _TEXTS["programmes"]
]
# Words in a job title, and the role it prepares someone for (first match wins).
TITLE_ROLES = [(tuple(rule["words"]), PostRole(rule["role"])) for rule in _TEXTS["title_roles"]]
MOVE_REASONS = _TEXTS["move_reasons"]
COACHING_TITLES = _TEXTS["coaching_titles"]
STRETCH_TITLES = _TEXTS["stretch_titles"]
ASPIRATIONS = {PostRole(role): text for role, text in _TEXTS["aspirations"].items()}
EXECUTIVE_ASPIRATION = _TEXTS["executive_aspiration"]
# The ONS category people with these names most often report; everyone else is drawn from the
# national make-up of NHS boards.
HERITAGE = {Ethnicity(category): frozenset(names) for category, names in _TEXTS["heritage"].items()}
OTHERWISE = [(Ethnicity(category), weight) for category, weight in _TEXTS["otherwise"].items()]
WOMEN = frozenset(WOMEN_FIRST_NAMES)


@dataclass
class TalentDemoSummary:
    programmes: int = 0
    cohorts: int = 0
    readiness: int = 0
    placements: int = 0
    profiles_with_mobility: int = 0
    memberships: int = 0
    sessions: int = 0
    development: int = 0
    equality_records: int = 0
    analyst_created: bool = False

    def lines(self) -> list[str]:
        return [
            f"Talent pool: {self.programmes} programmes and {self.cohorts} cohorts added; "
            f"{self.memberships} cohort places",
            f"Readiness for target roles: {self.readiness}; nine-box placements: "
            f"{self.placements}; mobility and aspirations for {self.profiles_with_mobility} "
            "profiles",
            f"Calibration sessions: {self.sessions}; development activities: {self.development}",
            f"Equality monitoring answers: {self.equality_records}",
        ]


def _rng(seed: int, step: str, pk: int) -> random.Random:
    return random.Random(f"{seed}:talent:{step}:{pk}")


def _at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _pool_profiles():
    return TalentProfile.objects.filter(in_national_pool=True).select_related(
        "person", "person__organisation"
    )


@transaction.atomic
def talent_demo_load(
    *, seed: int = DEFAULT_SEED, today: dt.date | None = None, stdout=None
) -> TalentDemoSummary:
    """Add the talent pool's demo data to the people and posts already loaded. Safe to repeat."""
    today = today or timezone.localdate()
    summary = TalentDemoSummary()
    cohorts = _programmes(today, summary)
    _readiness(seed, today, summary)
    _mobility_and_aspirations(seed, summary)
    _nine_box(seed, today, summary)
    _equality(seed, summary)
    _memberships(seed, cohorts, summary)
    _calibration(seed, today, cohorts, summary)
    _development(seed, today, cohorts, summary)
    summary.analyst_created = equality_analyst_ensure()
    if stdout is not None:
        for line in summary.lines():
            stdout.write(line)
    return summary


# --- Programmes and cohorts ----------------------------------------------------------------------


def _programmes(today: dt.date, summary: TalentDemoSummary) -> dict[str, tuple[Cohort, Cohort]]:
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


# --- Readiness for target roles -----------------------------------------------------------------


def _role_from_title(title: str) -> str:
    lowered = f" {title.lower()} "
    for words, role in TITLE_ROLES:
        if any(word in lowered for word in words):
            return role
    return ""


def _readiness(seed: int, today: dt.date, summary: TalentDemoSummary) -> None:
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
        rng = _rng(seed, "readiness", person_id)
        targets = dict(nominated.get(person_id, {}))
        held = holding.get(person_id, "")
        # Serving chief executives are in the pool for their own development, not as supply.
        if held in (CHAIR, NED):
            targets.setdefault(CHAIR, _pick(rng, [(NOW, 1), (SOON, 3), (LATER, 4)]))
        elif held and held != CE:
            targets.setdefault(CE, _pick(rng, [(NOW, 1), (SOON, 3), (LATER, 6)]))
        elif not held:
            role = _role_from_title(titles.get(person_id, ""))
            if role:
                targets.setdefault(role, _pick(rng, [(NOW, 1), (SOON, 4), (LATER, 4)]))
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


# --- Mobility, aspirations and the nine-box -------------------------------------------------------


def _mobility_and_aspirations(seed: int, summary: TalentDemoSummary) -> None:
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
    for profile in _pool_profiles():
        rng = _rng(seed, "mobility", profile.person_id)
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
                kind=rng.choice(_TEXTS["aspiration_kinds"]),
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


def _nine_box(seed: int, today: dt.date, summary: TalentDemoSummary) -> None:
    near = set(
        TargetRoleReadiness.objects.filter(readiness__in=[NOW, SOON]).values_list(
            "person_id", flat=True
        )
    )
    profiles = list(_pool_profiles().filter(performance__isnull=True))
    history = []
    for profile in profiles:
        rng = _rng(seed, "nine-box", profile.person_id)
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
                reason=_TEXTS["first_placement_reason"],
                placed_at=_at(profile.placed_on),
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


# --- Equality monitoring ---------------------------------------------------------------------------


def _ethnicity(rng: random.Random, first: str, last: str) -> str:
    for category, names in HERITAGE.items():
        if (last in names or first in names) and rng.random() < 0.85:
            return category
    return _pick(rng, OTHERWISE)


def _equality(seed: int, summary: TalentDemoSummary) -> None:
    """Answers for nearly everyone (about one in twenty has none), without history: the answers
    are special-category data, kept in one place only."""
    women = WOMEN
    rows = []
    people = Person.objects.exclude(pk__in=EqualityRecord.objects.values("person_id")).values_list(
        "pk", "first_name", "last_name", "created_at"
    )
    for pk, first, last, created in people.iterator(chunk_size=5000):
        rng = _rng(seed, "equality", pk)
        if rng.random() < 0.05:
            continue  # never answered
        roll = rng.random()
        if roll < 0.02:
            sex = Sex.PREFER_NOT_TO_SAY
        elif women:
            sex = Sex.FEMALE if (first in women) != (roll > 0.99) else Sex.MALE
        else:
            sex = Sex.FEMALE if roll < 0.5 else Sex.MALE
        rows.append(
            EqualityRecord(
                person_id=pk,
                ethnicity=_ethnicity(rng, first, last),
                sex=sex,
                disability=_pick(
                    rng,
                    [(Disability.NO, 90), (Disability.YES, 5), (Disability.PREFER_NOT_TO_SAY, 5)],
                ),
                recorded_on=created.date(),
            )
        )
    EqualityRecord.objects.bulk_create(rows, batch_size=5000)
    summary.equality_records += len(rows)


# --- Cohorts, calibration and development ---------------------------------------------------------


def _memberships(seed: int, cohorts, summary: TalentDemoSummary) -> None:
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
                key=lambda pk, cohort=cohort: _rng(seed, f"cohort:{cohort.name}", pk).random(),
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


def _talent_team_user():
    from accounts.models import User

    return User.objects.filter(
        memberships__role=Role.NATIONAL_TALENT_TEAM, username="talent.team"
    ).first()


def _calibration(seed: int, today: dt.date, cohorts, summary: TalentDemoSummary) -> None:
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
    opened = _at(held_on, 9)
    session = CalibrationSession.objects.create(
        cohort=cohort,
        held_on=held_on,
        status=CalibrationStatus.CLOSED,
        opened_by=user,
        opened_at=opened,
        closed_by=user,
        closed_at=_at(held_on, 16),
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
        rng = _rng(seed, "calibration", person_id)
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
                    placed_at=_at(held_on, 10 + minute // 60, minute % 60),
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


def _development(seed: int, today: dt.date, cohorts, summary: TalentDemoSummary) -> None:
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
    for profile in _pool_profiles().exclude(person_id__in=done):
        person_id = profile.person_id
        rng = _rng(seed, "development", person_id)
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
                        title=_TEXTS["mentoring_title"],
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


# --- Reset ---------------------------------------------------------------------------------------------


@transaction.atomic
def talent_demo_reset(*, people=None) -> None:
    """Delete the talent pool's data about the given people (default: the succession demo's
    people) and the demo programmes, so that succession.demo.demo_data_reset() can then delete
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
