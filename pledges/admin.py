"""The pledge tracker in the Django admin. Administrators correct the framework conditions
(reference data). Pledges are kept by the bodies' pledge leads and the national talent team in
the service, so here they can be read, not changed; progress updates and responses are frozen
records; and who reported an inconsistency is left out, because the demo administrator acts for
a national body and a body never learns who reported it."""

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    FrameworkCondition,
    InconsistencyReport,
    Milestone,
    Pledge,
    ProgressUpdate,
    ReportResponse,
)


def passes_through_reporter(model, lookup: str) -> bool:
    """Whether a query-string lookup reaches who reported a report, by any path (the field's
    name, its `_id` column, or through pledges and bodies)."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if model is InconsistencyReport and field.name in REPORTER_FIELDS:
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


REPORTER_FIELDS = {"reported_by", "reporter_organisation"}


class HidesReporters:
    """Django's admin filters a list by any local field named in the query string
    (`?reported_by=7`); a lookup through the reporter is refused with the same 400 whatever
    its value, so the answer says nothing about who reported."""

    def lookup_allowed(self, lookup, value, request=None):
        if passes_through_reporter(self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FrameworkCondition)
class FrameworkConditionAdmin(HidesReporters, admin.ModelAdmin):
    list_display = ["number", "short_name", "title"]

    def has_delete_permission(self, request, obj=None):
        return False  # pledges are made under them


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["title", "due_on", "achieved_on"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Pledge)
class PledgeAdmin(HidesReporters, ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["title", "body", "condition", "status", "target_on"]
    list_filter = ["status", "condition", "body"]
    search_fields = ["title", "commitment", "body__name"]
    inlines = [MilestoneInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(HidesReporters, ReadOnlyAdmin):
    """Progress updates are frozen records: the admin can read them, never change them."""

    list_display = ["pledge", "period_start", "period_end", "rag", "submitted_by", "submitted_at"]
    list_filter = ["rag"]
    search_fields = ["pledge__title", "narrative"]


class ReportResponseInline(admin.TabularInline):
    model = ReportResponse
    extra = 0
    fields = ["kind", "text", "responded_by", "responded_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InconsistencyReport)
class InconsistencyReportAdmin(HidesReporters, ReadOnlyAdmin):
    """Without the reporter: see the module's docstring."""

    list_display = ["pledge", "happened_on", "reported_at", "status"]
    list_filter = ["status"]
    fields = ["pledge", "what_happened", "happened_on", "reported_at", "status"]
    search_fields = ["pledge__title", "what_happened"]
    inlines = [ReportResponseInline]
