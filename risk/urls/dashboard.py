"""The risk dashboard, its downloads, each post's score and recalculating them."""

from django.urls import path

from risk import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.<str:file_format>", views.export, name="export"),
    path("posts/<int:pk>/", views.post_risk, name="post"),
    path("recalculate/", views.recalculate, name="recalculate"),
]
