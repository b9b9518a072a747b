"""The national talent pool as the API shows it. HR directors and chairs get the summary only
(name, current post, readiness for target roles); the whole record, with nine-box, development,
programmes, mobility and aspirations, is for the national talent team. Equality monitoring data
is in neither: the API never gives it out."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import for_schema
from orgs.api.serializers import OrganisationSummarySerializer
from talent.models import (
    CalibrationPlacement,
    CalibrationSession,
    CohortMembership,
    DevelopmentActivity,
    NineBoxPlacement,
    Person,
    TargetRoleReadiness,
)


class CurrentPostSerializer(serializers.Serializer):
    post = serializers.IntegerField(source="post_id")
    title = serializers.CharField(source="post.title")
    organisation = OrganisationSummarySerializer(source="post.organisation")
    kind = serializers.CharField()


class ReadinessSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display")
    readiness_label = serializers.CharField(source="get_readiness_display")

    class Meta:
        model = TargetRoleReadiness
        fields = ["role", "role_label", "readiness", "readiness_label"]


class PoolMemberSummarySerializer(serializers.ModelSerializer):
    """What HR directors and chairs may see of a pool member who agreed to be visible."""

    name = serializers.CharField(source="full_name", read_only=True)
    current_posts = serializers.SerializerMethodField()
    readiness = serializers.SerializerMethodField(help_text="Readiness for target roles.")

    class Meta:
        model = Person
        fields = ["id", "name", "current_posts", "readiness"]

    @extend_schema_field(CurrentPostSerializer(many=True))
    def get_current_posts(self, person):
        posts = getattr(person, "current_incumbencies", None)
        if posts is None:
            posts = person.incumbencies.current().select_related("post", "post__organisation")
        return CurrentPostSerializer(posts, many=True).data

    @extend_schema_field(ReadinessSerializer(many=True))
    def get_readiness(self, person):
        entries = getattr(person, "readiness_list", None)
        if entries is None:
            entries = person.target_readiness.order_by("role")
        return ReadinessSerializer(entries, many=True).data


class NineBoxSerializer(serializers.Serializer):
    performance = serializers.IntegerField(allow_null=True, help_text="1 low, 2 moderate, 3 high")
    potential = serializers.IntegerField(allow_null=True, help_text="1 low, 2 moderate, 3 high")
    on = serializers.DateField(allow_null=True)


def _level(help_text: str = "") -> serializers.IntegerField:
    """A nine-box level, 1 (low) to 3 (high): plain numbers, one schema for all of them."""
    return serializers.IntegerField(
        allow_null=True,
        min_value=1,
        max_value=3,
        help_text=help_text or "1 low, 2 moderate, 3 high",
    )


class PlacementHistorySerializer(serializers.ModelSerializer):
    placed_by = serializers.StringRelatedField(
        allow_null=True, help_text="Who placed them; null if that account is gone."
    )
    performance = _level()
    potential = _level()
    previous_performance = _level()
    previous_potential = _level()

    class Meta:
        model = NineBoxPlacement
        fields = [
            "kind",
            "performance",
            "potential",
            "previous_performance",
            "previous_potential",
            "session",
            "reason",
            "placed_by",
            "placed_at",
        ]


class CohortMembershipSerializer(serializers.ModelSerializer):
    cohort = serializers.StringRelatedField()

    class Meta:
        model = CohortMembership
        fields = ["cohort", "joined_on", "left_on"]


class DevelopmentSerializer(serializers.ModelSerializer):
    mentor = serializers.CharField(source="mentor_display")
    cohort = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = DevelopmentActivity
        fields = ["id", "kind", "title", "cohort", "mentor", "status", "starts_on", "ends_on"]


def _national_only(help_text) -> str:
    return "National talent team only: absent for HR directors and chairs." + (
        f" {help_text}" if help_text else ""
    )


class PoolMemberSerializer(PoolMemberSummarySerializer):
    """A pool member's whole record, for the national talent team."""

    organisation = OrganisationSummarySerializer(read_only=True, allow_null=True)
    professional_background = serializers.CharField()
    in_national_pool = serializers.BooleanField(source="talent_profile.in_national_pool")
    joined_pool_on = serializers.DateField(source="talent_profile.joined_pool_on")
    visible_to_other_organisations = serializers.BooleanField(
        source="talent_profile.visible_to_other_organisations"
    )
    aspirations = serializers.CharField(source="talent_profile.aspirations")
    mobility = serializers.SerializerMethodField(help_text="Regions they would work in.")
    nine_box_original = serializers.SerializerMethodField()
    nine_box_calibrated = serializers.SerializerMethodField()
    slates_count = serializers.SerializerMethodField()

    class Meta(PoolMemberSummarySerializer.Meta):
        whole_record = [
            "organisation",
            "professional_background",
            "in_national_pool",
            "joined_pool_on",
            "visible_to_other_organisations",
            "aspirations",
            "mobility",
            "nine_box_original",
            "nine_box_calibrated",
            "slates_count",
        ]
        fields = [*PoolMemberSummarySerializer.Meta.fields, *whole_record]
        # HR directors and chairs get the summary: the schema says so (core.api.AutoSchema).
        fields_for_some_roles = whole_record

    def get_fields(self):
        fields = super().get_fields()
        if for_schema(self):
            for name in PoolMemberSerializer.Meta.fields_for_some_roles:
                fields[name].help_text = _national_only(fields[name].help_text)
        return fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_mobility(self, person):
        return [region.code for region in person.talent_profile.mobility_regions.all()]

    @extend_schema_field(NineBoxSerializer)
    def get_nine_box_original(self, person):
        profile = person.talent_profile
        return {
            "performance": profile.performance,
            "potential": profile.potential,
            "on": profile.placed_on,
        }

    @extend_schema_field(NineBoxSerializer)
    def get_nine_box_calibrated(self, person):
        profile = person.talent_profile
        return {
            "performance": profile.calibrated_performance,
            "potential": profile.calibrated_potential,
            "on": profile.calibrated_on,
        }

    @extend_schema_field(serializers.IntegerField())
    def get_slates_count(self, person):
        count = getattr(person, "slates_count", None)
        if count is None:
            count = person.nominations.filter(status="active").count()
        return count


class PoolMemberDetailSerializer(PoolMemberSerializer):
    history = PlacementHistorySerializer(source="nine_box_placements", many=True)
    cohorts = CohortMembershipSerializer(source="cohort_memberships", many=True)
    development = DevelopmentSerializer(many=True)

    class Meta(PoolMemberSerializer.Meta):
        fields = [*PoolMemberSerializer.Meta.fields, "history", "cohorts", "development"]
        fields_for_some_roles = [
            *PoolMemberSerializer.Meta.fields_for_some_roles,
            "history",
            "cohorts",
            "development",
        ]

    def get_fields(self):
        fields = super().get_fields()
        if for_schema(self):
            for name in self.Meta.fields_for_some_roles:
                fields[name].help_text = _national_only(fields[name].help_text)
        return fields


class CalibrationPlacementSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.full_name")
    starting_performance = _level("Where they started: 1 low, 2 moderate, 3 high")
    starting_potential = _level("Where they started: 1 low, 2 moderate, 3 high")
    performance = _level()
    potential = _level()

    class Meta:
        model = CalibrationPlacement
        fields = [
            "person",
            "name",
            "starting_performance",
            "starting_potential",
            "performance",
            "potential",
            "version",
        ]


class CalibrationSessionSerializer(serializers.ModelSerializer):
    cohort = serializers.StringRelatedField()
    placements = CalibrationPlacementSerializer(many=True)

    class Meta:
        model = CalibrationSession
        fields = ["id", "cohort", "held_on", "status", "opened_at", "closed_at", "placements"]
