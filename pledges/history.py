"""The change history of a pledge and its milestones, in plain words, from django-simple-history.

Progress updates and responses are never changed, so they need no history: they are the record.
Free text reads in “quotes”; the rest reads as in every other history (core/history.py)."""

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

from .models import FrameworkCondition, Milestone, Pledge, PledgeStatus

# Bookkeeping fields that never make a sentence.
IGNORED_FIELDS = {"version", "updated_at", "created_at", "created_by"}


def pledge_history(pledge: Pledge, *, since: dt.datetime | None = None) -> list[HistoryEntry]:
    """Every recorded change to the pledge and its milestones, newest first."""
    records = history_records(
        (Pledge.history.filter(id=pledge.pk), Milestone.history.filter(pledge_id=pledge.pk)),
        since=since,
    )
    conditions = {c.pk: str(c) for c in FrameworkCondition.objects.all()}
    return history_entries(
        records, sentences=lambda record, previous: _sentences(record, previous, conditions)
    )


def changes_since_version(pledge: Pledge, version: int) -> list[HistoryEntry]:
    """What others changed after the editor loaded `version` of the pledge."""
    since = history_since_version(pledge, version)
    if since is None:
        return []
    return pledge_history(pledge, since=since)


def _display(record, field_name: str, value, conditions: dict) -> str:
    if field_name == "condition" and value not in (None, ""):
        return f"“{conditions.get(value, value)}”"
    return value_display(record, field_name, value, quote_text=True)


def _changes(record, previous) -> list[tuple[str, object, object]]:
    return field_changes(record, previous, ignored=IGNORED_FIELDS)


def _sentences(record, previous, conditions) -> list[str]:
    if record.instance_type is Pledge:
        return _pledge_sentences(record, previous, conditions)
    if record.instance_type is Milestone:
        return _milestone_sentences(record, previous, conditions)
    return []


# Long text fields: say that they changed, not what to (the page shows what they say now).
LONG_FIELDS = {"commitment", "success_measure"}


def _pledge_sentences(record, previous, conditions) -> list[str]:
    if record.history_type == "+":
        return [f"Made the pledge “{record.title}”"]
    if record.history_type == "-":
        return [f"Deleted the pledge “{record.title}”"]
    sentences = []
    for name, old, new in _changes(record, previous):
        if name == "status":
            text = (
                f"Changed the status from {_display(record, name, old, conditions)} "
                f"to {_display(record, name, new, conditions)}"
            )
            if new == PledgeStatus.WITHDRAWN and record.withdrawn_reason:
                text += f": {record.withdrawn_reason}"
            sentences.append(text)
        elif name == "withdrawn_reason":
            if (
                record.status == PledgeStatus.WITHDRAWN
                and previous.status == PledgeStatus.WITHDRAWN
            ):
                sentences.append(f"Changed the reason for withdrawing to “{new}”")
        elif name in LONG_FIELDS:
            sentences.append(f"Reworded {field_label(record, name)}")
        else:
            sentences.append(
                f"Changed the {field_label(record, name)} from {_display(record, name, old, conditions)} "
                f"to {_display(record, name, new, conditions)}"
            )
    return sentences


def _milestone_sentences(record, previous, conditions) -> list[str]:
    due = _display(record, "due_on", record.due_on, conditions)
    if record.history_type == "+":
        text = f"Added the milestone “{record.title}”, due {due}"
        if record.achieved_on:
            text += f", achieved {_display(record, 'achieved_on', record.achieved_on, conditions)}"
        return [text]
    if record.history_type == "-":
        return [f"Deleted the milestone “{record.title}”"]
    sentences = []
    for name, old, new in _changes(record, previous):
        if name == "achieved_on" and new:
            sentences.append(
                f"Recorded that the milestone “{record.title}” was achieved on "
                f"{_display(record, name, new, conditions)}"
            )
        elif name == "achieved_on":
            sentences.append(f"Recorded that the milestone “{record.title}” is not achieved yet")
        elif name == "title":
            sentences.append(f"Renamed the milestone “{old}” to “{new}”")
        else:
            sentences.append(
                f"Changed the milestone “{record.title}”’s {field_label(record, name)} from "
                f"{_display(record, name, old, conditions)} to "
                f"{_display(record, name, new, conditions)}"
            )
    return sentences
