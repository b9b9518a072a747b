from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users are deactivated (untick "active"), never deleted: the records they made stay
    attributed, and a delete summary would list the reports of inconsistency a user filed, which
    no one in the admin may learn."""

    inlines = [MembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
