"""The national talent pool: searching it, and each member's talent profile."""

from django.urls import path

from succession.views import pool

person = "people/<int:pk>"

urlpatterns = [
    path("", pool.pool_search, name="pool_search"),
    path(f"{person}/", pool.pool_profile, name="pool_profile"),
    path(f"{person}/edit/", pool.pool_profile_edit, name="pool_profile_edit"),
    path(f"{person}/readiness/", pool.readiness_set, name="readiness_set"),
    path(f"{person}/nine-box/", pool.nine_box_place, name="nine_box_place"),
    path(f"{person}/cohorts/new/", pool.cohort_membership_add, name="cohort_membership_add"),
    path(
        f"{person}/cohorts/<int:membership_pk>/leave/",
        pool.cohort_membership_end,
        name="cohort_membership_end",
    ),
    path(f"{person}/development/new/", pool.development_add, name="development_add"),
    path(
        f"{person}/development/<int:activity_pk>/",
        pool.development_edit,
        name="development_edit",
    ),
    path(f"{person}/equality/", pool.equality_record_edit, name="equality_record_edit"),
    path(f"{person}/nominate/", pool.pool_nominate, name="pool_nominate"),
]
