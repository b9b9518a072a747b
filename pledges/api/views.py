"""Pledges, progress updates and reports of inconsistency. Thin: permission -> selector or
service -> serializer, with the pages' permissions (pledges/rules.py).

Progress updates and responses are only ever added: there is no PUT, PATCH or DELETE for them
(405). A pledge is never deleted."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api import CONFLICT_RESPONSE, ServiceWritesMixin
from core.editing_views import require
from pledges import selectors, services
from pledges.filters import PledgeFilter
from pledges.rules import reporting_organisations

from .filters import ProgressUpdateFilter, ReportFilter
from .serializers import (
    PledgeCreateSerializer,
    PledgeSerializer,
    PledgeUpdateSerializer,
    ProgressUpdateCreateSerializer,
    ProgressUpdateSerializer,
    ReportCreateSerializer,
    ReportRespondSerializer,
    ReportSerializer,
)

# --- Pledges ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List the national bodies' pledges, with the tracker's flags"),
    retrieve=extend_schema(summary="One pledge, with its milestones and latest RAG status"),
)
class PledgeViewSet(
    ServiceWritesMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The national bodies' pledges under *Developing People – Improving Care*. Filters are the
    tracker's: body (ODS code), condition (1–5), status, rag (or `none`), flag (overdue, stale,
    reported)."""

    renderer_classes = [JSONRenderer]
    serializer_class = PledgeSerializer
    filterset_class = PledgeFilter
    lookup_value_converter = "int"

    def get_queryset(self):
        return (
            selectors.with_tracking(selectors.pledges_visible_to(self.request.user))
            .prefetch_related("milestones")
            .order_by("body__name", "condition__number", "title")
        )

    def _answer(self, pledge, status_code=status.HTTP_200_OK) -> Response:
        pledge = self.get_queryset().get(pk=pledge.pk)
        return Response(self.get_serializer(pledge).data, status=status_code)

    @extend_schema(
        summary="Make a pledge (the body's pledge lead, or the national talent team)",
        request=PledgeCreateSerializer,
        responses={201: PledgeSerializer},
    )
    def create(self, request):
        require(request.user, "pledges.create_pledge", None)
        fields = self.validated_input(PledgeCreateSerializer)
        body = fields.pop("body")
        require(request.user, "pledges.create_pledge", body)
        pledge = services.pledge_create(body=body, by=request.user, **fields)
        return self._answer(pledge, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a pledge (the body's pledge lead, or the national talent team)",
        request=PledgeUpdateSerializer,
        responses={200: PledgeSerializer, 409: CONFLICT_RESPONSE},
    )
    def update(self, request, pk=None):
        return self._update(pk, partial=False)

    @extend_schema(
        summary="Change some of a pledge's details (its body's pledge lead, national talent team)",
        request=PledgeUpdateSerializer,
        responses={200: PledgeSerializer, 409: CONFLICT_RESPONSE},
    )
    def partial_update(self, request, pk=None):
        return self._update(pk, partial=True)

    def _update(self, pk, *, partial: bool) -> Response:
        pledge = selectors.pledge_for_user(user=self.request.user, pk=pk)
        require(self.request.user, "pledges.edit_pledge", pledge)
        changes = self.validated_input(
            PledgeUpdateSerializer, partial=partial, always_required=["version"]
        )
        version = changes.pop("version")
        services.pledge_update(pledge=pledge, expected_version=version, **changes)
        return self._answer(pledge)


# --- Progress updates -------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List progress updates on the pledges"),
    retrieve=extend_schema(summary="One progress update"),
)
class ProgressUpdateViewSet(
    ServiceWritesMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Progress updates: added, never changed. A correction is a new update naming the one it
    corrects (`corrects`)."""

    renderer_classes = [JSONRenderer]
    serializer_class = ProgressUpdateSerializer
    filterset_class = ProgressUpdateFilter
    lookup_value_converter = "int"

    def get_queryset(self):
        return selectors.updates_visible_to(self.request.user)

    @extend_schema(
        summary="Submit a progress update (the body's pledge lead, or the national talent team)",
        request=ProgressUpdateCreateSerializer,
        responses={201: ProgressUpdateSerializer},
    )
    def create(self, request):
        require(request.user, "pledges.record_progress", None)
        fields = self.validated_input(ProgressUpdateCreateSerializer)
        pledge = fields.pop("pledge")
        require(request.user, "pledges.record_progress", pledge)
        update = services.progress_update_submit(pledge=pledge, by=request.user, **fields)
        update = self.get_queryset().get(pk=update.pk)
        return Response(self.get_serializer(update).data, status=status.HTTP_201_CREATED)


# --- Reports of inconsistency -----------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List reports of inconsistency, with the bodies' responses"),
    retrieve=extend_schema(summary="One report of inconsistency"),
)
class ReportViewSet(
    ServiceWritesMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Reports that a national body's action seemed inconsistent with its pledge. Who reported
    is shown (`reporter`) to the national talent team only."""

    renderer_classes = [JSONRenderer]
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    lookup_value_converter = "int"

    def get_queryset(self):
        return selectors.reports_visible_to(self.request.user)

    def _answer(self, report, status_code) -> Response:
        report = self.get_queryset().get(pk=report.pk)
        return Response(self.get_serializer(report).data, status=status_code)

    @extend_schema(
        summary="Report an inconsistency (trust and CCG users, national talent team)",
        request=ReportCreateSerializer,
        responses={201: ReportSerializer},
    )
    def create(self, request):
        require(request.user, "pledges.report_inconsistency", None)
        fields = self.validated_input(ReportCreateSerializer)
        organisations = reporting_organisations(request.user)
        organisation = organisations[0] if organisations else None
        if fields.get("organisation"):
            chosen = [o for o in organisations if o.ods_code == fields["organisation"].upper()]
            if not chosen:
                raise ValidationError(
                    {"organisation": ["Give the ODS code of a trust or CCG you act for."]}
                )
            organisation = chosen[0]
        report = services.report_create(
            pledge=fields["pledge"],
            what_happened=fields["what_happened"],
            happened_on=fields["happened_on"],
            by=request.user,
            reporter_organisation=organisation,
        )
        return self._answer(report, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Respond to a report (the body's pledge lead, or the national talent team)",
        request=ReportRespondSerializer,
        responses={201: ReportSerializer},
    )
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        report = selectors.report_for_user(user=request.user, pk=pk)
        require(request.user, "pledges.respond_to_report", report.pledge)
        fields = self.validated_input(ReportRespondSerializer)
        services.report_respond(report=report, by=request.user, **fields)
        return self._answer(report, status.HTTP_201_CREATED)
