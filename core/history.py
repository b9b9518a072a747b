"""Change history in plain words, from django-simple-history records.

Each app says which records make its history and what sentence each change makes; this module
walks the records in order, pairs each with the one before it, and says who made the change and
when. Values read the same everywhere: "none" for nothing, choices in lower case, dates written
out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils import formats


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    who: str
    text: str


# A function of a history record and the record before it of the same object (None for the
# first), returning the sentences the change makes.
Sentences = Callable[[object, object | None], list[str]]


def history_records(querysets: Iterable[QuerySet], *, since: dt.datetime | None = None) -> list:
    """The records of each history queryset, oldest first within each, after `since` if given."""
    records = []
    for queryset in querysets:
        if since is not None:
            queryset = queryset.filter(history_date__gt=since)
        records.extend(
            queryset.select_related("history_user").order_by("history_date", "history_id")
        )
    return records


def history_entries(records: Iterable, *, sentences: Sentences) -> list[HistoryEntry]:
    """Every sentence the records make, with who and when, newest first."""
    previous_by_object: dict[tuple[type, int], object] = {}
    entries = []
    for record in records:
        key = (type(record), record.id)
        previous = previous_by_object.get(key)
        if previous is None and record.history_type == "~":
            previous = record.prev_record
        previous_by_object[key] = record
        for text in sentences(record, previous):
            entries.append(HistoryEntry(record.history_date, history_who(record), text))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def history_since_version(instance: Model, version: int) -> dt.datetime | None:
    """Where a conflict's story starts: just before the first save that claimed a version after
    `version` (the rest of the write that made `version` happened before the editor loaded the
    page). None if nothing newer is recorded."""
    first_newer = (
        type(instance)
        .history.filter(id=instance.pk, version__gt=version)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if first_newer is None:
        return None
    return first_newer - dt.timedelta(microseconds=1)


def history_who(record) -> str:
    user = record.history_user
    if user is None:
        return "The service"
    return user.get_full_name() or user.username


def field_label(record, field_name: str) -> str:
    return str(record.instance_type._meta.get_field(field_name).verbose_name)


def field_changes(record, previous, *, ignored: set[str]) -> list[tuple[str, object, object]]:
    """(field, old, new) for each field that changed since `previous`, bookkeeping left out."""
    if previous is None:
        return []
    # Ignored fields are left out of the diff itself: an m2m field diffed queries per record.
    delta = record.diff_against(previous, excluded_fields=ignored)
    return [(c.field, c.old, c.new) for c in delta.changes if c.field not in ignored]


def value_display(record, field_name: str, value, *, quote_text: bool = False) -> str:
    """A value as a sentence reads it. `quote_text` puts “quotes” round free text."""
    if value in (None, ""):
        return "none"
    field = record.instance_type._meta.get_field(field_name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value)).lower()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return formats.date_format(value, "j F Y")
    return f"“{value}”" if quote_text else str(value)
