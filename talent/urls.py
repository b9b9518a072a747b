from django.urls import path

from succession.views import people as views

app_name = "talent"

urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/career/new/", views.career_entry_add, name="career_entry_add"),
]

# --- The national talent pool (appended for the talent pool) -----------------------------------

from succession.views import equality, pipeline, pool  # noqa: E402 - appended section

from .views import calibration  # noqa: E402 - appended section

urlpatterns += [
    path("talent-pool/", pool.pool_search, name="pool_search"),
    path("talent-pool/people/<int:pk>/", pool.pool_profile, name="pool_profile"),
    path("talent-pool/people/<int:pk>/edit/", pool.pool_profile_edit, name="pool_profile_edit"),
    path("talent-pool/people/<int:pk>/readiness/", pool.readiness_set, name="readiness_set"),
    path("talent-pool/people/<int:pk>/nine-box/", pool.nine_box_place, name="nine_box_place"),
    path(
        "talent-pool/people/<int:pk>/cohorts/new/",
        pool.cohort_membership_add,
        name="cohort_membership_add",
    ),
    path(
        "talent-pool/people/<int:pk>/cohorts/<int:membership_pk>/leave/",
        pool.cohort_membership_end,
        name="cohort_membership_end",
    ),
    path(
        "talent-pool/people/<int:pk>/development/new/",
        pool.development_add,
        name="development_add",
    ),
    path(
        "talent-pool/people/<int:pk>/development/<int:activity_pk>/",
        pool.development_edit,
        name="development_edit",
    ),
    path(
        "talent-pool/people/<int:pk>/equality/",
        pool.equality_record_edit,
        name="equality_record_edit",
    ),
    path("talent-pool/people/<int:pk>/nominate/", pool.pool_nominate, name="pool_nominate"),
    path("talent-pool/calibration/", calibration.calibration_list, name="calibration_list"),
    path("talent-pool/calibration/new/", calibration.calibration_open, name="calibration_open"),
    path(
        "talent-pool/calibration/<int:pk>/",
        calibration.calibration_session,
        name="calibration_session",
    ),
    path(
        "talent-pool/calibration/<int:pk>/move/",
        calibration.calibration_move,
        name="calibration_move",
    ),
    path(
        "talent-pool/calibration/<int:pk>/close/",
        calibration.calibration_close,
        name="calibration_close",
    ),
    path("talent-pool/pipeline/", pipeline.pipeline, name="pipeline"),
    path("talent-pool/equality/", equality.equality, name="equality"),
    path("talent-pool/equality/export.csv", equality.equality_export, name="equality_export"),
]
