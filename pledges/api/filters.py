"""Query-string filters for the progress updates and reports lists (pledges use the tracker's)."""

import django_filters

from core.filters import BooleanFilter, IdFilter
from pledges.models import InconsistencyReport, ProgressUpdate, Rag, ReportStatus


class ProgressUpdateFilter(django_filters.FilterSet):
    pledge = IdFilter(field_name="pledge_id", label="The pledge's id")
    body = django_filters.CharFilter(
        field_name="pledge__body__ods_code",
        lookup_expr="iexact",
        label="The ODS code of the national body",
    )
    rag = django_filters.ChoiceFilter(choices=Rag.choices)

    class Meta:
        model = ProgressUpdate
        fields = ["pledge", "body", "rag"]


class ReportFilter(django_filters.FilterSet):
    pledge = IdFilter(field_name="pledge_id", label="The pledge's id")
    body = django_filters.CharFilter(
        field_name="pledge__body__ods_code",
        lookup_expr="iexact",
        label="The ODS code of the national body",
    )
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)
    open = BooleanFilter(
        method="filter_open", label="Only open reports (true), or only closed ones (false)"
    )
    mine = BooleanFilter(method="filter_mine", label="Only the reports you made")

    class Meta:
        model = InconsistencyReport
        fields = ["pledge", "body", "status", "open", "mine"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        open_reports = {"status__in": ReportStatus.open_values()}
        return queryset.filter(**open_reports) if value else queryset.exclude(**open_reports)

    def filter_mine(self, queryset, name, value):
        if value:
            return queryset.filter(reported_by=self.request.user)
        return queryset
