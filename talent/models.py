from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from simple_history.models import HistoricalRecords


class PostRole(models.TextChoices):
    CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
    FINANCE_DIRECTOR = "finance_director", "Finance director"
    CHAIR = "chair", "Chair"
    MEDICAL_DIRECTOR = "medical_director", "Medical director"
    CHIEF_NURSE = "chief_nurse", "Chief nurse"
    CHIEF_OPERATING_OFFICER = "chief_operating_officer", "Chief operating officer"
    DIRECTOR_OF_WORKFORCE = "director_of_workforce", "Director of workforce"
    NON_EXECUTIVE_DIRECTOR = "non_executive_director", "Non-executive director"
    ACCOUNTABLE_OFFICER = "accountable_officer", "Accountable officer"
    OTHER_EXECUTIVE_DIRECTOR = "other_executive_director", "Other executive director"

    @classmethod
    def executive_roles(cls) -> list[str]:
        """Executive director posts: the ones the 8% national vacancy benchmark counts."""
        return [
            cls.CHIEF_EXECUTIVE,
            cls.FINANCE_DIRECTOR,
            cls.MEDICAL_DIRECTOR,
            cls.CHIEF_NURSE,
            cls.CHIEF_OPERATING_OFFICER,
            cls.DIRECTOR_OF_WORKFORCE,
            cls.ACCOUNTABLE_OFFICER,
            cls.OTHER_EXECUTIVE_DIRECTOR,
        ]


class Readiness(models.TextChoices):
    """The one readiness scale, used everywhere."""

    READY_NOW = "ready_now", "Ready now"
    ONE_TO_TWO_YEARS = "1_2_years", "Ready in 1–2 years"
    THREE_TO_FIVE_YEARS = "3_5_years", "Ready in 3–5 years"


class ProfessionalBackground(models.TextChoices):
    CLINICAL = "clinical", "Clinical"
    FINANCE = "finance", "Finance"
    OPERATIONS = "operations", "Operations"
    WORKFORCE = "workforce", "Workforce"
    OTHER = "other", "Other"


class Person(models.Model):
    """A leader or potential leader. Their employer is the organisation whose people they are."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    work_email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="The organisation that employs them now.",
    )
    professional_background = models.CharField(
        max_length=20, choices=ProfessionalBackground.choices, default=ProfessionalBackground.OTHER
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["organisation", "last_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class CareerHistoryEntry(models.Model):
    """An earlier post, in an organisation this service knows or one it does not."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="career_history")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation_name = models.CharField(
        max_length=255, blank=True, help_text="For organisations outside this service's data."
    )
    title = models.CharField(max_length=200)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "career history entries"
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="career_entry_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.where}"

    @property
    def where(self) -> str:
        return self.organisation.display_name if self.organisation else self.organisation_name

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end date must be on or after the start date."})
        if not self.organisation and not self.organisation_name:
            raise ValidationError({"organisation_name": "Enter the organisation."})


# --- The national talent pool ----------------------------------------------------------------
#
# A pool member's readiness for target roles, nine-box placement, programmes, development and
# mobility live below; their equality monitoring data lives apart (EqualityRecord), read only by
# holders of an explicit permission and counted in breakdowns that suppress small numbers.

# Accountable officers lead CCGs as chief executives lead trusts: one target role for both.
ROLE_FAMILY = {PostRole.ACCOUNTABLE_OFFICER: PostRole.CHIEF_EXECUTIVE}
TARGET_ROLE_CHOICES = [
    (value, label) for value, label in PostRole.choices if value not in ROLE_FAMILY
]


def target_role_of(post_role: str) -> str:
    """The target role a post of this role is filled from (accountable officer: chief executive)."""
    return ROLE_FAMILY.get(post_role, post_role)


def post_roles_for(target_role: str) -> list[str]:
    """The post roles a target role covers."""
    return [target_role, *(role for role, family in ROLE_FAMILY.items() if family == target_role)]


class NineBoxLevel(models.IntegerChoices):
    LOW = 1, "Low"
    MODERATE = 2, "Moderate"
    HIGH = 3, "High"


def nine_box_label(performance: int | None, potential: int | None) -> str:
    if not performance or not potential:
        return "Not placed"
    return (
        f"{NineBoxLevel(performance).label} performance, "
        f"{NineBoxLevel(potential).label.lower()} potential"
    )


def _level_field(verbose_name: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, choices=NineBoxLevel.choices, null=True, blank=True
    )


def _on_the_grid(*fields: str) -> models.Q:
    condition = models.Q()
    for field in fields:
        condition &= models.Q(**{f"{field}__isnull": True}) | models.Q(
            **{f"{field}__gte": 1, f"{field}__lte": 3}
        )
    return condition


def _both_or_neither(first: str, second: str) -> models.Q:
    return models.Q(**{f"{first}__isnull": True, f"{second}__isnull": True}) | models.Q(
        **{f"{first}__isnull": False, f"{second}__isnull": False}
    )


class TalentProfile(models.Model):
    """A person's place in the national talent pool and their consent to be seen as a successor."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="talent_profile")
    in_national_pool = models.BooleanField(default=False)
    joined_pool_on = models.DateField(null=True, blank=True)
    left_pool_on = models.DateField(null=True, blank=True)
    visible_to_other_organisations = models.BooleanField(
        default=False,
        help_text="The person agreed to be visible to other organisations as a possible successor.",
    )
    consent_recorded_on = models.DateField(null=True, blank=True)
    aspirations = models.TextField(blank=True)
    mobility_regions = models.ManyToManyField(
        "orgs.Region", blank=True, related_name="+", verbose_name="regions they would work in"
    )
    # The nine-box placement: as first placed (original) and as a calibration session published
    # it (calibrated). Every placement is also kept in NineBoxPlacement, the history.
    performance = _level_field("performance (original)")
    potential = _level_field("potential (original)")
    placed_on = models.DateField("placed on", null=True, blank=True)
    calibrated_performance = _level_field("performance (calibrated)")
    calibrated_potential = _level_field("potential (calibrated)")
    calibrated_on = models.DateField("calibrated on", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=_on_the_grid(
                    "performance", "potential", "calibrated_performance", "calibrated_potential"
                ),
                name="talent_profile_nine_box_on_the_grid",
            ),
            models.CheckConstraint(
                condition=_both_or_neither("performance", "potential")
                & _both_or_neither("calibrated_performance", "calibrated_potential"),
                name="talent_profile_nine_box_complete",
            ),
        ]
        indexes = [models.Index(fields=["in_national_pool", "visible_to_other_organisations"])]

    def __str__(self) -> str:
        return f"Talent profile of {self.person}"

    @property
    def original_label(self) -> str:
        return nine_box_label(self.performance, self.potential)

    @property
    def calibrated_label(self) -> str:
        return nine_box_label(self.calibrated_performance, self.calibrated_potential)

    @property
    def nine_box(self) -> tuple[int | None, int | None]:
        """The placement that counts now: the calibrated one once published, else the original."""
        if self.calibrated_performance:
            return self.calibrated_performance, self.calibrated_potential
        return self.performance, self.potential

    @property
    def nine_box_label(self) -> str:
        return nine_box_label(*self.nine_box)


class Programme(models.Model):
    """A national development programme, such as Aspiring Chief Executive or NExT Director."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    target_role = models.CharField(
        max_length=40,
        choices=TARGET_ROLE_CHOICES,
        blank=True,
        help_text="The role the programme prepares people for, if there is one.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    """One intake of a programme. The national team calibrates a cohort together."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=200, help_text="For example, 2024 cohort")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["programme__name", "-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_cohort_name"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=F("starts_on")),
                name="cohort_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.name}, {self.name}"


class CohortMembership(models.Model):
    """A person in a programme cohort, from when to when."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cohort_memberships")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person"], name="one_membership_per_cohort"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=F("joined_on")),
                name="cohort_membership_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.cohort}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class TargetRoleReadiness(models.Model):
    """How ready a pool member is for a target role, on the one readiness scale."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="target_readiness")
    role = models.CharField(max_length=40, choices=TARGET_ROLE_CHOICES)
    readiness = models.CharField(max_length=20, choices=Readiness.choices)
    assessed_on = models.DateField(default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "readiness for a target role"
        verbose_name_plural = "readiness for target roles"
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"], name="one_readiness_per_target_role"
            ),
            models.CheckConstraint(
                condition=models.Q(readiness__in=Readiness.values),
                name="target_readiness_on_the_scale",
            ),
        ]
        indexes = [models.Index(fields=["role", "readiness"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.get_readiness_display().lower()}"


class DevelopmentKind(models.TextChoices):
    PROGRAMME_PLACE = "programme_place", "Programme place"
    COACHING = "coaching", "Coaching"
    MENTORING = "mentoring", "Mentoring"
    STRETCH_ASSIGNMENT = "stretch_assignment", "Stretch assignment"


class DevelopmentStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class DevelopmentActivity(models.Model):
    """A programme place, coaching, mentoring with a named mentor, or a stretch assignment."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="development")
    kind = models.CharField(max_length=30, choices=DevelopmentKind.choices)
    title = models.CharField(
        max_length=200, help_text="For example, Executive coaching or Interim COO secondment"
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mentor = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="mentoring"
    )
    mentor_name = models.CharField(
        max_length=200, blank=True, help_text="A mentor who is not in this service."
    )
    status = models.CharField(
        max_length=20, choices=DevelopmentStatus.choices, default=DevelopmentStatus.PLANNED
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "development activities"
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=F("starts_on")),
                name="development_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def mentor_display(self) -> str:
        return self.mentor.full_name if self.mentor else self.mentor_name


class PlacementKind(models.TextChoices):
    ORIGINAL = "original", "Placed"
    MOVE = "move", "Moved in calibration"
    CALIBRATED = "calibrated", "Calibrated value published"


class CalibrationStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CalibrationSession(models.Model):
    """The national team calibrating one cohort's nine-box placements. Closing it publishes the
    calibrated values; a closed session is never changed."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="calibration_sessions"
    )
    held_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=CalibrationStatus.choices, default=CalibrationStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort"],
                condition=models.Q(status="open"),
                name="one_open_calibration_per_cohort",
            )
        ]

    def __str__(self) -> str:
        return f"Calibration of {self.cohort}, {self.held_on:%-d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.status == CalibrationStatus.OPEN


class CalibrationPlacement(models.Model):
    """Where a cohort member sits on a session's grid: where they started and where the session
    has moved them to. Published to their profile when the session closes."""

    session = models.ForeignKey(
        CalibrationSession, on_delete=models.CASCADE, related_name="placements"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    starting_performance = _level_field("performance when the session opened")
    starting_potential = _level_field("potential when the session opened")
    performance = _level_field("performance")
    potential = _level_field("potential")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_placement_per_session"),
            models.CheckConstraint(
                condition=_on_the_grid(
                    "performance", "potential", "starting_performance", "starting_potential"
                ),
                name="calibration_placement_on_the_grid",
            ),
            models.CheckConstraint(
                condition=_both_or_neither("performance", "potential"),
                name="calibration_placement_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.session}"

    @property
    def label(self) -> str:
        return nine_box_label(self.performance, self.potential)

    @property
    def starting_label(self) -> str:
        return nine_box_label(self.starting_performance, self.starting_potential)

    @property
    def has_moved(self) -> bool:
        return (self.performance, self.potential) != (
            self.starting_performance,
            self.starting_potential,
        )


class NineBoxPlacement(models.Model):
    """One entry in the history of a person's nine-box placement: a placement, a move in a
    calibration session, or a calibrated value published when a session closed. Never changed
    after it is written."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="nine_box_placements")
    kind = models.CharField(max_length=20, choices=PlacementKind.choices)
    performance = models.PositiveSmallIntegerField(choices=NineBoxLevel.choices)
    potential = models.PositiveSmallIntegerField(choices=NineBoxLevel.choices)
    previous_performance = _level_field("performance before")
    previous_potential = _level_field("potential before")
    session = models.ForeignKey(
        CalibrationSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement_history",
    )
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(performance__gte=1, performance__lte=3)
                & models.Q(potential__gte=1, potential__lte=3),
                name="nine_box_placement_on_the_grid",
            )
        ]
        indexes = [models.Index(fields=["person", "placed_at"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A nine-box placement is a historical record and cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return nine_box_label(self.performance, self.potential)

    @property
    def previous_label(self) -> str:
        return nine_box_label(self.previous_performance, self.previous_potential)


# --- Equality monitoring -----------------------------------------------------------------------
# Special-category data: its own table, no change history (fewer copies), never in the API, never
# shown per person except to a holder of the explicit permission "talent.view_equality_data".

PREFER_NOT_TO_SAY = "prefer_not_to_say"


class Ethnicity(models.TextChoices):
    """The ONS 2021 Census ethnic group categories for England and Wales (19, in 5 groups)."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", "Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Chinese"
    ASIAN_INDIAN = "asian_indian", "Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Pakistani"
    ASIAN_OTHER = "asian_other", "Any other Asian background"
    BLACK_AFRICAN = "black_african", "African"
    BLACK_CARIBBEAN = "black_caribbean", "Caribbean"
    BLACK_OTHER = "black_other", "Any other Black, Black British, or Caribbean background"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "White and Black African"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "White and Black Caribbean"
    MIXED_OTHER = "mixed_other", "Any other Mixed or Multiple ethnic background"
    WHITE_BRITISH = (
        "white_british",
        "English, Welsh, Scottish, Northern Irish or British",
    )
    WHITE_IRISH = "white_irish", "Irish"
    WHITE_GYPSY_OR_IRISH_TRAVELLER = "white_gypsy_traveller", "Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "Roma"
    WHITE_OTHER = "white_other", "Any other White background"
    OTHER_ARAB = "other_arab", "Arab"
    OTHER_ANY = "other_any", "Any other ethnic group"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY, "Prefer not to say"


class EthnicGroup(models.TextChoices):
    ASIAN = "asian", "Asian, Asian British or Asian Welsh"
    BLACK = "black", "Black, Black British, Black Welsh, Caribbean or African"
    MIXED = "mixed", "Mixed or Multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY, "Prefer not to say"


def ethnic_group_of(ethnicity: str) -> str:
    """The ONS high-level group of a detailed category ('asian_indian' -> 'asian')."""
    if ethnicity == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY
    return ethnicity.split("_", 1)[0]


ETHNIC_GROUPS = {
    group: [value for value in Ethnicity.values if ethnic_group_of(value) == group]
    for group in EthnicGroup.values
}


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY, "Prefer not to say"


class Disability(models.TextChoices):
    YES = "yes", "Yes, disabled"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY, "Prefer not to say"


class EqualityRecord(models.Model):
    """A person's equality monitoring answers, kept apart from their profile."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="equality_record")
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices)
    sex = models.CharField(max_length=20, choices=Sex.choices)
    disability = models.CharField(max_length=20, choices=Disability.choices)
    recorded_on = models.DateField(default=timezone.localdate)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        default_permissions = ()
        permissions = [
            (
                "view_equality_data",
                "Can see individual people's equality monitoring data (never implied by a role)",
            )
        ]

    def __str__(self) -> str:
        # Never the answers: this text can end up in logs and admin messages.
        return f"Equality monitoring record {self.pk}"

    @property
    def ethnic_group(self) -> str:
        return ethnic_group_of(self.ethnicity)


class EqualityAuditEntry(models.Model):
    """Who looked at or exported equality data, what and when. Holds no equality values."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        EXPORTED = "exported", "Exported"
        VIEWED_PERSON = "viewed_person", "Viewed a person's record"
        CHANGED_PERSON = "changed_person", "Changed a person's record"
        PUBLISHED = "published", "Published new figures"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(max_length=150, help_text="Kept if the user is deleted.")
    action = models.CharField(max_length=20, choices=Action.choices)
    page = models.CharField(max_length=200)
    filters = models.JSONField(default=dict, blank=True)
    # A plain number, not a foreign key: the log outlives the people in it.
    person_id = models.PositiveIntegerField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "equality data audit entry"
        verbose_name_plural = "equality data audit log"
        default_permissions = ("view",)
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.username} {self.get_action_display().lower()} {self.page}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("An audit entry cannot be changed.")
        super().save(*args, **kwargs)
