"""Writes for people and their career history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.editing import version_claim
from orgs.models import Organisation
from talent.models import CareerHistoryEntry, Person, ProfessionalBackground


@transaction.atomic
def person_create(
    *,
    organisation: Organisation | None,
    first_name: str,
    last_name: str,
    work_email: str = "",
    professional_background: str = ProfessionalBackground.OTHER,
) -> Person:
    person = Person(
        organisation=organisation,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        work_email=work_email.strip().lower(),
        professional_background=professional_background,
    )
    person.full_clean()
    _check_work_email_is_free(person)
    person.save()
    return person


PERSON_EDITABLE_FIELDS = ("first_name", "last_name", "work_email", "professional_background")


@transaction.atomic
def person_update(*, person: Person, expected_version: int | None, **changes) -> Person:
    """Change a person's details; refused with what changed if someone else saved first."""
    unknown = set(changes) - set(PERSON_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"person_update() cannot change {', '.join(sorted(unknown))}")
    # Saved below with the changes, so the history records the claim and the change as one.
    version_claim(
        person,
        expected_version=expected_version,
        changes_since=_person_changes_since,
        save=False,
    )
    for name, value in changes.items():
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    person.work_email = person.work_email.lower()
    person.full_clean()
    _check_work_email_is_free(person)
    person.save()
    return person


def _check_work_email_is_free(person: Person) -> None:
    """A work email names one person in an organisation (bulk uploads match people by it)."""
    if not person.work_email or person.organisation_id is None:
        return
    other = (
        Person.objects.filter(
            organisation_id=person.organisation_id, work_email__iexact=person.work_email
        )
        .exclude(pk=person.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            {
                "work_email": f"{other.full_name} already has the work email "
                f"{person.work_email} in this organisation."
            }
        )


def _person_changes_since(person: Person, version: int) -> list[str]:
    records = list(person.history.filter(version__gt=version).order_by("history_date"))
    loaded = person.history.filter(version=version).order_by("history_date").last()
    sentences = []
    previous = loaded
    for record in records:
        if previous is not None:
            for change in record.diff_against(previous).changes:
                if change.field in ("version", "updated_at", "created_at"):
                    continue
                label = Person._meta.get_field(change.field).verbose_name
                who = record.history_user.get_full_name() if record.history_user else "Someone"
                sentences.append(f"{who} changed {label} from “{change.old}” to “{change.new}”")
        previous = record
    return sentences


@transaction.atomic
def career_entry_add(
    *,
    person: Person,
    title: str,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    started_on=None,
    ended_on=None,
) -> CareerHistoryEntry:
    entry = CareerHistoryEntry(
        person=person,
        title=title.strip(),
        organisation=organisation,
        organisation_name=organisation_name.strip(),
        started_on=started_on,
        ended_on=ended_on,
    )
    entry.full_clean()
    entry.save()
    return entry
