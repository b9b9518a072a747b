"""The national bodies' pledges under *Developing People – Improving Care*: what each body
committed to, its progress updates, and reports that its actions seemed inconsistent with it.

Progress updates and responses to reports are records of what was said at the time: once saved
they never change (a correction is a new update). Pledges and milestones change, with history."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class FrameworkCondition(models.Model):
    """One of the five conditions for leadership and improvement (reference data)."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=40,
        blank=True,
        help_text="A few words for table headings, e.g. “Aligned regulation”",
    )

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PledgeStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ACHIEVED = "achieved", "Achieved"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Rag(models.TextChoices):
    """Red, amber, green: how the body judges its progress in the period."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Pledge(models.Model):
    """A national body's commitment under one framework condition."""

    body = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="pledges",
        limit_choices_to={"kind": "national_body"},
        verbose_name="national body",
    )
    condition = models.ForeignKey(
        FrameworkCondition,
        on_delete=models.PROTECT,
        related_name="pledges",
        verbose_name="framework condition",
    )
    title = models.CharField(max_length=200)
    commitment = models.TextField(help_text="The commitment in the body's own words.")
    accountable_owner = models.CharField(max_length=200)
    start_on = models.DateField("start date")
    target_on = models.DateField("target date")
    success_measure = models.TextField("how success will be measured")
    status = models.CharField(
        max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.ACTIVE
    )
    withdrawn_reason = models.TextField("reason for withdrawing", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["body__name", "condition__number", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_on__gte=models.F("start_on")),
                name="pledge_target_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="withdrawn") | ~models.Q(withdrawn_reason=""),
                name="withdrawn_pledge_has_a_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PledgeStatus.values), name="pledge_status_known"
            ),
        ]
        indexes = [
            models.Index(fields=["body", "condition"]),
            models.Index(fields=["status", "target_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_status(self) -> str:
        """The status as readers see it: an active pledge whose start date is still ahead has
        not started."""
        if self.status == PledgeStatus.ACTIVE and self.start_on > timezone.localdate():
            return "not_started"
        return self.status


class Milestone(models.Model):
    """A step towards a pledge, with its own date."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField("due date")
    achieved_on = models.DateField("date achieved", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past_due(self) -> bool:
        return self.achieved_on is None and self.due_on < timezone.localdate()


class FrozenQuerySet(models.QuerySet):
    """Bulk changes would get round the records' refusal to change, so there are none."""

    def update(self, **kwargs):
        raise ValueError(f"{self.model._meta.verbose_name_plural} cannot be changed.")

    def delete(self):
        raise ValueError(f"{self.model._meta.verbose_name_plural} cannot be deleted.")


class FrozenRecord(models.Model):
    """A record of what someone said at a moment: saved once, never changed or deleted."""

    objects = FrozenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(f"A {self._meta.verbose_name} cannot be changed once it is submitted.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"A {self._meta.verbose_name} cannot be deleted.")


class ProgressUpdate(FrozenRecord):
    """A body's report of progress on a pledge over a period. A correction is a new update that
    names the one it corrects."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="updates")
    period_start = models.DateField("start of the period")
    period_end = models.DateField("end of the period")
    rag = models.CharField("RAG status", max_length=10, choices=Rag.choices)
    narrative = models.TextField()
    evidence_links = models.JSONField(
        default=list, blank=True, help_text="Addresses of the evidence, one per entry."
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="The earlier update this one corrects.",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "progress update"
        ordering = ["-period_end", "-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="update_period_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=models.Q(rag__in=Rag.values), name="update_rag_known"),
        ]
        indexes = [models.Index(fields=["pledge", "period_end", "submitted_at"])]

    def __str__(self) -> str:
        return f"Update on {self.pledge} for {self.period_start} to {self.period_end}"


class ReportStatus(models.TextChoices):
    """Where a report of inconsistency stands: the kind of the body's latest response."""

    AWAITING_RESPONSE = "awaiting_response", "Awaiting a response"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    EXPLAINED = "explained", "Explained"
    ACTION_TAKEN = "action_taken", "Action taken"

    @classmethod
    def open_values(cls) -> list[str]:
        """A report stays open until the body has explained itself or acted."""
        return [cls.AWAITING_RESPONSE, cls.ACKNOWLEDGED]


class ResponseKind(models.TextChoices):
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    EXPLAINED = "explained", "Explained"
    ACTION_TAKEN = "action_taken", "Action taken"


class InconsistencyReport(models.Model):
    """Someone in a trust or CCG saw a body act against its pledge. Who reported it is for the
    national talent team's eyes only: selectors and serializers never show it to anyone else."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="reports")
    what_happened = models.TextField()
    happened_on = models.DateField("when it happened")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reporter_organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The trust or CCG the reporter acted for; empty for the national talent team.",
    )
    reported_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.AWAITING_RESPONSE
    )

    class Meta:
        verbose_name = "report of inconsistency"
        verbose_name_plural = "reports of inconsistency"
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["pledge", "status"])]

    def __str__(self) -> str:
        return f"Report on {self.pledge} about {self.happened_on}"

    @property
    def is_open(self) -> bool:
        return self.status in ReportStatus.open_values()


class ReportResponse(FrozenRecord):
    """The body's answer to a report. Answers are added, never changed."""

    report = models.ForeignKey(
        InconsistencyReport, on_delete=models.PROTECT, related_name="responses"
    )
    kind = models.CharField(max_length=20, choices=ResponseKind.choices)
    text = models.TextField()
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "response to a report"
        verbose_name_plural = "responses to reports"
        ordering = ["responded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.report}"
