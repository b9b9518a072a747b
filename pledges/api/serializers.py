"""Pledges, progress updates and reports as the API shows them, and the thin serializers that
check the shape of what a client sends. Business rules are the services' (pledges.services)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import for_schema, version_field
from orgs.api.serializers import OrganisationSummarySerializer
from orgs.models import Organisation
from pledges import selectors
from pledges.models import (
    FrameworkCondition,
    InconsistencyReport,
    Milestone,
    Pledge,
    PledgeStatus,
    ProgressUpdate,
    Rag,
    ReportResponse,
    ReportStatus,
    ResponseKind,
)

from .schema import NamedChoiceField


def _user(serializer: serializers.BaseSerializer):
    request = serializer.context.get("request")
    return request.user if request is not None else None


def _name(user) -> str:
    return user.get_full_name() or user.username


class ConditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = FrameworkCondition
        fields = ["number", "short_name", "title"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "title", "due_on", "achieved_on"]


class PledgeSummarySerializer(serializers.ModelSerializer):
    """The pledge an update or report belongs to, as they embed it."""

    body = OrganisationSummarySerializer(read_only=True)

    class Meta:
        model = Pledge
        fields = ["id", "title", "body"]


# --- Pledges ----------------------------------------------------------------------------------


class PledgeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-pledge-detail")
    body = OrganisationSummarySerializer(read_only=True)
    condition = ConditionSerializer(read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    status = NamedChoiceField(PledgeStatus, read_only=True)
    latest_rag = NamedChoiceField(
        Rag,
        allow_null=True,
        read_only=True,
        help_text="The RAG status of the latest update (a corrected update gives way to its "
        "correction); null if there is none.",
    )
    latest_period_end = serializers.DateField(allow_null=True, read_only=True)
    last_update_at = serializers.DateTimeField(
        allow_null=True, read_only=True, help_text="When the last progress update was submitted."
    )
    is_overdue = serializers.BooleanField(
        read_only=True, help_text="Active and past its target date."
    )
    is_stale = serializers.BooleanField(
        read_only=True, help_text="Active, with no progress update in the last 90 days."
    )
    open_reports_count = serializers.IntegerField(
        read_only=True, help_text="Reports of inconsistency not yet explained or acted on."
    )

    class Meta:
        model = Pledge
        fields = [
            "id",
            "url",
            "body",
            "condition",
            "title",
            "commitment",
            "accountable_owner",
            "start_on",
            "target_on",
            "success_measure",
            "status",
            "withdrawn_reason",
            "version",
            "milestones",
            "latest_rag",
            "latest_period_end",
            "last_update_at",
            "is_overdue",
            "is_stale",
            "open_reports_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PledgeFieldsSerializer(serializers.Serializer):
    condition = serializers.SlugRelatedField(
        slug_field="number",
        queryset=FrameworkCondition.objects.all(),
        help_text="The framework condition's number, 1 to 5.",
    )
    title = serializers.CharField(max_length=200)
    commitment = serializers.CharField()
    accountable_owner = serializers.CharField(max_length=200)
    start_on = serializers.DateField()
    target_on = serializers.DateField()
    success_measure = serializers.CharField()


class PledgeCreateSerializer(PledgeFieldsSerializer):
    body = serializers.SlugRelatedField(
        slug_field="ods_code",
        queryset=Organisation.objects.national_bodies(),
        help_text="The ODS code of the national body making the pledge.",
    )


class PledgeUpdateSerializer(PledgeFieldsSerializer):
    status = NamedChoiceField(PledgeStatus)
    withdrawn_reason = serializers.CharField(
        allow_blank=True, required=False, help_text="Required when the status is withdrawn."
    )
    version = version_field("pledge")


# --- Progress updates -------------------------------------------------------------------------


class ProgressUpdateSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-pledge-update-detail")
    pledge = PledgeSummarySerializer(read_only=True)
    rag = NamedChoiceField(Rag, read_only=True)
    corrected_by = serializers.PrimaryKeyRelatedField(
        source="corrections",
        many=True,
        read_only=True,
        help_text="Later updates that correct this one.",
    )
    submitted_by = serializers.SerializerMethodField()

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "url",
            "pledge",
            "period_start",
            "period_end",
            "rag",
            "narrative",
            "evidence_links",
            "corrects",
            "corrected_by",
            "submitted_by",
            "submitted_at",
        ]
        read_only_fields = fields

    def get_submitted_by(self, update) -> str:
        return _name(update.submitted_by)


class ProgressUpdateCreateSerializer(serializers.Serializer):
    pledge = serializers.PrimaryKeyRelatedField(queryset=Pledge.objects.all())
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    rag = NamedChoiceField(Rag)
    narrative = serializers.CharField()
    evidence_links = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    corrects = serializers.PrimaryKeyRelatedField(
        queryset=ProgressUpdate.objects.all(),
        required=False,
        allow_null=True,
        help_text="The id of the earlier update of the same pledge that this one corrects.",
    )


# --- Reports of inconsistency -----------------------------------------------------------------


class ResponseSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(ResponseKind, read_only=True)
    responded_by = serializers.SerializerMethodField()

    class Meta:
        model = ReportResponse
        fields = ["kind", "text", "responded_by", "responded_at"]

    def get_responded_by(self, response) -> str:
        return _name(response.responded_by)


class ReporterSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.CharField()
    organisation = OrganisationSummarySerializer(allow_null=True)


class ReportSerializer(serializers.ModelSerializer):
    """A report. `reporter` is there for the national talent team only: for everyone else the
    key is absent, and `reported_by` says no more than "a trust or CCG user"."""

    url = serializers.HyperlinkedIdentityField(view_name="api-pledge-report-detail")
    pledge = PledgeSummarySerializer(read_only=True)
    status = NamedChoiceField(ReportStatus, read_only=True)
    reported_by = serializers.SerializerMethodField(
        help_text="Who reported it, as you may be told: “You”, “A trust or CCG user”, or the "
        "reporter's name for the national talent team."
    )
    reported_by_you = serializers.SerializerMethodField()
    responses = ResponseSerializer(many=True, read_only=True)
    reporter = serializers.SerializerMethodField(
        help_text="National talent team only: who reported it, and for which organisation."
    )

    class Meta:
        model = InconsistencyReport
        fields = [
            "id",
            "url",
            "pledge",
            "what_happened",
            "happened_on",
            "reported_at",
            "status",
            "reported_by",
            "reported_by_you",
            "responses",
            "reporter",
        ]
        read_only_fields = fields
        fields_for_some_roles = ["reporter"]

    def get_reported_by(self, report) -> str:
        return selectors.reporter_description(report, user=_user(self))

    def get_reported_by_you(self, report) -> bool:
        user = _user(self)
        return user is not None and report.reported_by_id == user.pk

    @extend_schema_field(ReporterSerializer(allow_null=True))
    def get_reporter(self, report):
        return ReporterSerializer(
            {
                "name": _name(report.reported_by),
                "email": report.reported_by.email,
                "organisation": report.reporter_organisation,
            }
        ).data

    def get_fields(self):
        fields = super().get_fields()
        user = _user(self)
        if for_schema(self):
            return fields  # one schema for every role: `reporter` is there, not required
        if user is None or not user.has_perm("pledges.see_reporter"):
            del fields["reporter"]  # never computed, never sent
        return fields


class ReportCreateSerializer(serializers.Serializer):
    pledge = serializers.PrimaryKeyRelatedField(queryset=Pledge.objects.all())
    what_happened = serializers.CharField()
    happened_on = serializers.DateField()
    organisation = serializers.CharField(
        required=False,
        help_text="The ODS code of the trust or CCG you report from, if you act for more than one.",
    )


class ReportRespondSerializer(serializers.Serializer):
    kind = NamedChoiceField(ResponseKind)
    text = serializers.CharField()
