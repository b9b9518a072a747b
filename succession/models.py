import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from talent.models import PostRole, Readiness


class Criticality(models.TextChoices):
    CRITICAL = "critical", "Critical"
    HIGH = "high", "High"
    STANDARD = "standard", "Standard"


class IncumbencyKind(models.TextChoices):
    SUBSTANTIVE = "substantive", "Substantive"
    INTERIM = "interim", "Interim"
    ACTING = "acting", "Acting"


class DepartureReason(models.TextChoices):
    RETIREMENT = "retirement", "Retirement"
    END_OF_FIXED_TERM = "end_of_fixed_term", "End of fixed term"
    RESIGNATION = "resignation", "Resignation"
    SECONDMENT = "secondment", "Secondment"
    APPOINTED_ELSEWHERE = "appointed_elsewhere", "Appointed to another post"
    OTHER = "other", "Other"


class PostQuerySet(models.QuerySet):
    def open(self):
        return self.filter(abolished_on__isnull=True)


class Post(models.Model):
    """A leadership position in an organisation. A post outlives its holders."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="posts"
    )
    role = models.CharField(max_length=40, choices=PostRole.choices)
    title = models.CharField(max_length=200)
    is_top_200 = models.BooleanField(
        "national top-200 post", default=False, help_text="One of the national top-200 posts."
    )
    criticality = models.CharField(
        max_length=20, choices=Criticality.choices, default=Criticality.HIGH
    )
    abolished_on = models.DateField(null=True, blank=True)
    # A shared (joint) post: one post held jointly with these organisations, shown on each of
    # their boards. `organisation` is the lead: it owns the plan (see docs/adr/0025).
    shared_with = models.ManyToManyField(
        "orgs.Organisation",
        blank=True,
        related_name="shared_posts",
        verbose_name="organisations sharing the post",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[shared_with])
    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role", "title"]
        indexes = [
            models.Index(fields=["organisation", "role"]),
            models.Index(fields=["is_top_200"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_executive(self) -> bool:
        return self.role in PostRole.executive_roles()

    @property
    def sharing_organisations(self) -> list:
        """The organisations the post is shared with, by name (prefetch `shared_with`)."""
        return sorted(self.shared_with.all(), key=lambda organisation: organisation.name)


class IncumbencyQuerySet(models.QuerySet):
    """A holder's time runs from `started_on` up to, not including, `ended_on`: on the day a new
    holder starts, they hold the post and the previous holder does not."""

    def current(self, *, on: dt.date | None = None):
        """Who holds a post on `on` (today): started by then and not yet left. An appointment that
        starts later is pending, not current."""
        on = on or timezone.localdate()
        return self.filter(started_on__lte=on).filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on)
        )

    def pending(self, *, on: dt.date | None = None):
        """Appointments that start after `on` (today): the post's next holder, on a known date."""
        return self.filter(started_on__gt=on or timezone.localdate())


class Incumbency(models.Model):
    """Who holds (or held) a post, from when to when, and on what footing."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="incumbencies")
    person = models.ForeignKey(
        "talent.Person", on_delete=models.PROTECT, related_name="incumbencies"
    )
    kind = models.CharField(
        max_length=20, choices=IncumbencyKind.choices, default=IncumbencyKind.SUBSTANTIVE
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    expected_departure_on = models.DateField(null=True, blank=True)
    departure_reason = models.CharField(max_length=30, choices=DepartureReason.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = IncumbencyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "incumbencies"
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_holder_per_post",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="incumbency_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(expected_departure_on__isnull=True)
                | models.Q(expected_departure_on__gte=models.F("started_on")),
                name="incumbency_expected_departure_after_start",
            ),
        ]
        indexes = [models.Index(fields=["post", "ended_on"]), models.Index(fields=["person"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.post}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.started_on <= today and (self.ended_on is None or self.ended_on > today)

    @property
    def is_pending(self) -> bool:
        return self.started_on > timezone.localdate()


class SuccessionPlan(models.Model):
    """The ranked slate of possible successors for one post."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="plan")
    last_reviewed_on = models.DateField(null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sign_off_requested_at = models.DateTimeField(null=True, blank=True)
    sign_off_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Succession plan for {self.post}"


class NominationStatus(models.TextChoices):
    ACTIVE = "active", "On the slate"
    REMOVED = "removed", "Removed"
    SUCCEEDED = "succeeded", "Appointed"


class ConsentMethod(models.TextChoices):
    """How a person said they agree to be nominated to another organisation's plan."""

    IN_WRITING = "in_writing", "In writing"
    BY_EMAIL = "by_email", "By email"
    IN_CONVERSATION = "in_conversation", "In conversation"


class NominationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=NominationStatus.ACTIVE)


class Nomination(models.Model):
    """One person on a post's succession slate."""

    plan = models.ForeignKey(SuccessionPlan, on_delete=models.CASCADE, related_name="nominations")
    person = models.ForeignKey(
        "talent.Person", on_delete=models.PROTECT, related_name="nominations"
    )
    readiness = models.CharField(max_length=20, choices=Readiness.choices)
    rank = models.PositiveIntegerField(default=1)
    is_emergency_cover = models.BooleanField("emergency cover", default=False)
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=NominationStatus.choices, default=NominationStatus.ACTIVE
    )
    removed_reason = models.TextField(blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    # For someone from another organisation who has not agreed to be visible to other
    # organisations: they agreed to this nomination, told the nominator when and how.
    consent_given_on = models.DateField(
        "date they agreed to this nomination", null=True, blank=True
    )
    consent_method = models.CharField(
        "how they agreed", max_length=20, choices=ConsentMethod.choices, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["rank", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "person"],
                condition=models.Q(status="active"),
                name="one_active_nomination_per_person_per_plan",
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(status="active", is_emergency_cover=True),
                name="one_emergency_cover_per_plan",
            ),
            models.CheckConstraint(
                condition=models.Q(readiness__in=Readiness.values), name="readiness_on_the_scale"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status"]),
            models.Index(fields=["plan", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.plan.post}"


class SignOff(models.Model):
    """A chair's sign-off: the slate at that moment, frozen. Never changed after it is made."""

    plan = models.ForeignKey(SuccessionPlan, on_delete=models.CASCADE, related_name="sign_offs")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(default=timezone.now)
    plan_version = models.PositiveIntegerField()
    slate = models.JSONField(
        help_text="The slate as signed: one entry per nomination, in rank order."
    )
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-signed_at"]
        get_latest_by = "signed_at"

    def __str__(self) -> str:
        return f"Signed off by {self.signed_by} on {self.signed_at:%d %B %Y}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A sign-off is a frozen record and cannot be changed.")
        super().save(*args, **kwargs)


class DepartureNotice(models.Model):
    """Told to a person's organisation when another organisation appoints them: they are
    expected to leave their post there on the day they start. Their HR director records when they
    actually leave (which resolves the notice); the appointing organisation changes nothing there."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="departure_notices"
    )
    incumbency = models.ForeignKey(
        Incumbency,
        on_delete=models.CASCADE,
        related_name="departure_notices",
        help_text="Their time in the post they are expected to leave.",
    )
    appointment = models.ForeignKey(
        Incumbency,
        on_delete=models.CASCADE,
        related_name="departure_notices_sent",
        help_text="The post they were appointed to.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.incumbency.person} appointed to {self.appointment.post}"


class EqualitySnapshot(models.Model):
    """The equality breakdowns as published: every figure already suppressed and rounded
    (talent.equality), so nothing exact is kept for display. Beat publishes one a night; a holder
    of the equality permission may publish one on demand. Pages and exports read only the
    latest, so an edit is never seen in them until the next one (ADR 0017)."""

    made_at = models.DateTimeField(default=timezone.now, db_index=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who published it on demand; empty for the nightly snapshot.",
    )
    nightly_on = models.DateField(
        null=True,
        blank=True,
        unique=True,
        help_text="The night this is the nightly snapshot of (one a night); empty on demand.",
    )
    figures = models.JSONField(
        help_text="Groups, breakdown kinds and each area's table, every figure as published."
    )

    class Meta:
        ordering = ["-made_at", "-pk"]
        get_latest_by = ["made_at", "pk"]

    def __str__(self) -> str:
        return f"Equality figures published {timezone.localtime(self.made_at):%Y-%m-%d %H:%M}"
