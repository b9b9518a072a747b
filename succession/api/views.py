"""Posts, holders, plans and nominations. Thin: permission -> selector or service -> serializer.

Reads go through succession.selectors (another organisation's object is 404); writes through
succession.services with the permissions of succession/rules.py, as the pages do."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api import CONFLICT_RESPONSE, ServiceWritesMixin
from core.editing_views import require
from succession import selectors, services
from succession.selectors.people import successor_candidate_for_user

from .filters import IncumbencyFilter, NominationFilter, PlanFilter, PostFilter
from .serializers import (
    IncumbencyCreateSerializer,
    IncumbencySerializer,
    NominationCreateSerializer,
    NominationRemoveSerializer,
    NominationSerializer,
    NominationUpdateSerializer,
    PlanDetailSerializer,
    PlanRequestSignOffSerializer,
    PlanReviewSerializer,
    PlanSerializer,
    PlanSignOffSerializer,
    PostCreateSerializer,
    PostSerializer,
    PostUpdateSerializer,
    SignOffSerializer,
    SlateReorderSerializer,
)

# --- Posts ------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List the posts you may see"),
    retrieve=extend_schema(summary="One post, with its holder and successor coverage"),
)
class PostViewSet(
    ServiceWritesMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Leadership posts, each with its current holder and how well its slate covers it."""

    renderer_classes = [JSONRenderer]
    serializer_class = PostSerializer
    filterset_class = PostFilter
    lookup_value_converter = "int"

    def get_queryset(self):
        return selectors.posts_with_details(user=self.request.user)

    def _answer(self, post, status_code=status.HTTP_200_OK) -> Response:
        post = self.get_queryset().get(pk=post.pk)
        return Response(self.get_serializer(post).data, status=status_code)

    @extend_schema(
        summary="Add a post (HR director of its organisation)",
        request=PostCreateSerializer,
        responses={201: PostSerializer},
    )
    def create(self, request):
        fields = self.validated_input(PostCreateSerializer)
        organisation = fields.pop("organisation")
        require(request.user, "succession.create_post", organisation)
        post = services.post_create(organisation=organisation, **fields)
        return self._answer(post, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a post (HR director of its organisation)",
        request=PostUpdateSerializer,
        responses={200: PostSerializer, 409: CONFLICT_RESPONSE},
    )
    def update(self, request, pk=None):
        return self._update(pk, partial=False)

    @extend_schema(
        summary="Change some of a post's details (HR director of its organisation)",
        request=PostUpdateSerializer,
        responses={200: PostSerializer, 409: CONFLICT_RESPONSE},
    )
    def partial_update(self, request, pk=None):
        return self._update(pk, partial=True)

    def _update(self, pk, *, partial: bool) -> Response:
        post = selectors.post_for_user(user=self.request.user, pk=pk)
        require(self.request.user, "succession.edit_post", post)
        changes = self.validated_input(
            PostUpdateSerializer, partial=partial, always_required=["version"]
        )
        version = changes.pop("version")
        services.post_update(post=post, expected_version=version, **changes)
        return self._answer(post)


# --- Holders ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List holders, past and present, of the posts you may see"),
    retrieve=extend_schema(summary="One holder's time in a post"),
)
class IncumbencyViewSet(
    ServiceWritesMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Who holds or held each post, from when to when, and on what footing."""

    renderer_classes = [JSONRenderer]
    serializer_class = IncumbencySerializer
    filterset_class = IncumbencyFilter
    lookup_value_converter = "int"

    def get_queryset(self):
        return selectors.incumbencies_visible_to(self.request.user)

    @extend_schema(
        summary="Record a new holder of a post (HR director of its organisation)",
        request=IncumbencyCreateSerializer,
        responses={201: IncumbencySerializer, 409: CONFLICT_RESPONSE},
    )
    def create(self, request):
        fields = self.validated_input(IncumbencyCreateSerializer)
        post = fields.pop("post")
        require(request.user, "succession.edit_post", post)
        person = (
            selectors.people_for_new_holder(user=request.user, post=post)
            .filter(pk=fields.pop("person"))
            .first()
        )
        if person is None:
            raise ValidationError(
                {
                    "person": [
                        f"Choose one of {post.organisation.display_name}’s people who does not "
                        "hold this post now."
                    ]
                }
            )
        incumbency = services.incumbency_start(
            post=post, person=person, expected_version=fields.pop("post_version"), **fields
        )
        incumbency = self.get_queryset().get(pk=incumbency.pk)
        return Response(self.get_serializer(incumbency).data, status=status.HTTP_201_CREATED)


# --- Plans ------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List the succession plans you may see, with their slates"),
    retrieve=extend_schema(summary="A post's succession plan, by the post's id"),
)
class PlanViewSet(ServiceWritesMixin, viewsets.ReadOnlyModelViewSet):
    """A post has one succession plan, so a plan is found by its post's id."""

    renderer_classes = [JSONRenderer]
    filterset_class = PlanFilter
    lookup_field = "post_id"
    lookup_value_converter = "int"

    def get_queryset(self):
        return selectors.plans_visible_to(self.request.user)

    def get_serializer_class(self):
        return PlanSerializer if self.action == "list" else PlanDetailSerializer

    def _plan_for(self, permission: str):
        post = selectors.post_for_user(user=self.request.user, pk=self.kwargs["post_id"])
        require(self.request.user, permission, post.plan)
        return post.plan

    def _answer(self, plan) -> Response:
        plan = self.get_queryset().get(pk=plan.pk)
        return Response(PlanDetailSerializer(plan, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Record a review of the plan (HR director)",
        request=PlanReviewSerializer,
        responses={200: PlanDetailSerializer, 409: CONFLICT_RESPONSE},
    )
    @action(detail=True, methods=["post"])
    def review(self, request, post_id=None):
        plan = self._plan_for("succession.manage_plan")
        fields = self.validated_input(PlanReviewSerializer)
        services.plan_record_review(
            plan=plan,
            reviewed_on=fields["reviewed_on"],
            by=request.user,
            expected_version=fields["version"],
        )
        return self._answer(plan)

    @extend_schema(
        summary="Ask the organisation's chair to sign off the plan (HR director)",
        description="Each chair of the organisation is emailed a link to the sign-off page.",
        request=PlanRequestSignOffSerializer,
        responses={200: PlanDetailSerializer, 409: CONFLICT_RESPONSE},
    )
    @action(detail=True, methods=["post"], url_path="request-sign-off")
    def request_sign_off(self, request, post_id=None):
        plan = self._plan_for("succession.manage_plan")
        fields = self.validated_input(PlanRequestSignOffSerializer)
        sign_off_page = reverse("succession:plan_sign_off", args=[plan.post_id])
        services.plan_request_sign_off_from_chairs(
            plan=plan,
            by=request.user,
            sign_off_url=request.build_absolute_uri(sign_off_page),
            expected_version=fields["version"],
        )
        return self._answer(plan)

    @extend_schema(
        summary="Sign off the slate as you read it (chair)",
        description="Freezes the slate at `version`; refused with 409 if it changed since.",
        request=PlanSignOffSerializer,
        responses={201: SignOffSerializer, 409: CONFLICT_RESPONSE},
    )
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, post_id=None):
        plan = self._plan_for("succession.sign_off_plan")
        fields = self.validated_input(PlanSignOffSerializer)
        sign_off = services.plan_sign_off_as_seen(
            plan=plan,
            by=request.user,
            expected_version=fields["version"],
            comment=fields["comment"],
        )
        return Response(SignOffSerializer(sign_off).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Put the slate in a new order (HR director)",
        request=SlateReorderSerializer,
        responses={200: PlanDetailSerializer, 409: CONFLICT_RESPONSE},
    )
    @action(detail=True, methods=["post"])
    def reorder(self, request, post_id=None):
        plan = self._plan_for("succession.manage_plan")
        fields = self.validated_input(SlateReorderSerializer)
        services.slate_reorder(
            plan=plan, nomination_ids=fields["nomination_ids"], expected_version=fields["version"]
        )
        return self._answer(plan)


# --- Nominations ------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="List nominations (on a slate now or not) you may see"),
    retrieve=extend_schema(summary="One nomination"),
)
class NominationViewSet(ServiceWritesMixin, viewsets.ModelViewSet):
    """People named as possible successors on posts' slates. Every change to a slate sends the
    plan's version (`plan_version`) it started from."""

    renderer_classes = [JSONRenderer]
    serializer_class = NominationSerializer
    filterset_class = NominationFilter
    lookup_value_converter = "int"

    def get_queryset(self):
        return selectors.nominations_visible_to(self.request.user)

    def _answer(self, nomination, status_code=status.HTTP_200_OK) -> Response:
        nomination = self.get_queryset().get(pk=nomination.pk)
        return Response(self.get_serializer(nomination).data, status=status_code)

    def _nomination_to_change(self):
        nomination = self.get_object()
        require(self.request.user, "succession.manage_plan", nomination)
        return nomination

    @extend_schema(
        summary="Name a successor on a post's slate (HR director, national talent team)",
        request=NominationCreateSerializer,
        responses={201: NominationSerializer, 409: CONFLICT_RESPONSE},
    )
    def create(self, request):
        fields = self.validated_input(NominationCreateSerializer)
        post = fields["post"]
        require(request.user, "succession.nominate", post.plan)
        try:
            person = successor_candidate_for_user(user=request.user, post=post, pk=fields["person"])
        except Http404:
            raise ValidationError(
                {
                    "person": [
                        "Choose someone from the post’s organisation or from the national "
                        "talent pool who agreed to be seen by other organisations."
                    ]
                }
            ) from None
        nomination = services.nomination_add(
            plan=post.plan,
            person=person,
            readiness=fields["readiness"],
            is_emergency_cover=fields["is_emergency_cover"],
            notes=fields["notes"],
            by=request.user,
            expected_version=fields["plan_version"],
            consent_method=fields["consent_method"],
            consent_given_on=fields["consent_given_on"],
        )
        return self._answer(nomination, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a successor's readiness, notes or emergency cover (HR director)",
        request=NominationUpdateSerializer,
        responses={200: NominationSerializer, 409: CONFLICT_RESPONSE},
    )
    def update(self, request, pk=None):
        return self._update(partial=False)

    @extend_schema(
        summary="Change some of a successor's details (HR director)",
        request=NominationUpdateSerializer,
        responses={200: NominationSerializer, 409: CONFLICT_RESPONSE},
    )
    def partial_update(self, request, pk=None):
        return self._update(partial=True)

    def _update(self, *, partial: bool) -> Response:
        nomination = self._nomination_to_change()
        fields = self.validated_input(
            NominationUpdateSerializer, partial=partial, always_required=["plan_version"]
        )
        version = fields["plan_version"]
        # Two services may each claim the plan's next version; both or neither are saved.
        with transaction.atomic():
            if "readiness" in fields or "notes" in fields:
                services.nomination_update(
                    nomination=nomination,
                    readiness=fields.get("readiness", nomination.readiness),
                    notes=fields.get("notes", nomination.notes),
                    expected_version=version,
                )
                version = nomination.plan.version
            cover = fields.get("is_emergency_cover")
            if cover is not None and cover != nomination.is_emergency_cover:
                services.nomination_set_emergency_cover(
                    nomination=nomination, is_emergency_cover=cover, expected_version=version
                )
        return self._answer(nomination)

    @extend_schema(
        summary="Take a successor off the slate, saying why (HR director)",
        description="The nomination is kept, marked as removed, with the reason. Send `reason` "
        "and `plan_version` as query parameters (or as a JSON body).",
        parameters=[
            OpenApiParameter("reason", OpenApiTypes.STR, required=True),
            OpenApiParameter("plan_version", OpenApiTypes.INT, required=True),
        ],
        request=None,
        responses={200: NominationSerializer, 409: CONFLICT_RESPONSE},
    )
    def destroy(self, request, pk=None):
        nomination = self._nomination_to_change()
        fields = self.validated_input(
            NominationRemoveSerializer, data=request.data or request.query_params
        )
        services.nomination_remove(
            nomination=nomination, reason=fields["reason"], expected_version=fields["plan_version"]
        )
        return self._answer(nomination)
