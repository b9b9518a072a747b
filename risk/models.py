"""Succession risk: the versions of the risk method, each recalculation, every post's score in
each run and the newest one. The tables keep the names they were created with in the succession
app (ADR 0009)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


class RiskMethod(models.Model):
    """One version of the risk method: the points of each factor and where the bands start.
    A change of points is a new version; old versions are kept, and each score names its own."""

    version = models.PositiveIntegerField(unique=True)
    points = models.JSONField(help_text="Factor key -> points, for every factor of the method.")
    high_from = models.PositiveSmallIntegerField(default=60)
    medium_from = models.PositiveSmallIntegerField(default=30)
    reason = models.TextField(blank=True, help_text="Why the points changed.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_current = models.BooleanField(default=False)

    class Meta:
        db_table = "succession_riskmethod"
        ordering = ["-version"]
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_risk_method",
            ),
            models.CheckConstraint(
                condition=models.Q(medium_from__lt=models.F("high_from")),
                name="risk_bands_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"Risk method version {self.version}"


def stale_after() -> dt.timedelta:
    """How long a queued or running run may go without a sign of life before it counts as
    stopped (RISK_RUN_STALE_SECONDS)."""
    return dt.timedelta(seconds=settings.RISK_RUN_STALE_SECONDS)


class RunKind(models.TextChoices):
    NIGHTLY = "nightly", "Nightly"
    MANUAL = "manual", "Recalculate now"
    CHANGES = "changes", "Changes during the day"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"
    INTERRUPTED = "interrupted", "Did not finish"


class RecalculationRun(models.Model):
    """One recalculation: the nightly run of a date (one per night, however often it is run), a
    "recalculate now", or the day's reassessments of single posts after changes.

    A run being worked on writes `heartbeat_at` every few seconds. A queued or running run with no
    sign of life for RISK_RUN_STALE_SECONDS was left by a worker that stopped: the watchdog marks
    it interrupted and queues it again (ADR 0015)."""

    kind = models.CharField(max_length=10, choices=RunKind.choices, default=RunKind.NIGHTLY)
    for_date = models.DateField(help_text="The day (Europe/London) the scores are for.")
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The last time the worker doing this run said it was alive.",
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    interrupted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The last time the watchdog found this run stopped.",
    )
    interruptions = models.PositiveSmallIntegerField(
        default=0, help_text="How many times the watchdog found this run stopped."
    )
    method_version = models.PositiveIntegerField(null=True, blank=True)
    posts_scored = models.PositiveIntegerField(default=0)
    bands_changed = models.PositiveIntegerField(
        default=0, help_text="Posts whose band differs from the previous nightly run."
    )
    high_risk_posts = models.PositiveIntegerField(default=0)
    medium_risk_posts = models.PositiveIntegerField(default=0)
    low_risk_posts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "succession_recalculationrun"
        ordering = ["-requested_at", "-pk"]
        get_latest_by = "requested_at"
        constraints = [
            models.UniqueConstraint(
                fields=["for_date"],
                condition=models.Q(kind="nightly"),
                name="one_nightly_risk_run_per_date",
            ),
            models.UniqueConstraint(
                fields=["for_date"],
                condition=models.Q(kind="changes"),
                name="one_changes_risk_run_per_date",
            ),
        ]
        indexes = [models.Index(fields=["kind", "for_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} risk recalculation for {self.for_date:%-d %B %Y}"

    @property
    def last_sign_of_life(self):
        """When the run last showed it was being worked on (or, if never, when it was asked for)."""
        return self.heartbeat_at or self.started_at or self.requested_at

    def is_stale(self, now=None) -> bool:
        """Queued or running, with no sign of life for RISK_RUN_STALE_SECONDS: its worker stopped
        (or none took it)."""
        if self.kind == RunKind.CHANGES or self.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
            return False
        now = now or timezone.now()
        return self.last_sign_of_life < now - stale_after()

    @property
    def is_queued_again(self) -> bool:
        """Interrupted by the watchdog and queued again, not yet started."""
        return (
            self.status == RunStatus.INTERRUPTED
            and self.interrupted_at is not None
            and self.interruptions <= settings.RISK_RUN_MAX_REDOS
        )

    @property
    def was_given_up(self) -> bool:
        """Stopped more than RISK_RUN_MAX_REDOS times: the watchdog no longer starts it again."""
        return (
            self.status == RunStatus.INTERRUPTED
            and self.interruptions > settings.RISK_RUN_MAX_REDOS
        )

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class RiskBand(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class RiskAssessment(models.Model):
    """A post's score in one run, with the factors that applied and their points: one per post per
    run, kept for trends."""

    # No index of their own: the unique (run, post) constraint serves lookups by run, and the
    # (post, assessed_at, …) index lookups by post. Millions of rows a year: every index kept up
    # is time in each night's insert.
    run = models.ForeignKey(
        RecalculationRun, on_delete=models.CASCADE, related_name="assessments", db_index=False
    )
    post = models.ForeignKey(
        "succession.Post", on_delete=models.CASCADE, related_name="risk_assessments", db_index=False
    )
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=6, choices=RiskBand.choices)
    factors = models.JSONField(default=dict, help_text="Factor key -> points, for those applied.")
    method_version = models.PositiveIntegerField()
    assessed_at = models.DateTimeField()

    class Meta:
        db_table = "succession_riskassessment"
        ordering = ["-assessed_at"]
        constraints = [
            models.UniqueConstraint(fields=["run", "post"], name="one_risk_assessment_per_run"),
        ]
        # A post's history, and an organisation's nightly high-risk counts read from the index
        # alone (band and run ride along), however many years of assessments there are.
        indexes = [models.Index(fields=["post", "assessed_at", "band", "run"])]

    def __str__(self) -> str:
        return f"{self.post}: {self.score} ({self.band})"


class LatestRisk(models.Model):
    """A copy of each open post's newest assessment, so that the dashboard reads one small table
    however many years of assessments are kept, with the facts its figures count (so they are
    one aggregate, not a subquery per post). Written only by the recalculation."""

    post = models.OneToOneField(
        "succession.Post", on_delete=models.CASCADE, primary_key=True, related_name="latest_risk"
    )
    run = models.ForeignKey(
        RecalculationRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=6, choices=RiskBand.choices)
    factors = models.JSONField(default=dict)
    method_version = models.PositiveIntegerField()
    assessed_at = models.DateTimeField()
    is_vacant = models.BooleanField(default=False)
    is_interim_or_acting = models.BooleanField(default=False)
    has_ready_now_successor = models.BooleanField(default=False)
    has_emergency_cover = models.BooleanField(default=False)

    class Meta:
        db_table = "succession_latestrisk"
        verbose_name = "latest risk assessment"
        indexes = [
            models.Index(fields=["band", "score"]),
            models.Index(fields=["score"]),
        ]

    def __str__(self) -> str:
        return f"{self.post}: {self.score} ({self.band})"


class RiskLock(models.Model):
    """A row the recalculation locks (SELECT ... FOR UPDATE NOWAIT) for the length of its
    transaction, so two recalculations never run at once. The lock dies with its transaction, so
    a killed worker cannot leave it held. SQLite has no row locks: there, the run's write
    transaction (BEGIN IMMEDIATE) excludes any other writer for the same time."""

    name = models.CharField(max_length=40, primary_key=True)

    class Meta:
        db_table = "succession_risklock"

    def __str__(self) -> str:
        return self.name
