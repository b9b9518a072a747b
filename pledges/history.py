"""The change history of a pledge and its milestones, in plain words, from django-simple-history.

Progress updates and responses are never changed, so they need no history: they are the record.
Sentences follow succession/history.py: lower-case values, dates written out, who and when."""

from __future__ import annotations

import datetime as dt

from django.utils import formats

from succession.history import HistoryEntry

from .models import FrameworkCondition, Milestone, Pledge, PledgeStatus

# Bookkeeping fields that never make a sentence.
IGNORED_FIELDS = {"version", "updated_at", "created_at", "created_by"}


def pledge_history(pledge: Pledge, *, since: dt.datetime | None = None) -> list[HistoryEntry]:
    """Every recorded change to the pledge and its milestones, newest first."""
    records = []
    for queryset in (
        Pledge.history.filter(id=pledge.pk),
        Milestone.history.filter(pledge_id=pledge.pk),
    ):
        if since is not None:
            queryset = queryset.filter(history_date__gt=since)
        records.extend(
            queryset.select_related("history_user").order_by("history_date", "history_id")
        )
    return _describe(records)


def changes_since_version(pledge: Pledge, version: int) -> list[HistoryEntry]:
    """What others changed after the editor loaded `version` of the pledge."""
    first_newer = (
        Pledge.history.filter(id=pledge.pk, version__gt=version)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if first_newer is None:
        return []
    return pledge_history(pledge, since=first_newer - dt.timedelta(microseconds=1))


def _describe(records) -> list[HistoryEntry]:
    conditions = {c.pk: str(c) for c in FrameworkCondition.objects.all()}
    previous_by_object: dict[tuple[type, int], object] = {}
    entries = []
    for record in records:
        key = (type(record), record.id)
        previous = previous_by_object.get(key)
        if previous is None and record.history_type == "~":
            previous = record.prev_record
        previous_by_object[key] = record
        for text in _sentences(record, previous, conditions):
            entries.append(HistoryEntry(record.history_date, _who(record), text))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return "The service"
    return user.get_full_name() or user.username


def _label(record, field_name: str) -> str:
    return str(record.instance_type._meta.get_field(field_name).verbose_name)


def _display(record, field_name: str, value, conditions: dict) -> str:
    if value in (None, ""):
        return "none"
    if field_name == "condition":
        return f"“{conditions.get(value, value)}”"
    field = record.instance_type._meta.get_field(field_name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value)).lower()
    if isinstance(value, dt.date):
        return formats.date_format(value, "j F Y")
    return f"“{value}”"


def _changes(record, previous) -> list[tuple[str, object, object]]:
    if previous is None:
        return []
    delta = record.diff_against(previous)
    return [(c.field, c.old, c.new) for c in delta.changes if c.field not in IGNORED_FIELDS]


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
            sentences.append(f"Reworded {_label(record, name)}")
        else:
            sentences.append(
                f"Changed the {_label(record, name)} from {_display(record, name, old, conditions)} "
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
                f"Changed the milestone “{record.title}”’s {_label(record, name)} from "
                f"{_display(record, name, old, conditions)} to "
                f"{_display(record, name, new, conditions)}"
            )
    return sentences
