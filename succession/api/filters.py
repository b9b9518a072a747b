"""Query-string filters for the posts, holders, plans and nominations lists."""

import django_filters

from core.filters import BooleanFilter, IdFilter
from succession.models import Incumbency, Nomination, NominationStatus, Post, SuccessionPlan
from talent.models import PostRole


class PostFilter(django_filters.FilterSet):
    organisation = django_filters.CharFilter(
        field_name="organisation__ods_code",
        lookup_expr="iexact",
        label="The ODS code of the organisation",
    )
    region = django_filters.CharFilter(
        field_name="organisation__region__code",
        lookup_expr="iexact",
        label="The ODS code of the NHS England region (Y56 is London)",
    )
    role = django_filters.ChoiceFilter(choices=PostRole.choices)
    top_200 = BooleanFilter(
        field_name="is_top_200", label="Only national top-200 posts (true), or only others (false)"
    )
    abolished = BooleanFilter(
        field_name="abolished_on",
        lookup_expr="isnull",
        exclude=True,
        label="Only abolished posts (true), or only open ones (false)",
    )

    class Meta:
        model = Post
        fields = ["organisation", "region", "role", "top_200", "abolished"]


class IncumbencyFilter(django_filters.FilterSet):
    post = IdFilter(field_name="post_id", label="The post's id")
    person = IdFilter(field_name="person_id", label="The person's id")
    current = BooleanFilter(
        field_name="ended_on",
        lookup_expr="isnull",
        label="Only current holders (true), or only past ones (false)",
    )

    class Meta:
        model = Incumbency
        fields = ["post", "person", "current"]


class PlanFilter(django_filters.FilterSet):
    organisation = django_filters.CharFilter(
        field_name="post__organisation__ods_code",
        lookup_expr="iexact",
        label="The ODS code of the organisation",
    )
    top_200 = BooleanFilter(field_name="post__is_top_200")

    class Meta:
        model = SuccessionPlan
        fields = ["organisation", "top_200"]


class NominationFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id", label="The plan's id")
    post = IdFilter(field_name="plan__post_id", label="The post's id")
    person = IdFilter(field_name="person_id", label="The person's id")
    status = django_filters.ChoiceFilter(choices=NominationStatus.choices)

    class Meta:
        model = Nomination
        fields = ["plan", "post", "person", "status"]
