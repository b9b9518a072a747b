"""A post's succession plan: its slate of nominations, sign-off and appointments."""

from django.urls import path

from succession.views import plans

plan = "<int:pk>/plan"
nomination = f"{plan}/nominations/<int:nomination_pk>"

urlpatterns = [
    path(f"{plan}/", plans.plan_manage, name="plan_manage"),
    path(f"{plan}/add/", plans.nomination_add, name="nomination_add"),
    path(f"{plan}/reorder/", plans.slate_reorder, name="slate_reorder"),
    path(f"{plan}/review/", plans.plan_review, name="plan_review"),
    path(f"{plan}/request-sign-off/", plans.plan_request_sign_off, name="plan_request_sign_off"),
    path(f"{plan}/sign-off/", plans.plan_sign_off, name="plan_sign_off"),
    path(f"{nomination}/edit/", plans.nomination_edit, name="nomination_edit"),
    path(f"{nomination}/move/", plans.nomination_move, name="nomination_move"),
    path(
        f"{nomination}/emergency-cover/",
        plans.nomination_emergency_cover,
        name="nomination_emergency_cover",
    ),
    path(f"{nomination}/remove/", plans.nomination_remove, name="nomination_remove"),
    path(f"{nomination}/appoint/", plans.nomination_appoint, name="nomination_appoint"),
    path(
        "<int:pk>/appointments/<int:incumbency_pk>/",
        plans.appointment_done,
        name="appointment_done",
    ),
]
