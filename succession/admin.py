from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Incumbency, Nomination, Post, SignOff, SuccessionPlan


class IncumbencyInline(admin.TabularInline):
    model = Incumbency
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "role", "is_top_200", "criticality", "abolished_on"]
    list_filter = ["role", "is_top_200", "criticality", "organisation__kind"]
    search_fields = ["title", "organisation__name", "organisation__ods_code"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["version"]
    inlines = [IncumbencyInline]


class NominationInline(admin.TabularInline):
    model = Nomination
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "readiness", "rank", "is_emergency_cover", "status", "notes"]


@admin.register(SuccessionPlan)
class SuccessionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["post", "last_reviewed_on", "sign_off_requested_at"]
    search_fields = ["post__title", "post__organisation__name"]
    readonly_fields = ["version"]
    inlines = [NominationInline]


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    """Sign-offs are frozen records: the admin can read them, never change them."""

    list_display = ["plan", "signed_by", "signed_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Incumbency)
class IncumbencyAdmin(SimpleHistoryAdmin):
    list_display = ["post", "person", "kind", "started_on", "ended_on", "expected_departure_on"]
    list_filter = ["kind"]
    search_fields = ["person__last_name", "post__title", "post__organisation__name"]
    autocomplete_fields = ["post", "person"]
