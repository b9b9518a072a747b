"""Admin for succession risk: the method's versions and the runs can be read here but not changed
(a method change is a new version, made on its page)."""

from django.contrib import admin

from .models import RecalculationRun, RiskMethod


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RiskMethod)
class RiskMethodAdmin(ReadOnlyAdmin):
    list_display = ["version", "is_current", "high_from", "medium_from", "created_by", "created_at"]


@admin.register(RecalculationRun)
class RecalculationRunAdmin(ReadOnlyAdmin):
    list_display = [
        "for_date",
        "kind",
        "status",
        "started_at",
        "finished_at",
        "posts_scored",
        "bands_changed",
        "high_risk_posts",
        "digest_sent_at",
    ]
    list_filter = ["kind", "status"]
    date_hierarchy = "for_date"
