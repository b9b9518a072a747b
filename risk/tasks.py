"""Background jobs for succession risk. Thin: ids in, a service does the work, transient database
errors retry with backoff (a second recalculation that finds the lock taken is one of those)."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import digest, recalculation
from .models import RunKind

TRANSIENT = (OperationalError, InterfaceError)


@shared_task(
    name="succession.recalculate_risk",
    autoretry_for=TRANSIENT,
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def recalculate_risk(kind: str = RunKind.NIGHTLY, run_id: int | None = None) -> dict:
    """Score every open post (beat runs it nightly; "recalculate now" passes its queued run).
    After a nightly run, the digest goes out."""
    run = recalculation.recalculate_all(kind=kind, run_id=run_id)
    if run.kind == RunKind.NIGHTLY:
        send_risk_digest.delay(run.pk)
    return {
        "run": run.pk,
        "status": run.status,
        "posts_scored": run.posts_scored,
        "bands_changed": run.bands_changed,
    }


@shared_task(
    name="succession.recalculate_post_risk",
    autoretry_for=TRANSIENT,
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=10,
)
def recalculate_post_risk(post_id: int) -> int | None:
    """Score one post again after a change to it, its holder or its plan."""
    latest = recalculation.recalculate_post(post_id=post_id)
    return latest.score if latest is not None else None


@shared_task(name="risk.watchdog", ignore_result=True)
def watchdog() -> list[int]:
    """Beat runs this every minute: a whole recalculation whose worker stopped is marked
    interrupted and queued again (ADR 0015). Returns the runs queued again."""
    runs = recalculation.stopped_runs_requeue(
        send=lambda run: recalculate_risk.delay(kind=run.kind, run_id=run.pk)
    )
    return [run.pk for run in runs]


@shared_task(
    name="succession.send_risk_digest",
    autoretry_for=(*TRANSIENT, OSError),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=6,
)
def send_risk_digest(run_id: int) -> int:
    """Email the digest of a nightly run (once, however often this runs). Returns how many
    messages were sent."""
    report = digest.risk_digest_send(run_id=run_id)
    return len(report.recipients)
