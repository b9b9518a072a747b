from django.urls import path

from . import views

app_name = "risk"

urlpatterns = [
    path("risk/", views.dashboard, name="dashboard"),
    path("risk/export.<str:file_format>", views.export, name="export"),
    path("risk/posts/<int:pk>/", views.post_risk, name="post"),
    path("risk/recalculate/", views.recalculate, name="recalculate"),
    path("risk/method/", views.method, name="method"),
    path("risk/method/edit/", views.method_edit, name="method_edit"),
]
