"""The change history of a post and its plan, in plain words, from django-simple-history.

One function gathers the records of the post, its holders, its plan and its nominations, and
describes each change as a sentence a chair would understand."""

from __future__ import annotations

import datetime as dt

from django.apps import apps

from core.history import (
    HistoryEntry,
    field_changes,
    field_label,
    history_entries,
    history_records,
    history_since_version,
    value_display,
)
from orgs.models import Organisation
from talent.models import Person

from .models import Incumbency, Nomination, NominationStatus, Post, SuccessionPlan

# Bookkeeping fields that never make a sentence.
IGNORED_FIELDS = {"version", "updated_at", "created_at", "ended_at", "nominated_by"}
# Told apart from the fields: who shares a post is read for all its records in one query.
POST_IGNORED_FIELDS = IGNORED_FIELDS | {"shared_with"}


def post_history(post: Post, *, since: dt.datetime | None = None) -> list[HistoryEntry]:
    """Every recorded change to the post, its holders, its plan and its slate, newest first."""
    plan_records = SuccessionPlan.history.filter(post_id=post.pk)
    plan_ids = list(plan_records.values_list("id", flat=True).distinct())
    records = history_records(
        (
            Post.history.filter(id=post.pk),
            Incumbency.history.filter(post_id=post.pk),
            plan_records,
            Nomination.history.filter(plan_id__in=plan_ids),
        ),
        since=since,
    )
    person_ids = {getattr(r, "person_id", None) for r in records} - {None}
    names = {p.pk: p.full_name for p in Person.objects.filter(pk__in=person_ids)}
    sharing = _sharing_by_record([r.history_id for r in records if r.instance_type is Post])
    return history_entries(
        records, sentences=lambda record, previous: _sentences(record, previous, names, sharing)
    )


def _sharing_by_record(history_ids: list[int]) -> dict[int, list[str]]:
    """For each historical record of a post, the names of the organisations sharing it then."""
    through = apps.get_model("succession", "HistoricalPost_shared_with")
    rows = list(
        through.objects.filter(history_id__in=history_ids).values_list(
            "history_id", "organisation_id"
        )
    )
    organisations = Organisation.objects.in_bulk({organisation_id for _, organisation_id in rows})
    sharing: dict[int, list[str]] = {}
    for history_id, organisation_id in rows:
        sharing.setdefault(history_id, []).append(organisations[organisation_id].display_name)
    return {history_id: sorted(names) for history_id, names in sharing.items()}


def changes_since_version(instance: Post | SuccessionPlan, version: int) -> list[HistoryEntry]:
    """What others changed after the editor loaded `version` of a post or plan."""
    since = history_since_version(instance, version)
    if since is None:
        return []
    post = instance if isinstance(instance, Post) else instance.post
    return post_history(post, since=since)


def _display(record, field_name: str, value) -> str:
    return value_display(record, field_name, value)


def _changes(record, previous) -> list[tuple[str, object, object]]:
    return field_changes(record, previous, ignored=IGNORED_FIELDS)


def _sentences(record, previous, names, sharing) -> list[str]:
    model = record.instance_type
    if model is Post:
        return _post_sentences(record, previous, sharing)
    if model is Incumbency:
        return _incumbency_sentences(record, previous, names)
    if model is SuccessionPlan:
        return _plan_sentences(record, previous)
    if model is Nomination:
        return _nomination_sentences(record, previous, names)
    return []


def _post_sentences(record, previous, sharing) -> list[str]:
    if record.history_type == "+":
        return [f"Created the post “{record.title}”"]
    if record.history_type == "-":
        return [f"Deleted the post “{record.title}”"]
    sentences = [
        f"Changed the post’s {field_label(record, name)} from "
        f"{_display(record, name, old)} to {_display(record, name, new)}"
        for name, old, new in field_changes(record, previous, ignored=POST_IGNORED_FIELDS)
    ]
    if previous is not None:
        before = sharing.get(previous.history_id, [])
        after = sharing.get(record.history_id, [])
        if before != after:
            sentences.append(
                "Changed the organisations sharing the post from "
                f"{', '.join(before) or 'none'} to {', '.join(after) or 'none'}"
            )
    return sentences


def _incumbency_sentences(record, previous, names) -> list[str]:
    person = names.get(record.person_id, "someone")
    if record.history_type == "+":
        return [
            f"Recorded {person} as {record.get_kind_display().lower()} holder from "
            f"{_display(record, 'started_on', record.started_on)}"
        ]
    if record.history_type == "-":
        return [f"Deleted {person}’s time in the post"]
    sentences = []
    for name, old, new in _changes(record, previous):
        if name == "ended_on" and new:
            sentences.append(f"Recorded that {person} left on {_display(record, name, new)}")
        elif name == "expected_departure_on":
            sentences.append(
                f"Changed {person}’s expected departure from {_display(record, name, old)} "
                f"to {_display(record, name, new)}"
            )
        else:
            sentences.append(
                f"Changed {person}’s {field_label(record, name)} from {_display(record, name, old)} "
                f"to {_display(record, name, new)}"
            )
    return sentences


def _plan_sentences(record, previous) -> list[str]:
    if record.history_type == "+":
        return ["Started the succession plan"]
    sentences = []
    for name, _old, new in _changes(record, previous):
        if name == "last_reviewed_on" and new:
            sentences.append(f"Recorded a review of the plan on {_display(record, name, new)}")
        elif name == "sign_off_requested_at" and new:
            sentences.append("Asked the chair to sign off the plan")
    return sentences


def _nomination_sentences(record, previous, names) -> list[str]:
    person = names.get(record.person_id, "someone")
    if record.history_type == "+":
        text = f"Nominated {person} as a successor, {record.get_readiness_display().lower()}"
        if record.is_emergency_cover:
            text += ", as emergency cover"
        return [text]
    if record.history_type == "-":
        return [f"Deleted the nomination of {person}"]
    sentences = []
    for name, old, new in _changes(record, previous):
        if name == "status" and new == NominationStatus.REMOVED:
            reason = f": {record.removed_reason}" if record.removed_reason else ""
            sentences.append(f"Removed {person} from the slate{reason}")
        elif name == "status" and new == NominationStatus.SUCCEEDED:
            sentences.append(f"Appointed {person} to the post")
        elif name == "rank":
            sentences.append(f"Moved {person} from place {old} to place {new} on the slate")
        elif name == "is_emergency_cover":
            sentences.append(
                f"Named {person} as emergency cover"
                if new
                else f"{person} is no longer emergency cover"
            )
        elif name == "readiness":
            sentences.append(
                f"Changed {person}’s readiness from {_display(record, name, old).lower()} "
                f"to {_display(record, name, new).lower()}"
            )
        elif name == "notes":
            sentences.append(f"Changed the notes on {person}")
        elif name != "removed_reason":
            sentences.append(
                f"Changed {person}’s {field_label(record, name)} from {_display(record, name, old)} "
                f"to {_display(record, name, new)}"
            )
    return sentences
