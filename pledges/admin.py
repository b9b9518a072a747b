"""The pledge tracker in the Django admin. Administrators correct the framework conditions
(reference data). Pledges are kept by the bodies' pledge leads and the national talent team in
the service, so here they can be read, not changed; progress updates and responses are frozen
records; and who reported an inconsistency is left out, because the demo administrator acts for
a national body and a body never learns who reported it."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    FrameworkCondition,
    InconsistencyReport,
    Milestone,
    Pledge,
    ProgressUpdate,
    ReportResponse,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FrameworkCondition)
class FrameworkConditionAdmin(admin.ModelAdmin):
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
class PledgeAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["title", "body", "condition", "status", "target_on"]
    list_filter = ["status", "condition", "body"]
    search_fields = ["title", "commitment", "body__name"]
    inlines = [MilestoneInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
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
class InconsistencyReportAdmin(ReadOnlyAdmin):
    """Without the reporter: see the module's docstring."""

    list_display = ["pledge", "happened_on", "reported_at", "status"]
    list_filter = ["status"]
    fields = ["pledge", "what_happened", "happened_on", "reported_at", "status"]
    search_fields = ["pledge__title", "what_happened"]
    inlines = [ReportResponseInline]
