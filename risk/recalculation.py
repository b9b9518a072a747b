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
- **A heartbeat others can see.** A run claims its row (queued -> running) and beats as it works.
  The beats during the run's transaction go through a connection of their own on PostgreSQL, as
  a beat inside the transaction would be invisible until it commits. On SQLite no other
  connection can write while the run holds the write lock, so there the held lock is the sign of
  life: the watchdog takes the same lock before it judges any run (ADR 0015).
- **Heals itself.** The watchdog (`stopped_runs_requeue`) marks a queued or running run with no
  sign of life for RISK_RUN_STALE_SECONDS interrupted and queues the same run again; the same row
  is redone, so a night never gets a second set of assessments.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable

from django.conf import settings
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.db.models import F, Q
from django.db.models.functions import Coalesce
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
    stale_after,
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
# Posts scored between two looks at the heartbeat.
HEARTBEAT_CHUNK = 500


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
    Refused while another is queued or running and alive; one with no sign of life for
    RISK_RUN_STALE_SECONDS does not block (the watchdog redoes it)."""
    pending = (
        _alive(RecalculationRun.objects.filter(kind=RunKind.MANUAL), timezone.now())
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


def _last_sign_of_life():
    return Coalesce("heartbeat_at", "started_at", "requested_at")


def _stale(runs, now: dt.datetime):
    """The whole runs among `runs` that are queued or running with no sign of life for
    RISK_RUN_STALE_SECONDS (RecalculationRun.is_stale, in SQL)."""
    return (
        runs.exclude(kind=RunKind.CHANGES)
        .filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
        .alias(last_sign_of_life=_last_sign_of_life())
        .filter(last_sign_of_life__lt=now - stale_after())
    )


def _alive(runs, now: dt.datetime):
    """The runs among `runs` that are queued or running and have shown a sign of life lately."""
    return (
        runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
        .alias(last_sign_of_life=_last_sign_of_life())
        .filter(last_sign_of_life__gte=now - stale_after())
    )


def _claim(run: RecalculationRun, *, rerun_finished: bool) -> bool:
    """Mark the run running, with a first heartbeat, if it is still waiting to be done: queued,
    failed (a retry), queued again by the watchdog, or running with no sign of life. A run being
    worked on by a live worker, finished, or given up by the watchdog is left alone: a message
    delivered twice does the work once. Compare-and-swap: of two workers, one wins."""
    now = timezone.now()
    waiting = Q(status__in=[RunStatus.QUEUED, RunStatus.FAILED]) | Q(
        status=RunStatus.INTERRUPTED, interruptions__lte=settings.RISK_RUN_MAX_REDOS
    )
    if rerun_finished:  # a nightly run asked for again replaces its assessments
        waiting |= Q(status__in=[RunStatus.SUCCEEDED, RunStatus.INTERRUPTED])
    stale_running = Q(pk__in=_stale(RecalculationRun.objects.filter(pk=run.pk), now).values("pk"))
    with transaction.atomic():
        claimed = (
            RecalculationRun.objects.filter(pk=run.pk)
            .filter(waiting | stale_running)
            .update(
                status=RunStatus.RUNNING,
                started_at=now,
                heartbeat_at=now,
                finished_at=None,
                error="",
            )
        )
    run.refresh_from_db()
    return bool(claimed)


class Heartbeat:
    """Writes a run's heartbeat_at where other connections can see it, at most every
    RISK_RUN_HEARTBEAT_SECONDS however often it is called (see the module doc)."""

    def __init__(self, run_id: int):
        self.run_id = run_id
        self._last = time.monotonic()  # the claim wrote the first beat
        self._side = None

    def __call__(self) -> None:
        if time.monotonic() - self._last < settings.RISK_RUN_HEARTBEAT_SECONDS:
            return
        self._last = time.monotonic()
        try:
            self._write(timezone.now())
        except DatabaseError:  # a missed beat must not fail the run
            logger.warning("Could not write the heartbeat of risk run %s", self.run_id)

    def _write(self, now: dt.datetime) -> None:
        if not connection.in_atomic_block:
            RecalculationRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(
                heartbeat_at=now
            )
        elif connection.vendor == "postgresql":
            if self._side is None:
                self._side = connections.create_connection(DEFAULT_DB_ALIAS)
                with self._side.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '2s'")
            table = connection.ops.quote_name(RecalculationRun._meta.db_table)
            with self._side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET heartbeat_at = %s WHERE id = %s AND status = %s",  # noqa: S608
                    [now, self.run_id, RunStatus.RUNNING],
                )
        # SQLite, in the run's transaction: nobody else can write; the held lock says it lives.

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None


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
    if not _claim(run, rerun_finished=run_id is None and run.kind == RunKind.NIGHTLY):
        logger.info("Risk recalculation run %s is %s: nothing to do", run.pk, run.status)
        return run
    heartbeat = Heartbeat(run.pk)
    try:
        with transaction.atomic():
            _take_lock()
            _score_everything(run, heartbeat)
    except BaseException as error:
        _mark_failed(run.pk, error)
        raise
    finally:
        heartbeat.close()
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


def _score_everything(run: RecalculationRun, heartbeat: Heartbeat) -> None:
    method_row = current_method()
    method = as_scoring_method(method_row)
    facts = load_post_facts(today=run.for_date)
    heartbeat()
    baseline = baseline_bands(run)
    assessed_at = timezone.now()

    rows = []
    flags = []
    bands = {scoring.HIGH: 0, scoring.MEDIUM: 0, scoring.LOW: 0}
    changed = 0
    for number, (post_id, post_facts) in enumerate(facts.items(), start=1):
        if number % HEARTBEAT_CHUNK == 0:
            heartbeat()
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

    heartbeat()
    RiskAssessment.objects.filter(run=run).delete()
    delay = _test_delay()
    half = len(rows) // 2
    bulk_insert(RiskAssessment, ASSESSMENT_FIELDS, rows[:half])
    heartbeat()
    if delay:
        logger.info(
            "Risk recalculation run %s: pausing %.0f s half-way (tests only)", run.pk, delay
        )
        _pause(delay, heartbeat)
    bulk_insert(RiskAssessment, ASSESSMENT_FIELDS, rows[half:])
    heartbeat()

    # The latest-risk copy is rewritten whole: posts abolished since the last run drop out.
    LatestRisk.objects.all().delete()
    bulk_insert(
        LatestRisk,
        (*ASSESSMENT_FIELDS, *SITUATION_FIELDS),
        [row + flag for row, flag in zip(rows, flags, strict=True)],
    )

    # Runs left "running" by a killed worker cannot be running now: we hold the lock. One whose
    # worker is alive (its heartbeat fresh) is between its claim and the lock: it runs next.
    _stale(
        RecalculationRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=run.started_at),
        timezone.now(),
    ).exclude(pk=run.pk).update(
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


def _pause(seconds: float, heartbeat: Heartbeat) -> None:
    """The tests' pause half-way (see _test_delay), beating as a slow run would."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, 0.5))
        heartbeat()


# --- The watchdog ------------------------------------------------------------------------------


def stopped_runs_requeue(*, send: Callable[[RecalculationRun], object]) -> list[RecalculationRun]:
    """Find the whole runs whose worker stopped (queued or running, no sign of life for
    RISK_RUN_STALE_SECONDS), mark them interrupted saying why, and `send` each to be done again:
    the same run, so the redo replaces whatever it had written. One stopped more than
    RISK_RUN_MAX_REDOS times stays interrupted. Returns the runs sent.

    Safe to run twice or at once: it holds the recalculation lock while it looks (a live run holds
    it too, so a live run is never judged), and each run changes only if it is still as it was
    found. Each run is sent before the marking commits: a marking never commits without its
    message, and a message whose marking rolled back finds the run stale and takes it anyway."""
    now = timezone.now()
    sent = []
    try:
        with transaction.atomic():
            _take_lock()
            for run in _stale(RecalculationRun.objects.all(), now).order_by("requested_at"):
                redo = run.interruptions < settings.RISK_RUN_MAX_REDOS
                reason = _interruption_reason(run, redo)
                changed = _stale(
                    RecalculationRun.objects.filter(pk=run.pk, status=run.status), now
                ).update(
                    status=RunStatus.INTERRUPTED,
                    interrupted_at=now,
                    interruptions=F("interruptions") + 1,
                    error=reason,
                )
                if changed:
                    logger.warning("Risk recalculation run %s stopped: %s", run.pk, reason)
                if changed and redo:
                    send(run)
                    sent.append(run)
    except OperationalError:  # the lock is held: a recalculation is at work, or a watchdog is
        logger.info("The risk watchdog found the recalculation lock held; it looks again later")
        return []
    return sent


def _interruption_reason(run: RecalculationRun, redo: bool) -> str:
    minutes = settings.RISK_RUN_STALE_SECONDS // 60 or 1
    if run.status == RunStatus.QUEUED:
        what = f"No worker started it within {minutes} minute{'s' if minutes != 1 else ''}"
    else:
        what = (
            "The worker stopped before the run finished (no heartbeat since "
            f"{timezone.localtime(run.last_sign_of_life):%H:%M:%S})"
        )
    if redo:
        return f"{what}; it was queued again."
    return f"{what}, {run.interruptions + 1} times; it is not started again."


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
