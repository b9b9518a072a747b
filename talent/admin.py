from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    CalibrationSession,
    CareerHistoryEntry,
    Cohort,
    EqualityAuditEntry,
    Person,
    Programme,
    TalentProfile,
)


class CareerHistoryInline(admin.TabularInline):
    model = CareerHistoryEntry
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "organisation", "professional_background"]
    list_filter = ["professional_background"]
    search_fields = ["last_name", "first_name", "work_email"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["version"]
    inlines = [CareerHistoryInline]


@admin.register(TalentProfile)
class TalentProfileAdmin(SimpleHistoryAdmin):
    list_display = ["person", "in_national_pool", "visible_to_other_organisations"]
    list_filter = ["in_national_pool", "visible_to_other_organisations"]
    search_fields = ["person__last_name", "person__first_name"]
    autocomplete_fields = ["person"]
    filter_horizontal = ["mobility_regions"]
    readonly_fields = [
        "performance",
        "potential",
        "placed_on",
        "calibrated_performance",
        "calibrated_potential",
        "calibrated_on",
        "version",
    ]


# Programmes and cohorts are reference data that administrators keep. Equality monitoring
# answers are deliberately not in the admin (see docs/adr/0007-talent-pool-and-equality-data.md);
# its audit log is, read-only.


class CohortInline(admin.TabularInline):
    model = Cohort
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "target_role"]
    search_fields = ["name"]
    inlines = [CohortInline]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_on", "ends_on"]
    list_filter = ["programme"]
    search_fields = ["name", "programme__name"]


@admin.register(CalibrationSession)
class CalibrationSessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "opened_by", "closed_at"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EqualityAuditEntry)
class EqualityAuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "action", "page", "filters", "person_id"]
    list_filter = ["action"]
    search_fields = ["username", "page"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
