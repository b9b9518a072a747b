"""The change history of a post and its plan, in plain words, from django-simple-history.

One function gathers the records of the post, its holders, its plan and its nominations, and
describes each change as a sentence a chair would understand."""

from __future__ import annotations

import datetime as dt

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
    return history_entries(
        records, sentences=lambda record, previous: _sentences(record, previous, names)
    )


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


def _sentences(record, previous, names) -> list[str]:
    model = record.instance_type
    if model is Post:
        return _post_sentences(record, previous)
    if model is Incumbency:
        return _incumbency_sentences(record, previous, names)
    if model is SuccessionPlan:
        return _plan_sentences(record, previous)
    if model is Nomination:
        return _nomination_sentences(record, previous, names)
    return []


def _post_sentences(record, previous) -> list[str]:
    if record.history_type == "+":
        return [f"Created the post “{record.title}”"]
    if record.history_type == "-":
        return [f"Deleted the post “{record.title}”"]
    sentences = []
    for name, old, new in _changes(record, previous):
        if name == "shared_with":
            sentences.append(
                f"Changed the organisations sharing the post from {_sharing(old)} "
                f"to {_sharing(new)}"
            )
        else:
            sentences.append(
                f"Changed the post’s {field_label(record, name)} from "
                f"{_display(record, name, old)} to {_display(record, name, new)}"
            )
    return sentences


def _sharing(rows) -> str:
    """The organisations of a shared post's recorded m2m rows, by name, or "none"."""
    ids = [row["organisation"] for row in rows or []]
    names = sorted(o.display_name for o in Organisation.objects.filter(pk__in=ids))
    return ", ".join(names) if names else "none"


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
