"""Writes for the national talent pool: a person's pool membership, consent, aspirations and
mobility; readiness for target roles; nine-box placements; programme cohorts; development."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.editing import EditConflict, version_claim
from orgs.models import Region
from talent.models import (
    TARGET_ROLE_CHOICES,
    CalibrationPlacement,
    CalibrationStatus,
    Cohort,
    CohortMembership,
    DevelopmentActivity,
    DevelopmentKind,
    DevelopmentStatus,
    NineBoxLevel,
    NineBoxPlacement,
    Person,
    PlacementKind,
    Readiness,
    TalentProfile,
    TargetRoleReadiness,
    nine_box_label,
)

TARGET_ROLES = dict(TARGET_ROLE_CHOICES)


def _in_pool(person: Person) -> TalentProfile:
    profile = TalentProfile.objects.filter(person=person).first()
    if profile is None or not profile.in_national_pool:
        raise ValidationError(f"{person.full_name} is not in the national talent pool.")
    return profile


# --- Membership, consent, aspirations and mobility ---------------------------------------------


@transaction.atomic
def talent_profile_save(
    *,
    person: Person,
    expected_version: int | None,
    in_national_pool: bool,
    joined_pool_on: dt.date | None,
    left_pool_on: dt.date | None,
    visible_to_other_organisations: bool,
    consent_recorded_on: dt.date | None,
    aspirations: str = "",
    mobility_regions: Iterable[Region] = (),
) -> TalentProfile:
    """Create or change a person's talent profile. Refused with EditConflict if someone else
    saved it after the editor loaded it (expected_version None skips the check)."""
    today = timezone.localdate()
    errors = {}
    if in_national_pool and joined_pool_on is None:
        errors["joined_pool_on"] = "Enter the date they joined the national talent pool"
    if in_national_pool and left_pool_on is not None:
        errors["left_pool_on"] = "Leave the date they left empty while they are in the pool"
    if joined_pool_on and joined_pool_on > today:
        errors["joined_pool_on"] = "The date they joined cannot be in the future"
    if joined_pool_on and left_pool_on and left_pool_on < joined_pool_on:
        errors["left_pool_on"] = "The date they left must be on or after the date they joined"
    if visible_to_other_organisations and consent_recorded_on is None:
        errors["consent_recorded_on"] = "Enter the date they agreed to be visible"
    if consent_recorded_on and consent_recorded_on > today:
        errors["consent_recorded_on"] = "The date they agreed cannot be in the future"
    if errors:
        raise ValidationError(errors)

    profile = TalentProfile.objects.select_for_update().filter(person=person).first()
    if profile is None:
        profile = TalentProfile(person=person)
    else:
        # Saved below with the answers, so the history records the claim and the change as one.
        version_claim(
            profile,
            expected_version=expected_version,
            changes_since=_profile_changes_since,
            save=False,
        )
    profile.in_national_pool = in_national_pool
    profile.joined_pool_on = joined_pool_on
    profile.left_pool_on = left_pool_on
    profile.visible_to_other_organisations = visible_to_other_organisations
    # Consent withdrawn: keep no date of an agreement that no longer stands.
    profile.consent_recorded_on = consent_recorded_on if visible_to_other_organisations else None
    profile.aspirations = aspirations.strip()
    profile.full_clean(exclude=["person"])
    profile.save()
    profile.mobility_regions.set(list(mobility_regions))
    return profile


PROFILE_FIELDS_IN_CONFLICTS = (
    "in_national_pool",
    "joined_pool_on",
    "left_pool_on",
    "visible_to_other_organisations",
    "consent_recorded_on",
    "aspirations",
)


def _profile_changes_since(profile: TalentProfile, version: int) -> list[str]:
    records = list(profile.history.filter(version__gte=version).order_by("history_date", "pk"))
    sentences = []
    for previous, record in zip(records, records[1:], strict=False):
        who = record.history_user.get_full_name() if record.history_user else "Someone"
        for change in record.diff_against(
            previous, included_fields=PROFILE_FIELDS_IN_CONFLICTS
        ).changes:
            label = TalentProfile._meta.get_field(change.field).verbose_name
            sentences.append(f"{who} changed {label} from “{change.old}” to “{change.new}”")
    return sentences


# --- Readiness for target roles ----------------------------------------------------------------


# The version an editor sends when their page showed no readiness for that role yet.
NOT_YET_RECORDED = 0


@transaction.atomic
def target_readiness_set(
    *,
    person: Person,
    role: str,
    readiness: str,
    by=None,
    notes: str = "",
    expected_version: int | None = None,
):
    """Record how ready a pool member is for a target role; an empty readiness removes it.
    `expected_version` is the version the editor loaded (NOT_YET_RECORDED if their page showed
    none); refused with EditConflict if someone else saved this role's readiness since."""
    _in_pool(person)
    errors = {}
    if role not in TARGET_ROLES:
        errors["role"] = "Choose a target role"
    if readiness and readiness not in Readiness.values:
        errors["readiness"] = "Choose ready now, ready in 1–2 years or ready in 3–5 years"
    if errors:
        raise ValidationError(errors)
    entry = TargetRoleReadiness.objects.select_for_update().filter(person=person, role=role).first()
    if entry is None:
        if expected_version not in (None, NOT_YET_RECORDED):
            raise EditConflict(
                changes=_readiness_removed_since(person, role, expected_version),
                current_version=NOT_YET_RECORDED,
            )
        if not readiness:
            return None
        entry = TargetRoleReadiness(person=person, role=role)
    else:
        # The claim is saved below with the answers, so the history records both as one change.
        version_claim(
            entry,
            expected_version=expected_version,
            changes_since=_readiness_changes_since,
            save=False,
        )
        if not readiness:
            entry.delete()
            return None
    entry.readiness = readiness
    entry.assessed_on = timezone.localdate()
    entry.assessed_by = by
    entry.notes = notes.strip()
    entry.full_clean(exclude=["person"])
    entry.save()
    return entry


READINESS_FIELDS_IN_CONFLICTS = ("readiness", "notes")


def _who(record) -> str:
    return record.history_user.get_full_name() if record.history_user else "Someone"


def _readiness_changes_since(entry: TargetRoleReadiness, version: int) -> list[str]:
    records = list(
        entry.history.filter(version__gte=version).order_by("history_date", "history_id")
    )
    sentences = []
    if records and records[0].version > version:
        sentences.append(f"{_who(records[0])} recorded this readiness")
    for previous, record in zip(records, records[1:], strict=False):
        for change in record.diff_against(
            previous, included_fields=READINESS_FIELDS_IN_CONFLICTS
        ).changes:
            if change.field == "readiness":
                old, new = Readiness(change.old).label, Readiness(change.new).label
                sentences.append(f"{_who(record)} changed readiness from “{old}” to “{new}”")
            else:
                sentences.append(f"{_who(record)} changed the notes")
    return sentences


def _readiness_removed_since(person: Person, role: str, version: int) -> list[str]:
    removal = (
        TargetRoleReadiness.history.filter(person_id=person.pk, role=role, history_type="-")
        .order_by("-history_date")
        .first()
    )
    who = _who(removal) if removal is not None else "Someone"
    return [f"{who} removed this readiness (not assessed)"]


# --- Nine-box ----------------------------------------------------------------------------------


def _check_levels(performance, potential) -> None:
    errors = {}
    if performance not in NineBoxLevel.values:
        errors["performance"] = "Choose low, moderate or high performance"
    if potential not in NineBoxLevel.values:
        errors["potential"] = "Choose low, moderate or high potential"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def nine_box_place(
    *,
    person: Person,
    performance: int,
    potential: int,
    reason: str,
    by=None,
    expected_version: int | None = None,
) -> NineBoxPlacement:
    """Record a pool member's (original) nine-box placement, with why, in their history. The
    calibrated value, if any, stays until a calibration session publishes a new one. Refused
    with EditConflict if their profile changed after the editor loaded it (None skips it)."""
    _check_levels(performance, potential)
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for this placement"})
    profile = _in_pool(person)
    profile = TalentProfile.objects.select_for_update().get(pk=profile.pk)
    version_claim(
        profile,
        expected_version=expected_version,
        changes_since=_placement_changes_since,
        save=False,
    )
    previous = (profile.performance, profile.potential)
    profile.performance, profile.potential = performance, potential
    profile.placed_on = timezone.localdate()
    profile.save(update_fields=["performance", "potential", "placed_on", "version"])
    return NineBoxPlacement.objects.create(
        person=person,
        kind=PlacementKind.ORIGINAL,
        performance=performance,
        potential=potential,
        previous_performance=previous[0],
        previous_potential=previous[1],
        reason=reason.strip(),
        placed_by=by,
    )


def _placement_changes_since(profile: TalentProfile, version: int) -> list[str]:
    """The placements made or published since the editor loaded the profile, then any other
    change to the profile."""
    placements = [
        f"{placement.placed_by.get_full_name() if placement.placed_by else 'Someone'}: "
        f"{placement_sentence(placement)} ({placement.reason})"
        for placement in profile.person.nine_box_placements.filter(
            placed_at__gte=_loaded_at(profile, version)
        ).select_related("placed_by")
    ]
    return placements + _profile_changes_since(profile, version)


def _loaded_at(profile: TalentProfile, version: int):
    loaded = profile.history.filter(version=version).order_by("history_date").last()
    return loaded.history_date if loaded is not None else timezone.now()


def placement_sentence(placement: NineBoxPlacement) -> str:
    """The history entry in plain words."""
    label = nine_box_label(placement.performance, placement.potential).lower()
    if placement.kind == PlacementKind.CALIBRATED:
        return f"Calibrated value published: {label}"
    if placement.previous_performance:
        return f"{placement.get_kind_display()} from {placement.previous_label.lower()} to {label}"
    return f"{placement.get_kind_display()} at {label}"


# --- Cohorts -----------------------------------------------------------------------------------


@transaction.atomic
def cohort_membership_add(
    *, person: Person, cohort: Cohort, joined_on: dt.date
) -> CohortMembership:
    """Put a pool member in a programme cohort. If the cohort is being calibrated now, they join
    that session's grid at their current placement."""
    profile = _in_pool(person)
    if CohortMembership.objects.filter(cohort=cohort, person=person).exists():
        raise ValidationError({"cohort": f"{person.full_name} is already in {cohort}"})
    if joined_on < cohort.starts_on:
        raise ValidationError(
            {
                "joined_on": f"The date they joined must be on or after {cohort.starts_on:%-d %B %Y}, when the cohort started"
            }
        )
    membership = CohortMembership(cohort=cohort, person=person, joined_on=joined_on)
    membership.full_clean()
    membership.save()
    session = cohort.calibration_sessions.filter(status=CalibrationStatus.OPEN).first()
    if session is not None:
        performance, potential = profile.nine_box
        CalibrationPlacement.objects.get_or_create(
            session=session,
            person=person,
            defaults={
                "starting_performance": performance,
                "starting_potential": potential,
                "performance": performance,
                "potential": potential,
            },
        )
    return membership


@transaction.atomic
def cohort_membership_end(*, membership: CohortMembership, left_on: dt.date) -> CohortMembership:
    if membership.left_on is not None:
        raise ValidationError(
            f"{membership.person.full_name} has already left {membership.cohort}."
        )
    if left_on < membership.joined_on:
        raise ValidationError(
            {
                "left_on": f"The date they left must be on or after {membership.joined_on:%-d %B %Y}, when they joined"
            }
        )
    membership.left_on = left_on
    membership.save()
    return membership


# --- Development -------------------------------------------------------------------------------


def _check_development(activity: DevelopmentActivity) -> None:
    errors = {}
    if activity.kind == DevelopmentKind.MENTORING and not (
        activity.mentor_id or activity.mentor_name.strip()
    ):
        errors["mentor_name"] = "Enter the name of the mentor"
    if activity.mentor_id and activity.mentor_id == activity.person_id:
        errors["mentor_name"] = "A person cannot mentor themselves"
    if activity.kind == DevelopmentKind.PROGRAMME_PLACE and activity.cohort_id is None:
        errors["cohort"] = "Choose the programme cohort"
    if activity.ends_on and activity.ends_on < activity.starts_on:
        errors["ends_on"] = "The end date must be on or after the start date"
    if activity.status == DevelopmentStatus.COMPLETED and activity.ends_on is None:
        errors["ends_on"] = "Enter the date it was completed"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def development_add(
    *,
    person: Person,
    kind: str,
    title: str,
    status: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    cohort: Cohort | None = None,
    mentor: Person | None = None,
    mentor_name: str = "",
    notes: str = "",
) -> DevelopmentActivity:
    _in_pool(person)
    activity = DevelopmentActivity(
        person=person,
        kind=kind,
        title=title.strip(),
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        cohort=cohort if kind == DevelopmentKind.PROGRAMME_PLACE else None,
        mentor=mentor if kind == DevelopmentKind.MENTORING else None,
        mentor_name=mentor_name.strip() if kind == DevelopmentKind.MENTORING else "",
        notes=notes.strip(),
    )
    _check_development(activity)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def development_update(
    *,
    activity: DevelopmentActivity,
    status: str,
    ends_on: dt.date | None,
    notes: str,
    expected_version: int | None = None,
) -> DevelopmentActivity:
    """Move an activity on: its status, when it ended, notes. Refused with EditConflict if
    someone else saved it after the editor loaded it (None skips the check)."""
    activity.status = status
    activity.ends_on = ends_on
    activity.notes = notes.strip()
    _check_development(activity)
    activity.full_clean()
    # The claim is saved below with the changes, so the history records both as one change.
    version_claim(
        activity,
        expected_version=expected_version,
        changes_since=_development_changes_since,
        save=False,
    )
    activity.save()
    return activity


DEVELOPMENT_FIELDS_IN_CONFLICTS = ("status", "ends_on", "notes")


def _development_changes_since(activity: DevelopmentActivity, version: int) -> list[str]:
    records = list(
        activity.history.filter(version__gte=version).order_by("history_date", "history_id")
    )
    sentences = []
    for previous, record in zip(records, records[1:], strict=False):
        for change in record.diff_against(
            previous, included_fields=DEVELOPMENT_FIELDS_IN_CONFLICTS
        ).changes:
            who = _who(record)
            if change.field == "status":
                old = DevelopmentStatus(change.old).label
                new = DevelopmentStatus(change.new).label
                sentences.append(f"{who} changed the status from “{old}” to “{new}”")
            elif change.field == "ends_on":
                old = f"{change.old:%-d %B %Y}" if change.old else "none"
                new = f"{change.new:%-d %B %Y}" if change.new else "none"
                sentences.append(f"{who} changed the end date from {old} to {new}")
            else:
                sentences.append(f"{who} changed the notes")
    return sentences
