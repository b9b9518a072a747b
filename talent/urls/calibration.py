"""Calibration sessions: a cohort's nine-box placements agreed by the national team."""

from django.urls import path

from talent.views import calibration

urlpatterns = [
    path("", calibration.calibration_list, name="calibration_list"),
    path("new/", calibration.calibration_open, name="calibration_open"),
    path("<int:pk>/", calibration.calibration_session, name="calibration_session"),
    path("<int:pk>/move/", calibration.calibration_move, name="calibration_move"),
    path("<int:pk>/close/", calibration.calibration_close, name="calibration_close"),
]
