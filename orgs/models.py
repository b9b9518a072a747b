from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Region(models.Model):
    """An NHS England region (an ODS "national grouping" such as Y56 London)."""

    code = models.CharField("ODS code", max_length=8, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=100)
    is_current = models.BooleanField(
        default=True, help_text="False for the regions replaced in 2018–19 (Y54, Y55, Y57)."
    )
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


class OrganisationKind(models.TextChoices):
    ACUTE_TRUST = "acute_trust", "Acute trust"
    MENTAL_HEALTH_TRUST = "mental_health_trust", "Mental health trust"
    COMMUNITY_TRUST = "community_trust", "Community trust"
    AMBULANCE_TRUST = "ambulance_trust", "Ambulance trust"
    OTHER_TRUST = "other_trust", "Other trust"
    CCG = "ccg", "Clinical commissioning group"
    ICB = "icb", "Integrated care board"
    NATIONAL_BODY = "national_body", "National body"

    @classmethod
    def trust_kinds(cls) -> list[str]:
        return [
            cls.ACUTE_TRUST,
            cls.MENTAL_HEALTH_TRUST,
            cls.COMMUNITY_TRUST,
            cls.AMBULANCE_TRUST,
            cls.OTHER_TRUST,
        ]


class OrganisationQuerySet(models.QuerySet):
    def open_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(models.Q(closed_on__isnull=True) | models.Q(closed_on__gt=day))

    def trusts(self):
        return self.filter(kind__in=OrganisationKind.trust_kinds())

    def national_bodies(self):
        return self.filter(kind=OrganisationKind.NATIONAL_BODY)


class Organisation(models.Model):
    """A trust, CCG, ICB or national body, identified by its real ODS code."""

    ods_code = models.CharField("ODS code", max_length=10, unique=True)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    is_foundation_trust = models.BooleanField("foundation trust", default=False)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    higher_health_geography = models.CharField(
        max_length=10,
        blank=True,
        help_text="ODS column 4: the NHS England local office, later the STP/ICB.",
    )
    postcode = models.CharField(max_length=10, blank=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    source = models.CharField(
        max_length=100, blank=True, help_text="The file this organisation was last imported from."
    )
    icb = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="icb_members",
        limit_choices_to={"kind": "icb"},
        verbose_name="integrated care board",
        help_text="The ICB a trust belongs to (ODS column 4, when it is a known ICB's code).",
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text="What a closed organisation became (a CCG's ICB, an abolished body's successor).",
    )

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "region"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """ODS names are in capitals; show them as people write them."""
        return title_case_nhs(self.name)

    @property
    def is_open(self) -> bool:
        return self.closed_on is None or self.closed_on > timezone.localdate()

    @property
    def is_trust(self) -> bool:
        return self.kind in OrganisationKind.trust_kinds()

    @property
    def unknown_icb_code(self) -> str:
        """The ICB code an open trust carries that no ICB on record has (the 2026 ODS file uses
        new five-character codes for merged ICBs): shown as "ICB not yet known (code)"."""
        if self.icb_id or not self.is_trust or not self.is_open:
            return ""
        return self.higher_health_geography


_KEEP_UPPER = {"NHS", "CCG", "ICB", "UK", "HIV", "II", "III", "GP"}
_KEEP_LOWER = {"and", "of", "the", "for", "in", "on", "at", "upon"}


def title_case_nhs(name: str) -> str:
    """'GUY'S AND ST THOMAS' NHS FOUNDATION TRUST' -> "Guy's and St Thomas' NHS Foundation Trust"."""
    words = []
    for index, word in enumerate(name.split()):
        bare = word.strip("(),").upper()
        if bare in _KEEP_UPPER:
            words.append(word.upper())
        elif index and word.lower() in _KEEP_LOWER:
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.lower().split("-")))
    return " ".join(words)


class OversightFramework(models.TextChoices):
    """The national oversight framework a segment belongs to, and so which segment is lowest."""

    SOF_2019 = "sof_2019", "NHS Oversight Framework 2019 (segments 1–4)"
    NOF_2025 = "nof_2025", "NHS Oversight Framework 2025/26 (segments 1–5)"

    @classmethod
    def lowest_segment(cls, framework: str) -> int:
        return 5 if framework == cls.NOF_2025 else 4


class OversightSegment(models.Model):
    """The organisation's current segment in NHS England's oversight framework (1 = most
    autonomous)."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="oversight_segment",
    )
    framework = models.CharField(
        max_length=20, choices=OversightFramework.choices, default=OversightFramework.NOF_2025
    )
    segment = models.PositiveSmallIntegerField(
        choices=[(n, f"Segment {n}") for n in range(1, 6)],
        help_text="1 is the most autonomous; the framework's lowest segment adds risk points.",
    )
    assigned_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Every change of segment, with who made it or which file it came from.
    history = HistoricalRecords(table_name="orgs_historicaloversightsegment")

    class Meta:
        # The table it was created with, in the succession app (ADR 0009).
        db_table = "succession_oversightsegment"
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(segment__gte=1, segment__lte=5), name="oversight_segment_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: segment {self.segment}"

    @property
    def is_lowest(self) -> bool:
        return self.segment >= OversightFramework.lowest_segment(self.framework)

    @property
    def description(self) -> str:
        """ "Segment 5 (Recovery Support Programme), NHS Oversight Framework 2025/26"."""
        text = f"Segment {self.segment}"
        if self.framework == OversightFramework.NOF_2025 and self.segment == 5:
            text += " (Recovery Support Programme)"
        return f"{text}, {self.get_framework_display().split(' (')[0]}"
