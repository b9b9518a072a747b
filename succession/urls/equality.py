"""The make-up of boards, the pipeline and the pool, and its download."""

from django.urls import path

from succession.views import equality

urlpatterns = [
    path("", equality.equality, name="equality"),
    path("export.csv", equality.equality_export, name="equality_export"),
]
