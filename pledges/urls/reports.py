"""Reports of inconsistency with a pledge, and the body's responses."""

from django.urls import path

from pledges import views

urlpatterns = [
    path("new/", views.report_create, name="report_create"),
    path("mine/", views.my_reports, name="my_reports"),
    path("<int:report_pk>/respond/", views.report_respond, name="report_respond"),
]
