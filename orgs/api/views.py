"""Organisations: every signed-in user may list and read them all (public ODS data)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.renderers import JSONRenderer

from orgs import selectors

from .filters import OrganisationApiFilter
from .serializers import OrganisationSerializer


@extend_schema_view(
    list=extend_schema(summary="List organisations", tags=["organisations"]),
    retrieve=extend_schema(summary="One organisation, by ODS code", tags=["organisations"]),
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Trusts, CCGs, ICBs and national bodies from ODS (public data), found by ODS code."""

    renderer_classes = [JSONRenderer]
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationApiFilter
    lookup_field = "ods_code"

    def get_queryset(self):
        return selectors.organisation_directory(user=self.request.user)

    def get_object(self):
        organisation = selectors.organisation_detail(
            user=self.request.user, ods_code=self.kwargs[self.lookup_field]
        )
        self.check_object_permissions(self.request, organisation)
        return organisation
