"""The organisation list's filters: search by name or ODS code, region, kind, open/closed, sort."""

from __future__ import annotations

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from core.forms import Form

from .models import Organisation, OrganisationKind, Region

# sort key in the URL -> the ordering it means
SORTS = {
    "name": (Lower("name"), "ods_code"),
    "code": ("ods_code",),
    "kind": ("kind", Lower("name")),
    "region": ("region__short_name", Lower("name")),
}
SORT_CHOICES = [
    ("name", "Name (A to Z)"),
    ("-name", "Name (Z to A)"),
    ("code", "ODS code (A to Z)"),
    ("-code", "ODS code (Z to A)"),
    ("kind", "Kind (A to Z)"),
    ("-kind", "Kind (Z to A)"),
    ("region", "Region (A to Z)"),
    ("-region", "Region (Z to A)"),
]
DEFAULT_SORT = "name"
DEFAULT_STATUS = "open"


def sorted_organisations(queryset: QuerySet, sort: str | None) -> QuerySet:
    """Order by a sort key ("name", "-region", ...); only the sorted column changes direction,
    the tie-breakers stay ascending so that pages are stable. Empty regions sort last."""
    sort = sort if sort and sort.lstrip("-") in SORTS else DEFAULT_SORT
    descending = sort.startswith("-")
    ordering = []
    for index, term in enumerate(SORTS[sort.lstrip("-")]):
        expression = F(term) if isinstance(term, str) else term
        if index == 0 and descending:
            ordering.append(expression.desc(nulls_last=True))
        else:
            ordering.append(expression.asc(nulls_last=True))
    return queryset.order_by(*ordering)


class OrganisationFilterForm(Form):
    """The list page's GET form, drawn with the "nhsuk" crispy-forms pack inside the page's own
    <form> (no CSRF token: it changes nothing)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].label_from_instance = region_label
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.show_optional = False  # every filter is optional; saying so is noise
        self.helper.layout = Layout(
            "q",
            Row(
                Column("region", css_class="nhsuk-grid-column-one-third"),
                Column("kind", css_class="nhsuk-grid-column-one-third"),
                Column("status", css_class="nhsuk-grid-column-one-third"),
            ),
            "sort",
        )


def region_label(region: Region) -> str:
    return region.short_name if region.is_current else f"{region.short_name} (former region)"


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search by name or ODS code", method="search", max_length=100
    )
    region = django_filters.ModelChoiceFilter(
        label="Region",
        queryset=Region.objects.order_by("-is_current", "short_name"),
        to_field_name="code",
        empty_label="All regions",
    )
    kind = django_filters.ChoiceFilter(
        label="Kind of organisation", choices=OrganisationKind.choices, empty_label="All kinds"
    )
    # Today's organisations unless asked otherwise: the closed ones are the programme's history.
    status = django_filters.ChoiceFilter(
        label="Open or closed",
        choices=[("open", "Open today"), ("closed", "Closed"), ("all", "Open and closed")],
        empty_label=None,
        method="filter_status",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORT_CHOICES,
        empty_label=None,
        method="filter_sort",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Organisation
        fields = ["q", "region", "kind", "status"]
        form = OrganisationFilterForm

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Every word must be in the name, or the whole value is the ODS code."""
        words = value.split()
        if not words:
            return queryset
        by_name = Q()
        for word in words:
            by_name &= Q(name__icontains=word)
        return queryset.filter(by_name | Q(ods_code__iexact=value.strip()))

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "closed":
            return queryset.filter(closed_on__lte=timezone.localdate())
        if value == "all":
            return queryset
        return queryset.open_on()

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # applied last, in filter_queryset, whatever the other filters did

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = self.filter_status(queryset, "status", DEFAULT_STATUS)
        return sorted_organisations(queryset, self.form.cleaned_data.get("sort"))
