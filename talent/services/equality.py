"""Writes for equality monitoring: a person's answers, and the audit log of who looked."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.editing import EditConflict, version_claim
from talent.models import Disability, EqualityAuditEntry, EqualityRecord, Ethnicity, Person, Sex

# The version an editor sends when their page showed no answers yet.
NOT_YET_RECORDED = 0

# Filters the audit log may keep: where and what was looked at, never an equality value.
AUDITED_FILTERS = ("region", "dimension", "format")


def equality_audit_record(
    *, user, action: str, page: str, filters: dict | None = None, person: Person | None = None
) -> EqualityAuditEntry:
    """Write who looked at or exported equality data, what and when. Only the known filters are
    kept, so that a value typed into the address cannot end up in the log."""
    kept = {key: str(value) for key, value in (filters or {}).items() if key in AUDITED_FILTERS}
    return EqualityAuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        username=getattr(user, "username", "") or "",
        action=action,
        page=page,
        filters=kept,
        person_id=person.pk if person is not None else None,
        at=timezone.now(),
    )


@transaction.atomic
def equality_record_save(
    *,
    person: Person,
    ethnicity: str,
    sex: str,
    disability: str,
    by,
    expected_version: int | None = None,
) -> EqualityRecord:
    """Record a person's equality monitoring answers (each may be "prefer not to say") and log
    that they were changed, without the answers. `expected_version` is the version of the answers
    the editor loaded (NOT_YET_RECORDED if there were none); refused with EditConflict if someone
    else saved them since (None skips the check)."""
    errors = {}
    if ethnicity not in Ethnicity.values:
        errors["ethnicity"] = "Choose an ethnic group, or prefer not to say"
    if sex not in Sex.values:
        errors["sex"] = "Choose their sex, or prefer not to say"
    if disability not in Disability.values:
        errors["disability"] = "Choose whether they are disabled, or prefer not to say"
    if errors:
        raise ValidationError(errors)
    record = EqualityRecord.objects.select_for_update().filter(person=person).first()
    if record is None:
        record = EqualityRecord(person=person)
    elif expected_version == NOT_YET_RECORDED:
        raise EditConflict(
            changes=_equality_changes_since(record, NOT_YET_RECORDED),
            current_version=record.version,
        )
    else:
        # The claim is saved below with the answers.
        version_claim(
            record,
            expected_version=expected_version,
            changes_since=_equality_changes_since,
            save=False,
        )
    record.ethnicity = ethnicity
    record.sex = sex
    record.disability = disability
    record.recorded_on = timezone.localdate()
    record.save()
    equality_audit_record(
        user=by,
        action=EqualityAuditEntry.Action.CHANGED_PERSON,
        page=CHANGED_PAGE,
        person=person,
    )
    return record


CHANGED_PAGE = "Equality monitoring answers of a person"


def _equality_changes_since(record: EqualityRecord, version: int) -> list[str]:
    """Who saved the answers since the editor loaded them, and when, from the audit log: never
    what the answers were (these records keep no history of values, by design)."""
    saves = list(
        EqualityAuditEntry.objects.filter(
            person_id=record.person_id, action=EqualityAuditEntry.Action.CHANGED_PERSON
        ).order_by("-at", "-pk")[: max(record.version - version, 0)]
    )
    sentences = []
    for entry in saves:
        who = (entry.user.get_full_name() if entry.user else "") or entry.username or "Someone"
        when = timezone.localtime(entry.at)
        sentences.append(f"{who} saved these answers at {when:%H:%M} on {when:%-d %B %Y}")
    return sentences or ["Someone saved these answers"]
