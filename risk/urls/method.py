"""The risk method: its points, and changing them."""

from django.urls import path

from risk import views

urlpatterns = [
    path("", views.method, name="method"),
    path("edit/", views.method_edit, name="method_edit"),
]
