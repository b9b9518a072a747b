"""Edits that two people can make at once without one silently undoing the other.

A versioned model has a `version` field. An editor's page carries the version they loaded; the
write claims the next version with a compare-and-swap, so if someone else saved first nothing is
written and EditConflict says what they changed (docs/adr/0004-nothing-lost-versions-and-history.md)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db.models import F, Model

from .history import HistoryEntry

CONFLICT_TEXT = "This was changed by someone else while you were editing it."


class EditConflict(Exception):
    """Someone else saved the same thing after the editor loaded it.

    `changes` are what they changed, newest first: HistoryEntry items, or plain sentences where
    the history tells who and when itself. `current_version` is the version to save over theirs."""

    def __init__(self, *, changes: Sequence[HistoryEntry | str], current_version: int):
        self.changes = list(changes)
        self.current_version = current_version
        super().__init__(CONFLICT_TEXT)


# What others changed after the editor loaded a version: (current instance, that version).
ChangesSince = Callable[[Model, int], Sequence[HistoryEntry | str]]


def version_claim(
    instance: Model,
    *,
    expected_version: int | None,
    changes_since: ChangesSince,
    save: bool = True,
) -> None:
    """Claim the next version of `instance`, or raise EditConflict if it is no longer at
    `expected_version`; the instance's version is refreshed. None skips the check (imports, demo
    data, the admin: writes that start from no page).

    With `save`, the claim is saved at once, so the history records the new version and a later
    conflict can say what changed; pass save=False when the caller saves the instance straight
    after."""
    model = type(instance)
    if expected_version is None:
        model._default_manager.filter(pk=instance.pk).update(version=F("version") + 1)
        instance.version = model._default_manager.values_list("version", flat=True).get(
            pk=instance.pk
        )
    else:
        updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
            version=expected_version + 1
        )
        if not updated:
            current = model._default_manager.get(pk=instance.pk)
            raise EditConflict(
                changes=changes_since(current, expected_version),
                current_version=current.version,
            )
        instance.version = expected_version + 1
    if save:
        instance.save(update_fields=["version", "updated_at"])
