"""The tracker and each pledge: its milestones and progress updates."""

from django.urls import path

from pledges import views

pledge = "<int:pledge_pk>"

# Progress updates have no address of their own beyond "add": once submitted they never change.
urlpatterns = [
    path("", views.tracker, name="tracker"),
    path("export.csv", views.export, name="export"),
    path("new/", views.pledge_create, name="pledge_create"),
    path(f"{pledge}/", views.pledge_detail, name="pledge_detail"),
    path(f"{pledge}/edit/", views.pledge_edit, name="pledge_edit"),
    path(f"{pledge}/milestones/new/", views.milestone_add, name="milestone_add"),
    path(
        f"{pledge}/milestones/<int:milestone_pk>/edit/",
        views.milestone_edit,
        name="milestone_edit",
    ),
    path(f"{pledge}/updates/new/", views.update_add, name="update_add"),
]
