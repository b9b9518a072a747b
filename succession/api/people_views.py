"""People: HR directors and chairs see their own organisations' people, the national team
everyone's (talent.selectors, with their posts from succession.selectors.people); the HR director keeps them (talent.services, talent/rules.py)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api import CONFLICT_RESPONSE, ServiceWritesMixin
from core.editing_views import require
from succession.selectors import people as people_selectors
from talent import selectors, services
from talent.api.filters import PersonFilter
from talent.api.serializers import (
    PersonCreateSerializer,
    PersonSerializer,
    PersonUpdateSerializer,
)


@extend_schema_view(
    list=extend_schema(
        summary="List the people you may see",
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Part of a name, or a whole work email"
            )
        ],
    ),
    retrieve=extend_schema(summary="One person"),
)
class PersonViewSet(
    ServiceWritesMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Leaders and potential leaders. Equality monitoring data is never part of these."""

    renderer_classes = [JSONRenderer]
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    lookup_value_converter = "int"

    def get_queryset(self):
        query = self.request.query_params.get("q", "") if self.action == "list" else ""
        return people_selectors.people_list(user=self.request.user, query=query)

    def _answer(self, person, status_code=status.HTTP_200_OK) -> Response:
        person = people_selectors.people_list(user=self.request.user).get(pk=person.pk)
        return Response(self.get_serializer(person).data, status=status_code)

    @extend_schema(
        summary="Add a person to an organisation's people (its HR director)",
        request=PersonCreateSerializer,
        responses={201: PersonSerializer},
    )
    def create(self, request):
        fields = self.validated_input(PersonCreateSerializer)
        require(request.user, "talent.create_person", fields["organisation"])
        person = services.person_create(**fields)
        return self._answer(person, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a person's details (HR director of their organisation)",
        request=PersonUpdateSerializer,
        responses={200: PersonSerializer, 409: CONFLICT_RESPONSE},
    )
    def update(self, request, pk=None):
        return self._update(pk, partial=False)

    @extend_schema(
        summary="Change some of a person's details (HR director of their organisation)",
        request=PersonUpdateSerializer,
        responses={200: PersonSerializer, 409: CONFLICT_RESPONSE},
    )
    def partial_update(self, request, pk=None):
        return self._update(pk, partial=True)

    def _update(self, pk, *, partial: bool) -> Response:
        person = selectors.person_for_user(user=self.request.user, pk=pk)
        require(self.request.user, "talent.edit_person", person)
        changes = self.validated_input(
            PersonUpdateSerializer, partial=partial, always_required=["version"]
        )
        version = changes.pop("version")
        services.person_update(person=person, expected_version=version, **changes)
        return self._answer(person)
