"""The tracker's filters (body, condition, status, RAG, flags), shared by the page, the CSV export
and the API. They work on pledges annotated by pledges.selectors.with_tracking()."""

from __future__ import annotations

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django.db.models import QuerySet

from core.forms import Form
from orgs.models import Organisation

from .models import FrameworkCondition, PledgeStatus, Rag

NO_UPDATE = "none"
RAG_CHOICES = [*Rag.choices, (NO_UPDATE, "No update yet")]
FLAG_CHOICES = [
    ("overdue", "Past the target date and not achieved"),
    ("stale", "No update in the last 90 days"),
    ("reported", "With an open report of inconsistency"),
]


class TrackerFilterForm(Form):
    """The tracker's GET form, drawn with the "nhsuk" pack inside the page's own <form> (no CSRF
    token: it changes nothing)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label_from_instance = lambda body: body.display_name
        self.fields["condition"].label_from_instance = str
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.show_optional = False  # every filter is optional; saying so is noise
        self.helper.layout = Layout(
            Row(
                Column("body", css_class="nhsuk-grid-column-one-half"),
                Column("condition", css_class="nhsuk-grid-column-one-half"),
            ),
            Row(
                Column("status", css_class="nhsuk-grid-column-one-third"),
                Column("rag", css_class="nhsuk-grid-column-one-third"),
                Column("flag", css_class="nhsuk-grid-column-one-third"),
            ),
        )


class PledgeFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        label="National body",
        queryset=Organisation.objects.national_bodies().order_by("name"),
        to_field_name="ods_code",
        empty_label="All national bodies",
    )
    condition = django_filters.ModelChoiceFilter(
        label="Framework condition",
        queryset=FrameworkCondition.objects.all(),
        to_field_name="number",
        empty_label="All five conditions",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=PledgeStatus.choices, empty_label="Any status"
    )
    rag = django_filters.ChoiceFilter(
        label="Latest RAG status",
        choices=RAG_CHOICES,
        empty_label="Any RAG status",
        method="filter_rag",
    )
    flag = django_filters.ChoiceFilter(
        label="Show only pledges",
        choices=FLAG_CHOICES,
        empty_label="All pledges",
        method="filter_flag",
    )

    class Meta:
        form = TrackerFilterForm
        fields = ["body", "condition", "status", "rag", "flag"]

    def filter_rag(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == NO_UPDATE:
            return queryset.filter(latest_rag__isnull=True)
        return queryset.filter(latest_rag=value) if value else queryset

    def filter_flag(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "overdue":
            return queryset.filter(is_overdue=True)
        if value == "stale":
            return queryset.filter(is_stale=True)
        if value == "reported":
            return queryset.filter(open_reports_count__gt=0)
        return queryset

    @property
    def is_filtered(self) -> bool:
        if not self.is_bound or not self.form.is_valid():
            return False
        return any(self.form.cleaned_data.get(name) for name in self.Meta.fields)
