from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation, OversightSegment, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "name", "is_current", "opened_on", "closed_on"]
    list_filter = ["is_current"]
    search_fields = ["code", "name", "short_name"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = [
        "ods_code",
        "name",
        "kind",
        "is_foundation_trust",
        "region",
        "opened_on",
        "closed_on",
        "source",
    ]
    list_filter = [
        "kind",
        "region",
        "is_foundation_trust",
        ("closed_on", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["region"]
    search_fields = ["ods_code", "name"]
    history_list_display = ["name", "kind", "region", "closed_on", "source"]

    def has_delete_permission(self, request, obj=None):
        # Organisations close (closed_on), never vanish; a delete summary would also list the
        # reports of inconsistency made on an organisation's behalf, which must stay secret.
        return False


# The segment adds risk points to the organisation's posts (ADR 0006).
@admin.register(OversightSegment)
class OversightSegmentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "framework", "segment", "assigned_on", "updated_at"]
    list_filter = ["framework", "segment"]
    search_fields = ["organisation__name", "organisation__ods_code"]
    autocomplete_fields = ["organisation"]
