"""Reads that join people with the posts they hold and the slates they are on, scoped to the
user: HR directors and chairs see their own organisations' people; national talent pool members
who agreed to be visible can be found as successors."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.roles import is_national
from orgs.models import Organisation
from succession.models import Incumbency, Nomination, NominationStatus, Post
from talent.models import Person
from talent.selectors import people_matching, people_visible_to

from . import posts_visible_to


@dataclass
class CappedList:
    """The first `len(items)` of `total` matches: a list that may stop early says so."""

    items: list
    total: int

    @property
    def is_capped(self) -> bool:
        return self.total > len(self.items)


def successor_candidates(*, user, post: Post, query: str, limit: int = 25) -> CappedList:
    """People who may be named on this post's slate: the organisation's own people and national
    pool members who agreed to be visible to other organisations (everyone, for the national
    team). The current holder and people already on the slate are left out. Each comes with the
    posts they hold now (`current_incumbencies`), so that two people of one name can be told
    apart; `total` counts every match, not only the first `limit`."""
    if is_national(user):
        people = Person.objects.all()
    else:
        people = Person.objects.filter(
            Q(organisation_id=post.organisation_id)
            | Q(
                talent_profile__in_national_pool=True,
                talent_profile__visible_to_other_organisations=True,
            )
        )
    excluded = Nomination.objects.filter(plan__post=post, status=NominationStatus.ACTIVE).values(
        "person_id"
    )
    holders = post.incumbencies.current().values("person_id")
    people = people_matching(people.exclude(pk__in=excluded).exclude(pk__in=holders), query)
    shown = list(
        people.select_related("organisation", "talent_profile")
        .prefetch_related(
            Prefetch(
                "incumbencies",
                queryset=Incumbency.objects.current()
                .select_related("post", "post__organisation")
                .order_by("post__title"),
                to_attr="current_incumbencies",
            )
        )
        .order_by("last_name", "first_name", "pk")[:limit]
    )
    total = len(shown) if len(shown) < limit else people.count()
    return CappedList(items=shown, total=total)


def person_nominations(person: Person) -> list[Nomination]:
    """The posts a person is on the slate for, anywhere in the country."""
    return list(
        person.nominations.filter(status=NominationStatus.ACTIVE)
        .select_related("plan__post", "plan__post__organisation")
        .order_by("plan__post__organisation__name", "plan__post__title")
    )


def people_list(
    *, user, query: str = "", organisation: Organisation | None = None
) -> QuerySet[Person]:
    """The people the user may see, for the people list: each with their current posts
    (`current_incumbencies`) and how many slates they are on (`slates_count`), in three queries
    whatever the page size (count, page, posts held)."""
    people = people_visible_to(user)
    if organisation is not None:
        people = people.filter(organisation=organisation)
    return (
        people_matching(people, query)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "incumbencies",
                queryset=Incumbency.objects.current()
                .select_related("post")
                .order_by("post__title"),
                to_attr="current_incumbencies",
            )
        )
        .annotate(
            slates_count=Count("nominations", filter=Q(nominations__status=NominationStatus.ACTIVE))
        )
        .order_by("last_name", "first_name", "pk")
    )


def person_posts_held(*, user, person: Person) -> list[Incumbency]:
    """Every post the person holds or held in this service, current ones first, each marked
    `post_is_visible` when the user may open that post's page."""
    incumbencies = list(
        person.incumbencies.select_related("post", "post__organisation").order_by(
            F("ended_on").desc(nulls_first=True), "-started_on", "-pk"
        )
    )
    _mark_visible_posts(user, incumbencies, lambda incumbency: incumbency.post_id)
    return incumbencies


def person_nominations_for(*, user, person: Person) -> list[Nomination]:
    """The posts a person is on the slate for, anywhere, each marked `post_is_visible` when the
    user may open that post's page (otherwise the page shows its title and organisation only)."""
    nominations = person_nominations(person)
    _mark_visible_posts(user, nominations, lambda nomination: nomination.plan.post_id)
    return nominations


def _mark_visible_posts(user, items: list, post_id_of) -> None:
    post_ids = {post_id_of(item) for item in items}
    if not post_ids:
        return
    visible = set(posts_visible_to(user).filter(pk__in=post_ids).values_list("pk", flat=True))
    for item in items:
        item.post_is_visible = post_id_of(item) in visible


def _successor_pool(*, user, post: Post) -> QuerySet[Person]:
    """Everyone the user may name on this post's slate, before leaving anyone out: the same
    people successor_candidates searches."""
    if is_national(user):
        return Person.objects.all()
    return Person.objects.filter(
        Q(organisation_id=post.organisation_id)
        | Q(
            talent_profile__in_national_pool=True,
            talent_profile__visible_to_other_organisations=True,
        )
    )


def successor_candidate_for_user(*, user, post: Post, pk: int) -> Person:
    """One person the user may name on this post's slate, or 404. The holder and people already
    on the slate are found too, so that the form can say why they cannot be added."""
    queryset = _successor_pool(user=user, post=post).select_related(
        "organisation", "talent_profile"
    )
    return get_object_or_404(queryset.distinct(), pk=pk)
