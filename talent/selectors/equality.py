"""A person's equality monitoring answers. Nothing else reads them one person at a time: each read
checks the explicit permission (talent.view_equality_data, through the rule
talent.see_person_equality) and leaves an entry in the audit log, without the answers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from talent.models import EqualityAuditEntry, EqualityRecord, Person
from talent.services.equality import equality_audit_record


def equality_answers_for(*, user, person: Person, page: str) -> EqualityRecord | None:
    """The person's answers, or None if none are recorded. PermissionDenied for anyone without
    the permission; `page` names where they were shown, for the audit log."""
    if not user.has_perm("talent.see_person_equality"):
        raise PermissionDenied
    record = EqualityRecord.objects.filter(person=person).first()
    equality_audit_record(
        user=user, action=EqualityAuditEntry.Action.VIEWED_PERSON, page=page, person=person
    )
    return record
