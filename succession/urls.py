from django.urls import path

from .views import imports, plans, posts

app_name = "succession"

nomination = "posts/<int:pk>/plan/nominations/<int:nomination_pk>"

urlpatterns = [
    path("my-organisation/", posts.my_organisation, name="my_organisation"),
    path("organisations/<str:ods_code>/posts/", posts.board, name="board"),
    path("organisations/<str:ods_code>/posts/new/", posts.post_create, name="post_create"),
    path("organisations/<str:ods_code>/posts/import/", imports.import_upload, name="import_upload"),
    path(
        "organisations/<str:ods_code>/posts/import/template.<str:file_format>",
        imports.import_template,
        name="import_template",
    ),
    path(
        "organisations/<str:ods_code>/posts/import/<str:token>/",
        imports.import_preview,
        name="import_preview",
    ),
    path("posts/<int:pk>/", posts.post_detail, name="post_detail"),
    path("posts/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("posts/<int:pk>/holder/new/", posts.holder_new, name="holder_new"),
    path("posts/<int:pk>/holder/departure/", posts.holder_departure, name="holder_departure"),
    path("posts/<int:pk>/holder/left/", posts.holder_left, name="holder_left"),
    path("posts/<int:pk>/plan/", plans.plan_manage, name="plan_manage"),
    path("posts/<int:pk>/plan/add/", plans.nomination_add, name="nomination_add"),
    path("posts/<int:pk>/plan/reorder/", plans.slate_reorder, name="slate_reorder"),
    path("posts/<int:pk>/plan/review/", plans.plan_review, name="plan_review"),
    path(
        "posts/<int:pk>/plan/request-sign-off/",
        plans.plan_request_sign_off,
        name="plan_request_sign_off",
    ),
    path("posts/<int:pk>/plan/sign-off/", plans.plan_sign_off, name="plan_sign_off"),
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
        "posts/<int:pk>/appointments/<int:incumbency_pk>/",
        plans.appointment_done,
        name="appointment_done",
    ),
]
