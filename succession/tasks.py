"""Background jobs for succession: thin, a service does the work."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from succession.equality_snapshots import equality_snapshot_publish_nightly


@shared_task(
    name="succession.publish_equality_snapshot",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def publish_equality_snapshot() -> dict:
    """Beat runs this at 02:00: the night's equality figures, one snapshot a night however often
    it runs."""
    snapshot, created = equality_snapshot_publish_nightly()
    return {"snapshot": snapshot.pk, "created": created}
