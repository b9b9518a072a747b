"""People and their career history."""

from django.urls import path

from succession.views import people as views

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/career/new/", views.career_entry_add, name="career_entry_add"),
]
