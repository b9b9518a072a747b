"""The talent pool search, one definition for the page and the API: what may be asked (name or
email, target role, readiness, and for the national team region, background, programme and
nine-box), how each answer narrows the pool members, and what a bad answer does (it is left
out, and the page says why)."""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.filters import BooleanFilter
from orgs.models import Region
from talent.forms.pool import PoolSearchForm
from talent.models import (
    TARGET_ROLE_CHOICES,
    CohortMembership,
    NineBoxLevel,
    Person,
    ProfessionalBackground,
    Programme,
    Readiness,
    TalentProfile,
    TargetRoleReadiness,
)
from talent.selectors import people_matching

# "Ready within" a readiness: that readiness or sooner.
READY_WITHIN = {
    Readiness.READY_NOW: [Readiness.READY_NOW],
    Readiness.ONE_TO_TWO_YEARS: [Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS],
    Readiness.THREE_TO_FIVE_YEARS: list(Readiness.values),
}
READY_WITHIN_CHOICES = [
    (Readiness.READY_NOW, "Ready now"),
    (Readiness.ONE_TO_TWO_YEARS, "Within 1–2 years"),
    (Readiness.THREE_TO_FIVE_YEARS, "Within 3–5 years"),
]
LEVELS = [(str(value), label) for value, label in NineBoxLevel.choices]

# What HR directors and chairs may not see, they may not filter on either.
NATIONAL_ONLY = ("region", "background", "programme", "performance", "potential")


@dataclass(frozen=True)
class PoolFilters:
    """What a search asked for, as far as it was valid and the user may ask it."""

    query: str = ""
    target_role: str = ""
    readiness: str = ""  # ready within: this readiness or sooner
    region: Region | None = None  # regions they would work in
    background: str = ""
    programme: Programme | None = None
    performance: int | None = None
    potential: int | None = None

    @property
    def is_filtered(self) -> bool:
        return any(
            (
                self.query,
                self.target_role,
                self.readiness,
                self.region,
                self.background,
                self.programme,
                self.performance,
                self.potential,
            )
        )


class RegionChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.short_name


class RegionFilter(django_filters.ModelChoiceFilter):
    field_class = RegionChoiceField


def _level_filter(label: str) -> django_filters.TypedChoiceFilter:
    name = label.split()[0].lower()
    return django_filters.TypedChoiceFilter(
        label=label,
        choices=[("", "Any"), *LEVELS],
        coerce=int,
        empty_value=None,
        widget=forms.Select,
        method="filter_nine_box",
        error_messages={"invalid_choice": f"Choose low, moderate or high {name}"},
        help_text=f"Nine-box {name} 1–3 (national team)",
    )


def _calibrated_or_original(field: str, value: int) -> Q:
    """The placement that counts: the calibrated one if there is one, else the original."""
    calibrated = f"talent_profile__calibrated_{field}"
    return Q(**{calibrated: value}) | Q(
        **{f"{calibrated}__isnull": True, f"talent_profile__{field}": value}
    )


class PoolFilter(django_filters.FilterSet):
    """Narrows pool members. Built with `whole_records` (the national team's view; taken from the
    request's user when not given) so that HR directors and chairs get only the name, target role
    and readiness questions; a value that is not valid is left out, not applied."""

    q = django_filters.CharFilter(
        label="Name or work email",
        max_length=200,
        method="filter_query",
        help_text="Part of a name, or a whole work email",
    )
    target_role = django_filters.ChoiceFilter(
        label="Target role",
        choices=TARGET_ROLE_CHOICES,
        empty_label="Any role",
        method="filter_readiness_for_role",
    )
    readiness = django_filters.ChoiceFilter(
        label="Ready",
        choices=READY_WITHIN_CHOICES,
        empty_label="Any readiness",
        method="filter_readiness_for_role",
        help_text="This readiness or sooner",
    )
    exact_readiness = BooleanFilter(
        label="Exactly this readiness",
        widget=forms.HiddenInput,
        method="filter_readiness_for_role",
        help_text="true: this readiness only, not sooner (the pipeline's columns)",
    )
    region = RegionFilter(
        label="Would work in",
        queryset=Region.objects.order_by("short_name"),
        to_field_name="code",
        empty_label="Any region",
        method="filter_region",
        help_text="Region code they would work in, or their employer’s if they named none (national team)",
    )
    background = django_filters.ChoiceFilter(
        label="Professional background",
        field_name="professional_background",
        choices=ProfessionalBackground.choices,
        empty_label="Any background",
        help_text="Professional background (national team)",
    )
    programme = django_filters.ModelChoiceFilter(
        label="Programme (current cohort)",
        queryset=Programme.objects.order_by("name"),
        empty_label="Any programme",
        method="filter_programme",
        help_text="Programme id (national team)",
    )
    performance = _level_filter("Performance (nine-box)")
    potential = _level_filter("Potential (nine-box)")

    class Meta:
        model = Person
        fields = []
        form = PoolSearchForm

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        request=None,
        prefix=None,
        whole_records: bool | None = None,
        regions: QuerySet[Region] | None = None,
    ):
        super().__init__(data, queryset, request=request, prefix=prefix)
        if whole_records is None:
            user = getattr(request, "user", None)
            whole_records = bool(user and user.has_perm("talent.see_talent_record"))
        self.whole_records = whole_records
        if not whole_records:
            for name in NATIONAL_ONLY:
                del self.filters[name]
        elif regions is not None:
            self.filters["region"].queryset = regions

    @property
    def asked(self) -> PoolFilters:
        """The valid answers, for the page (what to highlight, whether anything is filtered)."""
        if not self.is_bound:
            return PoolFilters()
        self.form.is_valid()
        data = self.form.cleaned_data
        return PoolFilters(
            query=data.get("q") or "",
            target_role=data.get("target_role") or "",
            readiness=data.get("readiness") or "",
            region=data.get("region"),
            background=data.get("background") or "",
            programme=data.get("programme"),
            performance=data.get("performance"),
            potential=data.get("potential"),
        )

    def filter_query(self, queryset, name, value):
        return people_matching(queryset, value)

    @extend_schema_field(OpenApiTypes.STR)
    def filter_readiness_for_role(self, queryset, name, value):
        """Target role and readiness ask one question together: ready for that role within that
        time. Either alone narrows too."""
        data = self.form.cleaned_data
        target_role, readiness = data.get("target_role"), data.get("readiness")
        if name == "exact_readiness" or (name == "readiness" and target_role):
            return queryset  # asked together, under target_role or readiness
        wanted = TargetRoleReadiness.objects.filter(person=OuterRef("pk"))
        if target_role:
            wanted = wanted.filter(role=target_role)
        if readiness:
            exactly = data.get("exact_readiness")
            wanted = wanted.filter(
                readiness__in=[readiness] if exactly else READY_WITHIN[readiness]
            )
        return queryset.filter(Exists(wanted))

    @extend_schema_field(OpenApiTypes.STR)
    def filter_region(self, queryset, name, value):
        """The regions they said they would work in; if they have said none, their employer's
        (as the pipeline counts them)."""
        mobility = TalentProfile.mobility_regions.through.objects.filter(
            talentprofile__person=OuterRef("pk")
        )
        return queryset.filter(
            Exists(mobility.filter(region=value))
            | (~Exists(mobility) & Q(organisation__region=value))
        )

    @extend_schema_field(OpenApiTypes.INT)
    def filter_programme(self, queryset, name, value):
        current = CohortMembership.objects.filter(
            person=OuterRef("pk"), cohort__programme=value, left_on__isnull=True
        )
        return queryset.filter(Exists(current))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_nine_box(self, queryset, name, value):
        return queryset.filter(_calibrated_or_original(name, value))
