"""Posts, holders, plans and nominations as the API shows them, and the thin serializers that
check the shape of what a client sends. Business rules are the services' (succession.services)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.selectors import organisations_acted_for
from core.api import OptionalChoiceField, version_field
from orgs.api.serializers import OrganisationSummarySerializer
from orgs.models import Organisation
from succession import selectors
from succession.models import (
    ConsentMethod,
    DepartureReason,
    Incumbency,
    IncumbencyKind,
    Nomination,
    Post,
    SignOff,
    SuccessionPlan,
)
from talent.api.serializers import PersonSummarySerializer
from talent.models import Readiness


def _user(serializer: serializers.BaseSerializer):
    request = serializer.context.get("request")
    return request.user if request is not None else None


# --- Posts ------------------------------------------------------------------------------------


class PostSummarySerializer(serializers.ModelSerializer):
    """The post an object belongs to, as other resources embed it."""

    organisation = OrganisationSummarySerializer(read_only=True)

    class Meta:
        model = Post
        fields = ["id", "title", "role", "organisation"]


class PersonNameSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class HolderSummarySerializer(serializers.ModelSerializer):
    incumbency = serializers.IntegerField(source="pk", read_only=True)
    person = PersonNameSerializer(read_only=True)

    class Meta:
        model = Incumbency
        fields = ["incumbency", "person", "kind", "started_on", "expected_departure_on"]


class CoverageSerializer(serializers.Serializer):
    """How well the post's succession slate covers it: active successors by readiness."""

    ready_now = serializers.IntegerField(source="ready_now_count")
    ready_in_1_2_years = serializers.IntegerField(source="one_to_two_count")
    ready_in_3_5_years = serializers.IntegerField(source="three_to_five_count")
    emergency_cover_named = serializers.SerializerMethodField()

    def get_emergency_cover_named(self, post) -> bool:
        return post.emergency_cover_count > 0


class PostSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-post-detail")
    organisation = OrganisationSummarySerializer(read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    holder = serializers.SerializerMethodField(help_text="The current holder; null if vacant.")
    coverage = CoverageSerializer(source="*", read_only=True)
    plan = serializers.HyperlinkedIdentityField(
        view_name="api-plan-detail", lookup_url_kwarg="post_id"
    )
    shared_with = OrganisationSummarySerializer(
        many=True,
        read_only=True,
        help_text="For a shared (joint) post, the other organisations holding it; "
        "`organisation` is the lead, which owns the plan. Empty for most posts.",
    )

    class Meta:
        model = Post
        fields = [
            "id",
            "url",
            "organisation",
            "shared_with",
            "role",
            "role_label",
            "title",
            "is_top_200",
            "criticality",
            "abolished_on",
            "version",
            "holder",
            "coverage",
            "plan",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(HolderSummarySerializer(allow_null=True))
    def get_holder(self, post):
        holders = post.current_incumbencies
        return HolderSummarySerializer(holders[0]).data if holders else None


class PostCreateSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="ods_code",
        queryset=Organisation.objects.none(),  # narrowed to the user's in __init__
        help_text="The ODS code of the organisation the post belongs to.",
    )

    class Meta:
        model = Post
        fields = ["organisation", "role", "title", "is_top_200", "criticality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_acted_for(_user(self))


class PostUpdateSerializer(serializers.ModelSerializer):
    version = version_field("post")

    class Meta:
        model = Post
        fields = ["role", "title", "is_top_200", "criticality", "version"]


# --- Holders ----------------------------------------------------------------------------------


class IncumbencySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-incumbency-detail")
    post = PostSummarySerializer(read_only=True)
    person = PersonSummarySerializer(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    is_current = serializers.BooleanField(read_only=True)
    departure_reason = OptionalChoiceField(choices=DepartureReason.choices)

    class Meta:
        model = Incumbency
        fields = [
            "id",
            "url",
            "post",
            "person",
            "kind",
            "kind_label",
            "started_on",
            "ended_on",
            "expected_departure_on",
            "departure_reason",
            "is_current",
        ]
        read_only_fields = fields


class IncumbencyCreateSerializer(serializers.Serializer):
    """A new holder of a post: the current holder's time ends on the day the new one starts."""

    post = serializers.PrimaryKeyRelatedField(queryset=Post.objects.none())
    person = serializers.IntegerField(
        help_text="The id of one of the post's organisation's people (see /api/people/)."
    )
    kind = serializers.ChoiceField(choices=IncumbencyKind.choices)
    started_on = serializers.DateField()
    expected_departure_on = serializers.DateField(required=False, allow_null=True, default=None)
    departure_reason = serializers.ChoiceField(
        choices=DepartureReason.choices, required=False, allow_blank=True, default=""
    )
    previous_holder_reason = serializers.ChoiceField(
        choices=DepartureReason.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the current holder is leaving, if there is one.",
    )
    post_version = version_field("post")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = selectors.posts_visible_to(_user(self))


# --- Plans ------------------------------------------------------------------------------------


class SlateEntrySerializer(serializers.ModelSerializer):
    """One successor on a plan's slate, in rank order."""

    person = PersonSummarySerializer(read_only=True)
    readiness_label = serializers.CharField(source="get_readiness_display", read_only=True)
    slates_count = serializers.IntegerField(
        read_only=True, help_text="How many slates this person is on now, this one included."
    )
    is_widely_nominated = serializers.SerializerMethodField(
        help_text=f"On {selectors.MANY_NOMINATIONS} or more slates: they cannot succeed everyone."
    )

    class Meta:
        model = Nomination
        fields = [
            "id",
            "rank",
            "person",
            "readiness",
            "readiness_label",
            "is_emergency_cover",
            "notes",
            "slates_count",
            "is_widely_nominated",
        ]
        read_only_fields = fields

    def get_is_widely_nominated(self, nomination) -> bool:
        return nomination.slates_count >= selectors.MANY_NOMINATIONS


class SignOffSummarySerializer(serializers.ModelSerializer):
    signed_by = serializers.StringRelatedField()

    class Meta:
        model = SignOff
        fields = ["id", "signed_by", "signed_at", "plan_version", "comment"]
        read_only_fields = fields


class SignedSlateEntrySerializer(serializers.Serializer):
    """One successor as the slate stood when it was signed off."""

    person_id = serializers.IntegerField()
    name = serializers.CharField()
    readiness = serializers.ChoiceField(choices=Readiness.choices)
    readiness_label = serializers.CharField()
    rank = serializers.IntegerField()
    emergency_cover = serializers.BooleanField()
    notes = serializers.CharField(allow_blank=True)


class SignOffSerializer(SignOffSummarySerializer):
    post = serializers.IntegerField(source="plan.post_id", read_only=True)
    slate = SignedSlateEntrySerializer(many=True, read_only=True)

    class Meta(SignOffSummarySerializer.Meta):
        fields = ["id", "post", *SignOffSummarySerializer.Meta.fields, "slate"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api-plan-detail", lookup_field="post_id", lookup_url_kwarg="post_id"
    )
    post = PostSummarySerializer(read_only=True)
    last_reviewed_by = serializers.StringRelatedField(allow_null=True)
    sign_off_requested_by = serializers.StringRelatedField(allow_null=True)
    slate = SlateEntrySerializer(many=True, read_only=True)
    sign_offs = SignOffSummarySerializer(source="sign_offs_newest_first", many=True, read_only=True)

    class Meta:
        model = SuccessionPlan
        fields = [
            "id",
            "url",
            "post",
            "version",
            "last_reviewed_on",
            "last_reviewed_by",
            "sign_off_requested_at",
            "sign_off_requested_by",
            "slate",
            "sign_offs",
        ]
        read_only_fields = fields


class PlanDetailSerializer(PlanSerializer):
    changes_since_sign_off = serializers.SerializerMethodField(
        help_text="How the slate differs from the one last signed off (empty if never signed)."
    )

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "changes_since_sign_off"]
        read_only_fields = fields

    def get_changes_since_sign_off(self, plan) -> list[str]:
        return selectors.plan_sign_off_state(plan).differences


class PlanReviewSerializer(serializers.Serializer):
    reviewed_on = serializers.DateField()
    version = version_field("plan")


class PlanRequestSignOffSerializer(serializers.Serializer):
    version = version_field("plan")


class PlanSignOffSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = version_field("plan")


class SlateReorderSerializer(serializers.Serializer):
    nomination_ids = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Every nomination on the slate once, in the new order.",
    )
    version = version_field("plan")


# --- Nominations ------------------------------------------------------------------------------


class NominationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-nomination-detail")
    post = PostSummarySerializer(source="plan.post", read_only=True)
    person = PersonSummarySerializer(read_only=True)
    readiness_label = serializers.CharField(source="get_readiness_display", read_only=True)
    plan_version = serializers.IntegerField(
        source="plan.version", read_only=True, help_text="Send this with changes to the slate."
    )
    consent_method = OptionalChoiceField(
        choices=ConsentMethod.choices,
        help_text="How someone from another organisation agreed to this nomination, if needed.",
    )

    class Meta:
        model = Nomination
        fields = [
            "id",
            "url",
            "plan",
            "post",
            "person",
            "readiness",
            "readiness_label",
            "rank",
            "is_emergency_cover",
            "notes",
            "status",
            "removed_reason",
            "created_at",
            "ended_at",
            "consent_given_on",
            "consent_method",
            "plan_version",
        ]
        read_only_fields = fields


class NominationCreateSerializer(serializers.Serializer):
    post = serializers.PrimaryKeyRelatedField(
        queryset=Post.objects.none(), help_text="The post whose slate the person goes on."
    )
    person = serializers.IntegerField(
        help_text="The id of someone from the post's organisation or the national talent pool."
    )
    readiness = serializers.ChoiceField(choices=Readiness.choices)
    is_emergency_cover = serializers.BooleanField(required=False, default=False)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    consent_given_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Needed for someone from another organisation who has not agreed to be "
        "visible to other organisations: the date they agreed to this nomination.",
    )
    consent_method = serializers.ChoiceField(
        choices=ConsentMethod.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="With consent_given_on: how they agreed to this nomination.",
    )
    plan_version = version_field("plan")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = selectors.posts_visible_to(_user(self))


class NominationUpdateSerializer(serializers.Serializer):
    readiness = serializers.ChoiceField(choices=Readiness.choices)
    notes = serializers.CharField(allow_blank=True)
    is_emergency_cover = serializers.BooleanField()
    plan_version = version_field("plan")


class NominationRemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        allow_blank=True, help_text="Why this successor is taken off the slate."
    )
    plan_version = version_field("plan")
