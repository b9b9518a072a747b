"""The national talent pool in the API, with the pages' rules: the national talent team gets
whole records; HR directors and chairs only the summary of members who agreed to be visible;
nobody else anything. Read only: changes go through the pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer

from succession.selectors import pool as selectors
from talent.api.pool_serializers import (
    PoolMemberDetailSerializer,
    PoolMemberSerializer,
    PoolMemberSummarySerializer,
)
from talent.filters import PoolFilter
from talent.models import TARGET_ROLE_CHOICES, Readiness


class MayUsePool(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("talent.search_pool")


class PoolFilterBackend(DjangoFilterBackend):
    """talent.filters.PoolFilter on the API: a value that is not valid is a 400 saying why, as
    on every other list (the page leaves it out and says so); HR directors' and chairs'
    national-only filters are ignored."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {
            **super().get_filterset_kwargs(request, queryset, view),
            **view.get_filterset_kwargs(),
        }


@extend_schema_view(
    list=extend_schema(
        summary="Search the national talent pool",
        parameters=[
            OpenApiParameter("q", str, description="Part of a name, or a whole work email"),
            OpenApiParameter("target_role", str, enum=[value for value, _ in TARGET_ROLE_CHOICES]),
            OpenApiParameter(
                "readiness", str, enum=Readiness.values, description="This readiness or sooner"
            ),
            OpenApiParameter(
                "region", str, description="Region code they would work in (national team)"
            ),
            OpenApiParameter(
                "background", str, description="Professional background (national team)"
            ),
            OpenApiParameter("programme", int, description="Programme id (national team)"),
            OpenApiParameter("performance", int, description="Nine-box 1–3 (national team)"),
            OpenApiParameter("potential", int, description="Nine-box 1–3 (national team)"),
        ],
    ),
    retrieve=extend_schema(summary="One pool member"),
)
class TalentPoolViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Pool members. HR directors and chairs: name, current post and readiness for target roles
    of members who agreed to be visible. The national talent team: the whole record."""

    renderer_classes = [JSONRenderer]
    permission_classes = [MayUsePool]
    serializer_class = PoolMemberSerializer
    filter_backends = [PoolFilterBackend]
    filterset_class = PoolFilter
    lookup_value_converter = "int"

    def _whole(self) -> bool:
        return selectors.sees_whole_records(self.request.user)

    def get_serializer_class(self):
        # The schema is one for every role: the whole record, its fields for the national team
        # only marked optional (PoolMemberSerializer.Meta.fields_for_some_roles).
        if not self._whole() and not getattr(self, "swagger_fake_view", False):
            return PoolMemberSummarySerializer
        return PoolMemberDetailSerializer if self.action == "retrieve" else PoolMemberSerializer

    def get_queryset(self):
        return selectors.pool_search(user=self.request.user)

    def get_filterset_kwargs(self) -> dict:
        """The page's own search: the same questions for the same roles."""
        return {"whole_records": self._whole(), "regions": selectors.regions_with_organisations()}

    def get_object(self):
        person = selectors.pool_person_for_user(user=self.request.user, pk=self.kwargs["pk"])
        if self._whole():
            return get_object_or_404(
                selectors.pool_search(user=self.request.user),
                pk=person.pk,
            )
        return person
