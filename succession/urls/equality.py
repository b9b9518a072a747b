"""The make-up of boards, the pipeline and the pool, its download, and publishing new figures."""

from django.urls import path

from succession.views import equality

urlpatterns = [
    path("", equality.equality, name="equality"),
    path("export.csv", equality.equality_export, name="equality_export"),
    path("publish/", equality.equality_publish, name="equality_publish"),
]
