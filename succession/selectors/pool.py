"""Reads for the national talent pool, scoped to the user: the national talent team sees every
pool member's whole record; HR directors and chairs see only members who agreed to be visible to
other organisations, and of them only their name, current post and readiness for target roles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Role
from accounts.roles import has_role, organisation_scope
from orgs.models import Organisation, Region
from succession.models import Incumbency, Nomination, NominationStatus, Post
from talent.filters import PoolFilter
from talent.models import (
    CohortMembership,
    DevelopmentActivity,
    NineBoxPlacement,
    Person,
    Readiness,
    TalentProfile,
    TargetRoleReadiness,
    post_roles_for,
    target_role_of,
)

from . import MANY_NOMINATIONS, posts_visible_to

READINESS_ORDER = {value: index for index, value in enumerate(Readiness.values)}


def sees_whole_records(user) -> bool:
    """The national talent team sees nine-box, development, cohorts, mobility and aspirations."""
    return user.has_perm("talent.see_talent_record")


def pool_members_visible_to(user) -> QuerySet[Person]:
    """The pool members the user may find: all of them for the national talent team; those who
    agreed to be visible to other organisations for HR directors and chairs; nobody else."""
    in_pool = Person.objects.filter(talent_profile__in_national_pool=True)
    if has_role(user, Role.NATIONAL_TALENT_TEAM):
        return in_pool
    if organisation_scope(user).organisation_ids:
        return in_pool.filter(talent_profile__visible_to_other_organisations=True)
    return Person.objects.none()


def regions_with_organisations() -> QuerySet[Region]:
    """The regions the service's organisations belong to (the choices for mobility and filters)."""
    return Region.objects.filter(
        pk__in=Organisation.objects.exclude(region=None).values("region_id")
    ).order_by("short_name")


# --- Search ------------------------------------------------------------------------------------


def _current_posts() -> Prefetch:
    return Prefetch(
        "incumbencies",
        queryset=Incumbency.objects.current()
        .select_related("post", "post__organisation")
        .order_by("post__title"),
        to_attr="current_incumbencies",
    )


def _readiness_list() -> Prefetch:
    return Prefetch(
        "target_readiness",
        queryset=TargetRoleReadiness.objects.order_by("role"),
        to_attr="readiness_list",
    )


def pool_search(*, user) -> QuerySet[Person]:
    """Every pool member the user may find, by last name, each with their current posts
    (`current_incumbencies`) and readiness for target roles (`readiness_list`); for the national
    team also how many slates they are on (`slates_count`), their nine-box placement that counts
    (`box_performance`, `box_potential`) and the regions they would work in (`regions`)."""
    people = (
        pool_members_visible_to(user)
        .select_related("organisation", "talent_profile")
        .prefetch_related(_current_posts(), _readiness_list())
    )
    if sees_whole_records(user):
        people = people.annotate(
            box_performance=Coalesce(
                "talent_profile__calibrated_performance", "talent_profile__performance"
            ),
            box_potential=Coalesce(
                "talent_profile__calibrated_potential", "talent_profile__potential"
            ),
            slates_count=Count(
                "nominations", filter=Q(nominations__status=NominationStatus.ACTIVE)
            ),
        ).prefetch_related(
            Prefetch(
                "talent_profile__mobility_regions",
                queryset=Region.objects.order_by("short_name"),
            )
        )
    return people.distinct().order_by("last_name", "first_name", "pk")


def pool_filter(*, user, data=None) -> PoolFilter:
    """The pool search (talent.filters.PoolFilter) over pool_search's members: `.qs` is the
    results, `.form` the page's form with any errors, `.asked` what was validly asked."""
    return PoolFilter(
        data,
        queryset=pool_search(user=user),
        whole_records=sees_whole_records(user),
        regions=regions_with_organisations(),
    )


def mark_search_results(people, *, target_role: str = "") -> None:
    """Give each result on a page what its row shows: the readiness for the searched role first,
    and a flag for people named on many slates."""
    for person in people:
        readiness = list(getattr(person, "readiness_list", []))
        readiness.sort(key=lambda entry: (entry.role != target_role, entry.role))
        person.readiness_shown = readiness
        count = getattr(person, "slates_count", 0)
        person.is_widely_nominated = count >= MANY_NOMINATIONS


# --- A pool member ------------------------------------------------------------------------------


def pool_person_for_user(*, user, pk: int) -> Person:
    """A person whose pool record the user may open, or 404: anyone for the national team (so
    they can add people to the pool); visible pool members for HR directors and chairs."""
    people = Person.objects.all() if sees_whole_records(user) else pool_members_visible_to(user)
    return get_object_or_404(
        people.select_related("organisation", "organisation__region", "talent_profile"), pk=pk
    )


def talent_profile_of(person: Person) -> TalentProfile | None:
    try:
        return person.talent_profile
    except TalentProfile.DoesNotExist:
        return None


@dataclass
class PoolSummary:
    """What HR directors and chairs may see of a visible pool member."""

    person: Person
    current_posts: list[Incumbency]
    readiness: list[TargetRoleReadiness]


def pool_summary(person: Person) -> PoolSummary:
    return PoolSummary(
        person=person,
        current_posts=list(
            person.incumbencies.current()
            .select_related("post", "post__organisation")
            .order_by("post__title")
        ),
        readiness=list(person.target_readiness.order_by("role")),
    )


@dataclass
class PoolRecord(PoolSummary):
    """A pool member's whole record, for the national talent team."""

    profile: TalentProfile | None = None
    mobility: list[Region] = field(default_factory=list)
    cohorts: list[CohortMembership] = field(default_factory=list)
    placements: list[NineBoxPlacement] = field(default_factory=list)
    development: list[DevelopmentActivity] = field(default_factory=list)
    nominations: list[Nomination] = field(default_factory=list)

    @property
    def is_widely_nominated(self) -> bool:
        return len(self.nominations) >= MANY_NOMINATIONS


def pool_record(person: Person) -> PoolRecord:
    profile = talent_profile_of(person)
    summary = pool_summary(person)
    return PoolRecord(
        **summary.__dict__,
        profile=profile,
        mobility=list(profile.mobility_regions.order_by("short_name")) if profile else [],
        cohorts=list(
            person.cohort_memberships.select_related("cohort", "cohort__programme").order_by(
                "-joined_on", "pk"
            )
        ),
        placements=list(
            person.nine_box_placements.select_related("placed_by", "session", "session__cohort")
        ),
        development=list(
            person.development.select_related("cohort", "cohort__programme", "mentor")
        ),
        nominations=list(
            person.nominations.filter(status=NominationStatus.ACTIVE)
            .select_related("plan__post", "plan__post__organisation")
            .order_by("plan__post__organisation__name", "plan__post__title")
        ),
    )


def development_activity_for(*, person: Person, pk: int) -> DevelopmentActivity:
    return get_object_or_404(person.development.select_related("cohort", "mentor"), pk=pk)


def target_readiness_of(*, person: Person, role: str) -> TargetRoleReadiness | None:
    """The person's readiness for this target role, if it has been assessed."""
    if not role:
        return None
    return person.target_readiness.filter(role=role).first()


def cohort_membership_for(*, person: Person, pk: int) -> CohortMembership:
    return get_object_or_404(person.cohort_memberships.select_related("cohort"), pk=pk)


def mentor_choices(person: Person) -> QuerySet[Person]:
    """People who could mentor a pool member: the service's current post holders."""
    holders = Incumbency.objects.current().values("person_id")
    return (
        Person.objects.filter(pk__in=holders)
        .exclude(pk=person.pk)
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


# --- Nominating a pool member -------------------------------------------------------------------


@dataclass
class PostToFill:
    """An open post a pool member could be named for, with what makes it at risk."""

    post: Post
    holder: Incumbency | None
    ready_now: int
    has_emergency_cover: bool
    risks: list[str]
    risk_score: int | None = None  # the nightly risk score, where the post has one
    risk_band: str = ""

    @property
    def is_at_risk(self) -> bool:
        return bool(self.risks)


def posts_to_nominate_for(
    *,
    user,
    person: Person,
    target_role: str = "",
    region: Region | None = None,
    organisation: Organisation | None = None,
    query: str = "",
) -> QuerySet[Post]:
    """Open posts the user may nominate this person for (not ones they hold or are already on
    the slate of), narrowed by role, region, organisation and words of the post's title or its
    organisation's name or ODS code; the highest nightly risk score first, then by organisation
    and title. Page it, then give the page to `posts_to_fill`."""
    posts = posts_visible_to(user).open()
    if target_role:
        posts = posts.filter(role__in=post_roles_for(target_role))
    if region is not None:
        posts = posts.filter(organisation__region=region)
    if organisation is not None:
        posts = posts.filter(organisation=organisation)
    for word in query.split():
        posts = posts.filter(
            Q(title__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(organisation__ods_code__iexact=word)
        )
    posts = (
        posts.exclude(incumbencies__ended_on__isnull=True, incumbencies__person=person)
        .exclude(
            plan__nominations__status=NominationStatus.ACTIVE, plan__nominations__person=person
        )
        .select_related("organisation", "plan")
        .prefetch_related(
            Prefetch(
                "incumbencies",
                queryset=Incumbency.objects.current().select_related("person"),
                to_attr="current_incumbencies",
            )
        )
        .annotate(
            ready_now_count=Count(
                "plan__nominations",
                filter=Q(
                    plan__nominations__status=NominationStatus.ACTIVE,
                    plan__nominations__readiness=Readiness.READY_NOW,
                ),
            ),
            emergency_cover_count=Count(
                "plan__nominations",
                filter=Q(
                    plan__nominations__status=NominationStatus.ACTIVE,
                    plan__nominations__is_emergency_cover=True,
                ),
            ),
        )
    )
    order = ["organisation__name", "title", "pk"]
    if _has_risk_scores():
        posts = posts.select_related("latest_risk")
        order.insert(0, F("latest_risk__score").desc(nulls_last=True))
    return posts.order_by(*order)


def posts_to_fill(posts, *, today: dt.date | None = None) -> list[PostToFill]:
    """One page of `posts_to_nominate_for`, each with what puts it at risk."""
    today = today or timezone.localdate()
    scored = _has_risk_scores()
    within_a_year = today + dt.timedelta(days=365)
    rows = []
    for post in posts:
        holder = (post.current_incumbencies or [None])[0]
        risks = []
        if holder is None:
            risks.append("Vacant")
        elif holder.kind != "substantive":
            risks.append(f"Held by an {holder.get_kind_display().lower()} holder")
        if (
            holder
            and holder.expected_departure_on
            and holder.expected_departure_on <= within_a_year
        ):
            risks.append(f"Holder expected to leave {holder.expected_departure_on:%-d %B %Y}")
        if not post.ready_now_count:
            risks.append("Nobody ready now")
        latest = _latest_risk(post) if scored else None
        rows.append(
            PostToFill(
                post=post,
                holder=holder,
                ready_now=post.ready_now_count,
                has_emergency_cover=post.emergency_cover_count > 0,
                risks=risks,
                risk_score=latest.score if latest else None,
                risk_band=latest.get_band_display() if latest else "",
            )
        )
    return rows


def organisations_with_posts_to_fill(*, user) -> QuerySet[Organisation]:
    """The organisations the nominate page's post list can be narrowed to."""
    return Organisation.objects.filter(
        pk__in=posts_visible_to(user).open().values("organisation_id")
    ).order_by("name")


def _has_risk_scores() -> bool:
    """Whether posts carry the nightly risk score (succession's LatestRisk)."""
    return any(field.name == "latest_risk" for field in Post._meta.related_objects)


def _latest_risk(post: Post):
    try:
        return post.latest_risk
    except ObjectDoesNotExist:
        return None


def post_to_nominate_for(*, user, person: Person, pk: int) -> Post:
    """One open post the user may see and nominate for, or 404."""
    return get_object_or_404(
        posts_visible_to(user).open().select_related("organisation", "plan"), pk=pk
    )


def readiness_for_post(person: Person, post: Post) -> str:
    """The person's recorded readiness for the role of this post, if any (to suggest it)."""
    entry = person.target_readiness.filter(role=target_role_of(post.role)).first()
    return entry.readiness if entry else ""
