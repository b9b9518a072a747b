"""Writes for equality monitoring: a person's answers, and the audit log of who looked."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from talent.models import Disability, EqualityAuditEntry, EqualityRecord, Ethnicity, Person, Sex

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
    *, person: Person, ethnicity: str, sex: str, disability: str, by
) -> EqualityRecord:
    """Record a person's equality monitoring answers (each may be "prefer not to say") and log
    that they were changed, without the answers."""
    errors = {}
    if ethnicity not in Ethnicity.values:
        errors["ethnicity"] = "Choose an ethnic group, or prefer not to say"
    if sex not in Sex.values:
        errors["sex"] = "Choose their sex, or prefer not to say"
    if disability not in Disability.values:
        errors["disability"] = "Choose whether they are disabled, or prefer not to say"
    if errors:
        raise ValidationError(errors)
    record, _ = EqualityRecord.objects.update_or_create(
        person=person,
        defaults={
            "ethnicity": ethnicity,
            "sex": sex,
            "disability": disability,
            "recorded_on": timezone.localdate(),
        },
    )
    equality_audit_record(
        user=by,
        action=EqualityAuditEntry.Action.CHANGED_PERSON,
        page="Equality monitoring answers of a person",
        person=person,
    )
    return record
