from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("oversight-segments/", views.segments_import, name="segments_import"),
    path("<str:ods_code>/", views.organisation_detail, name="detail"),
]
