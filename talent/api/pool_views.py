"""Calibration sessions in the API, for the national talent team. Read only: changes go through
the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer

from talent.selectors import calibration as calibration_selectors

from .pool_serializers import (
    CalibrationSessionSerializer,
)


class MayCalibrate(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("talent.calibrate")


@extend_schema_view(
    list=extend_schema(summary="Calibration sessions (national talent team)"),
    retrieve=extend_schema(summary="One calibration session with its grid"),
)
class CalibrationSessionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    renderer_classes = [JSONRenderer]
    permission_classes = [MayCalibrate]
    serializer_class = CalibrationSessionSerializer
    filter_backends = []
    lookup_value_converter = "int"

    def get_queryset(self):
        return calibration_selectors.calibration_sessions_with_placements()
