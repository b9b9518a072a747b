"""The recalculation: every open post scored in one transaction, under a lock, recorded as a run.

- **All or nothing.** A run's assessments, the latest-risk copy and the run's success are written
  in one transaction; a worker killed half-way leaves the previous assessments as they were.
- **Never twice at once.** The transaction starts by locking the RiskLock row with NOWAIT
  (PostgreSQL); a second run gets an OperationalError and its task retries later. SQLite has no
  row locks, but the transaction is BEGIN IMMEDIATE (settings), which no other writer can enter
  until it ends. Either lock dies with the transaction, so a killed worker cannot leave it held.
- **Idempotent per night.** There is one nightly run per date; running the night again replaces
  that run's assessments instead of adding a second set.
- **Constant queries.** The loader reads everything in five queries and the writes are bulk, so
  the number of queries does not depend on the number of posts.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from . import scoring
from .bulk import bulk_insert
from .loader import load_post_facts
from .methods import as_scoring_method, current_method
from .models import (
    LatestRisk,
    RecalculationRun,
    RiskAssessment,
    RiskLock,
    RunKind,
    RunStatus,
)

logger = logging.getLogger(__name__)

LOCK_NAME = "risk-recalculation"
# The columns of an assessment, shared by RiskAssessment and LatestRisk, in bulk_insert's order.
ASSESSMENT_FIELDS = (
    "run",
    "post",
    "score",
    "band",
    "factors",
    "method_version",
    "assessed_at",
)
# What the dashboard's figures count, kept with the latest risk (risk.scoring.situation).
SITUATION_FIELDS = tuple(scoring.situation(scoring.PostFacts(post_id=0)))
# A manual run asked for less than this long ago, and not finished, blocks asking again.
MANUAL_RUN_PENDING = dt.timedelta(minutes=15)


class RecalculationPending(Exception):
    """A "recalculate now" is already queued or running."""

    def __init__(self, run: RecalculationRun):
        self.run = run
        super().__init__("A recalculation is already queued or running.")


def _take_lock() -> None:
    """Lock the recalculation for the rest of the current transaction (see the module doc)."""
    RiskLock.objects.get_or_create(name=LOCK_NAME)
    list(RiskLock.objects.select_for_update(nowait=True).filter(name=LOCK_NAME))


def _test_delay() -> float:
    """Seconds to pause half-way through writing a run, so that a test can kill the worker in
    the middle of one. Honoured only under the test settings, never in a real service."""
    if not settings.SETTINGS_MODULE.endswith(".test"):
        return 0.0
    try:
        return float(os.environ.get("RISK_RECALC_TEST_DELAY", "0"))
    except ValueError:
        return 0.0


# --- Asking for a run -------------------------------------------------------------------------


def recalculation_request(*, by) -> RecalculationRun:
    """Record a "recalculate now" as queued (its task is sent by the caller once this commits).
    Refused while another asked for in the last few minutes is still queued or running."""
    pending = (
        RecalculationRun.objects.filter(
            kind=RunKind.MANUAL,
            status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
            requested_at__gte=timezone.now() - MANUAL_RUN_PENDING,
        )
        .order_by("-requested_at")
        .first()
    )
    if pending is not None:
        raise RecalculationPending(pending)
    return RecalculationRun.objects.create(
        kind=RunKind.MANUAL, for_date=timezone.localdate(), requested_by=by
    )


# --- A whole run ------------------------------------------------------------------------------


def _nightly_run(for_date: dt.date) -> RecalculationRun:
    try:
        with transaction.atomic():
            run, _created = RecalculationRun.objects.get_or_create(
                kind=RunKind.NIGHTLY, for_date=for_date
            )
    except IntegrityError:  # another worker made it between our read and our write
        run = RecalculationRun.objects.get(kind=RunKind.NIGHTLY, for_date=for_date)
    return run


def _mark_started(run: RecalculationRun) -> None:
    run.status = RunStatus.RUNNING
    run.started_at = timezone.now()
    run.finished_at = None
    run.error = ""
    with transaction.atomic():
        run.save(update_fields=["status", "started_at", "finished_at", "error"])


def _mark_failed(run_id: int, error: BaseException) -> None:
    try:
        with transaction.atomic():
            RecalculationRun.objects.filter(pk=run_id).update(
                status=RunStatus.FAILED,
                finished_at=timezone.now(),
                error=f"{type(error).__name__}: {error}"[:2000],
            )
    except Exception:  # the database itself may be what failed
        logger.exception("Could not record the failure of risk recalculation run %s", run_id)


def baseline_bands(run: RecalculationRun) -> dict[int, str]:
    """Each post's band in the previous nightly run: what "band changed" and "newly high risk"
    compare with (a post it did not score has no band to change from, but is newly high risk). Runs during the day do not move the baseline, so the morning digest tells of
    every post that crossed into high risk since the last one."""
    earlier = RecalculationRun.objects.filter(kind=RunKind.NIGHTLY, status=RunStatus.SUCCEEDED)
    if run.kind == RunKind.NIGHTLY:
        earlier = earlier.filter(for_date__lt=run.for_date)
    else:
        earlier = earlier.filter(for_date__lte=run.for_date).exclude(pk=run.pk)
    previous = earlier.order_by("-for_date").values_list("pk", flat=True).first()
    if previous is None:
        return {}
    return dict(RiskAssessment.objects.filter(run_id=previous).values_list("post_id", "band"))


def recalculate_all(
    *,
    kind: str = RunKind.NIGHTLY,
    run_id: int | None = None,
    for_date: dt.date | None = None,
) -> RecalculationRun:
    """Score every open post and record the run. A nightly run is the run of its date: doing it
    again replaces its assessments. `run_id` is a queued "recalculate now"."""
    for_date = for_date or timezone.localdate()
    if run_id is not None:
        run = RecalculationRun.objects.get(pk=run_id)
        for_date = run.for_date
    elif kind == RunKind.NIGHTLY:
        run = _nightly_run(for_date)
    else:
        run = RecalculationRun.objects.create(kind=kind, for_date=for_date)
    _mark_started(run)
    try:
        with transaction.atomic():
            _take_lock()
            _score_everything(run)
    except BaseException as error:
        _mark_failed(run.pk, error)
        raise
    _refresh_planner_statistics()
    run.refresh_from_db()
    return run


def _refresh_planner_statistics() -> None:
    """A whole run rewrites the latest-risk table, which the dashboard reads. PostgreSQL's
    autovacuum would get round to analysing it later; until then the planner can believe it is
    empty (as it was when last analysed) and scan every row where an index would do. A run ends
    by analysing it, which takes milliseconds. Not needed for the run's own result."""
    if connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {LatestRisk._meta.db_table}")
    except DatabaseError:
        logger.exception("Could not analyse the latest-risk table after a recalculation")


def _score_everything(run: RecalculationRun) -> None:
    method_row = current_method()
    method = as_scoring_method(method_row)
    facts = load_post_facts(today=run.for_date)
    baseline = baseline_bands(run)
    assessed_at = timezone.now()

    rows = []
    flags = []
    bands = {scoring.HIGH: 0, scoring.MEDIUM: 0, scoring.LOW: 0}
    changed = 0
    for post_id, post_facts in facts.items():
        result = scoring.score_post(post_facts, method, today=run.for_date)
        bands[result.band] += 1
        if baseline.get(post_id, result.band) != result.band:
            changed += 1
        rows.append(
            (
                run.pk,
                post_id,
                result.score,
                result.band,
                result.factors,
                method.version,
                assessed_at,
            )
        )
        flags.append(tuple(scoring.situation(post_facts).values()))

    RiskAssessment.objects.filter(run=run).delete()
    delay = _test_delay()
    half = len(rows) // 2
    bulk_insert(RiskAssessment, ASSESSMENT_FIELDS, rows[:half])
    if delay:
        logger.info(
            "Risk recalculation run %s: pausing %.0f s half-way (tests only)", run.pk, delay
        )
        time.sleep(delay)
    bulk_insert(RiskAssessment, ASSESSMENT_FIELDS, rows[half:])

    # The latest-risk copy is rewritten whole: posts abolished since the last run drop out.
    LatestRisk.objects.all().delete()
    bulk_insert(
        LatestRisk,
        (*ASSESSMENT_FIELDS, *SITUATION_FIELDS),
        [row + flag for row, flag in zip(rows, flags, strict=True)],
    )

    # Runs left "running" by a killed worker cannot be running now: we hold the lock.
    RecalculationRun.objects.filter(
        status__in=[RunStatus.RUNNING], started_at__lt=run.started_at
    ).exclude(pk=run.pk).exclude(kind=RunKind.CHANGES).update(
        status=RunStatus.INTERRUPTED,
        error="The worker stopped before the run finished; a later run replaced it.",
    )
    run.status = RunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.method_version = method.version
    run.posts_scored = len(rows)
    run.bands_changed = changed
    run.high_risk_posts = bands[scoring.HIGH]
    run.medium_risk_posts = bands[scoring.MEDIUM]
    run.low_risk_posts = bands[scoring.LOW]
    run.error = ""
    run.save()


# --- One post, after a change ----------------------------------------------------------------


def recalculate_post(*, post_id: int) -> LatestRisk | None:
    """Score one post again after a change to it, its holder or its plan: its latest risk is
    updated and the assessment is kept in the day's "changes" run (the last change of the day
    wins). A post that is abolished or gone loses its latest risk. Same lock as a whole run."""
    today = timezone.localdate()
    with transaction.atomic():
        _take_lock()
        facts = load_post_facts(today=today, post_ids=[post_id]).get(post_id)
        if facts is None:
            LatestRisk.objects.filter(post_id=post_id).delete()
            return None
        method = as_scoring_method(current_method())
        result = scoring.score_post(facts, method, today=today)
        now = timezone.now()
        run, created = RecalculationRun.objects.get_or_create(
            kind=RunKind.CHANGES,
            for_date=today,
            defaults={"status": RunStatus.SUCCEEDED, "started_at": now},
        )
        previous = LatestRisk.objects.filter(post_id=post_id).values_list("band", flat=True).first()
        fields = {
            "score": result.score,
            "band": result.band,
            "factors": result.factors,
            "method_version": method.version,
            "assessed_at": now,
        }
        _assessment, new_today = RiskAssessment.objects.update_or_create(
            run=run, post_id=post_id, defaults=fields
        )
        latest, _ = LatestRisk.objects.update_or_create(
            post_id=post_id, defaults={"run": run, **fields, **scoring.situation(facts)}
        )
        run.finished_at = now
        run.method_version = method.version
        run.posts_scored += 1 if new_today else 0
        run.bands_changed += 1 if previous is not None and previous != result.band else 0
        run.save(update_fields=["finished_at", "method_version", "posts_scored", "bands_changed"])
        return latest
