"""Reads for posts and plans, scoped to what the user may see. Views never query these models
directly: HR directors and chairs see their own organisations; the national team sees all."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Role
from accounts.roles import organisation_ids_for, organisation_scope
from accounts.selectors import organisations_acted_for
from orgs.models import Organisation
from succession.models import (
    DepartureNotice,
    Incumbency,
    Nomination,
    NominationStatus,
    Post,
    Readiness,
    SignOff,
    SuccessionPlan,
)
from talent.models import Person
from talent.selectors import people_visible_to

# A person named on this many slates or more is flagged: they cannot succeed everyone.
MANY_NOMINATIONS = 3


def organisation_for_user(*, user, ods_code: str) -> Organisation:
    return get_object_or_404(
        organisations_acted_for(user).select_related("oversight_segment"), ods_code=ods_code
    )


def shared_post_ids(organisation_ids) -> QuerySet:
    """The ids of the posts shared with any of these organisations (as a subquery)."""
    return Post.shared_with.through.objects.filter(
        organisation_id__in=sorted(organisation_ids)
    ).values("post_id")


def posts_visible_to(user) -> QuerySet[Post]:
    """The posts of the organisations the user acts for, and the shared posts those
    organisations hold jointly with a lead organisation (readable, owned by the lead)."""
    scope = organisation_scope(user)
    if scope.everywhere:
        return Post.objects.all()
    return Post.objects.filter(
        Q(organisation_id__in=sorted(scope.organisation_ids))
        | Q(pk__in=shared_post_ids(scope.organisation_ids))
    )


def current_incumbency(post: Post) -> Incumbency | None:
    """Who holds the post now, if anyone."""
    return post.incumbencies.current().select_related("person").first()


def pending_incumbency(post: Post) -> Incumbency | None:
    """Who has been appointed to the post and starts on a later day, if anyone."""
    return post.incumbencies.pending().select_related("person").order_by("started_on").first()


def _active(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": NominationStatus.ACTIVE})


def _with_board_details(posts: QuerySet[Post]) -> QuerySet[Post]:
    nominations = "plan__nominations__"
    return (
        posts.select_related("organisation", "organisation__region", "plan")
        .prefetch_related(
            "shared_with",
            Prefetch(
                "incumbencies",
                queryset=Incumbency.objects.current().select_related("person"),
                to_attr="current_incumbencies",
            ),
        )
        .annotate(
            ready_now_count=Count(
                "plan__nominations",
                filter=_active(nominations) & Q(plan__nominations__readiness=Readiness.READY_NOW),
            ),
            one_to_two_count=Count(
                "plan__nominations",
                filter=_active(nominations)
                & Q(plan__nominations__readiness=Readiness.ONE_TO_TWO_YEARS),
            ),
            three_to_five_count=Count(
                "plan__nominations",
                filter=_active(nominations)
                & Q(plan__nominations__readiness=Readiness.THREE_TO_FIVE_YEARS),
            ),
            emergency_cover_count=Count(
                "plan__nominations",
                filter=_active(nominations) & Q(plan__nominations__is_emergency_cover=True),
            ),
        )
    )


@dataclass
class BoardRow:
    post: Post
    holder: Incumbency | None
    # The organisation whose board lists the row: a shared post names the others.
    board_organisation_id: int | None = None

    @property
    def shared_with_others(self) -> list[Organisation]:
        """For a shared post, the other organisations holding it (the lead first), else []."""
        sharing = sorted(self.post.shared_with.all(), key=lambda organisation: organisation.name)
        if not sharing:
            return []
        holders = [self.post.organisation, *sharing]
        return [org for org in holders if org.pk != self.board_organisation_id]

    @property
    def status(self) -> str:
        return self.holder.get_kind_display() if self.holder else "Vacant"

    @property
    def status_key(self) -> str:
        return self.holder.kind if self.holder else "vacant"

    @property
    def expected_departure_on(self):
        return self.holder.expected_departure_on if self.holder else None

    @property
    def last_reviewed_on(self):
        return self.post.plan.last_reviewed_on

    @property
    def has_emergency_cover(self) -> bool:
        return self.post.emergency_cover_count > 0


BOARD_SORTS = {
    "title": lambda row: (row.post.title.lower(),),
    "role": lambda row: (row.post.get_role_display(), row.post.title.lower()),
    "holder": lambda row: (row.holder is None, row.holder.person.last_name if row.holder else ""),
    "status": lambda row: (["vacant", "interim", "acting", "substantive"].index(row.status_key),),
    "departure": lambda row: (row.expected_departure_on is None, row.expected_departure_on or 0),
    "ready_now": lambda row: (row.post.ready_now_count,),
    "emergency_cover": lambda row: (row.has_emergency_cover,),
    "reviewed": lambda row: (row.last_reviewed_on is not None, row.last_reviewed_on or 0),
    "top_200": lambda row: (not row.post.is_top_200, row.post.title.lower()),
}


def organisation_board(
    *, user, organisation: Organisation, sort: str = "role", descending: bool = False
) -> list[BoardRow]:
    """Every open post of an organisation with its holder, status and successor coverage: its
    own posts and the posts it shares with a lead organisation (each listed once)."""
    posts = _with_board_details(
        posts_visible_to(user)
        .open()
        .filter(Q(organisation=organisation) | Q(pk__in=shared_post_ids([organisation.pk])))
    )
    rows = [
        BoardRow(
            post=post,
            holder=(post.current_incumbencies or [None])[0],
            board_organisation_id=organisation.pk,
        )
        for post in posts
    ]
    key = BOARD_SORTS.get(sort, BOARD_SORTS["role"])
    rows.sort(key=key, reverse=descending)
    return rows


def post_for_user(*, user, pk: int) -> Post:
    """One post the user may see, with what its page needs, or 404."""
    queryset = (
        posts_visible_to(user)
        .select_related("organisation", "organisation__region", "plan", "plan__last_reviewed_by")
        .prefetch_related("shared_with")
    )
    return get_object_or_404(queryset, pk=pk)


def board_for_post(*, user, post: Post) -> Organisation:
    """The board the post page leads back to: the lead organisation's, or for someone who acts
    only for an organisation the post is shared with, that organisation's board."""
    scope = organisation_scope(user)
    if scope.includes(post.organisation_id):
        return post.organisation
    for organisation in post.sharing_organisations:
        if scope.includes(organisation.pk):
            return organisation
    return post.organisation


def post_holders(post: Post) -> list[Incumbency]:
    """Every holder of the post, newest first: the current one and the history."""
    return list(post.incumbencies.select_related("person").order_by("-started_on", "-pk"))


def plan_slate(plan: SuccessionPlan) -> list[Nomination]:
    """The active slate in rank order, each nomination with how many slates its person is on."""
    slate = list(
        plan.nominations.active()
        .select_related("person", "person__organisation")
        .annotate(
            slates_count=Count(
                "person__nominations",
                filter=Q(person__nominations__status=NominationStatus.ACTIVE),
            )
        )
        .order_by("rank", "created_at")
    )
    for nomination in slate:
        nomination.is_widely_nominated = nomination.slates_count >= MANY_NOMINATIONS
    return slate


def nomination_for_user(*, user, post: Post, pk: int) -> Nomination:
    queryset = Nomination.objects.filter(plan__post__in=posts_visible_to(user)).select_related(
        "person", "plan", "plan__post"
    )
    return get_object_or_404(queryset, pk=pk, plan__post=post)


# --- The organisation board and the post page (appended for the post pages) -------------------

# The successor coverage columns sort by their counts, most covered last (ascending).
BOARD_SORTS["one_to_two"] = lambda row: (row.post.one_to_two_count,)
BOARD_SORTS["three_to_five"] = lambda row: (row.post.three_to_five_count,)


@dataclass
class BoardSummary:
    """The figures at the top of an organisation's board."""

    posts: int
    vacant: int
    interim_or_acting: int
    without_ready_now: int
    without_emergency_cover: int


def board_summary(rows: list[BoardRow]) -> BoardSummary:
    return BoardSummary(
        posts=len(rows),
        vacant=sum(1 for row in rows if row.holder is None),
        interim_or_acting=sum(1 for row in rows if row.status_key in ("interim", "acting")),
        without_ready_now=sum(1 for row in rows if not row.post.ready_now_count),
        without_emergency_cover=sum(1 for row in rows if not row.has_emergency_cover),
    )


def plan_sign_offs(plan: SuccessionPlan) -> list[SignOff]:
    """The plan's sign-offs, newest first, with who signed them."""
    return list(plan.sign_offs.select_related("signed_by").order_by("-signed_at", "-pk"))


def people_for_new_holder(*, user, post: Post) -> QuerySet[Person]:
    """People of the post's organisation the user may record as its holder (not the current one)."""
    return (
        people_visible_to(user)
        .filter(organisation_id=post.organisation_id)
        .exclude(pk__in=post.incumbencies.current().values("person_id"))
        .order_by("last_name", "first_name")
    )


# --- Sign-off state and appointments (appended for the plan pages) -----------------------------

import datetime as dt  # noqa: E402 - appended section

from succession.models import DepartureReason  # noqa: E402 - appended section


@dataclass
class SignOffState:
    """Where a plan stands with its chair: asked to sign off? last signed off? changed since?"""

    requested_at: dt.datetime | None
    requested_by: object | None  # the HR director's User
    latest: SignOff | None
    differences: list[str]

    @property
    def changed_since_sign_off(self) -> bool:
        return self.latest is not None and bool(self.differences)


def slate_snapshot(plan: SuccessionPlan) -> list[dict]:
    """The slate as plain data: what a sign-off freezes and what is compared with it later."""
    return [
        {
            "person_id": n.person_id,
            "name": n.person.full_name,
            "readiness": n.readiness,
            "readiness_label": Readiness(n.readiness).label,
            "rank": n.rank,
            "emergency_cover": n.is_emergency_cover,
            "notes": n.notes,
        }
        for n in plan.nominations.active().select_related("person").order_by("rank", "created_at")
    ]


def changes_since_sign_off(plan: SuccessionPlan, sign_off: SignOff) -> list[str]:
    """What changed on the slate since the chair signed it off, in plain words."""
    appointed = set(
        plan.nominations.filter(
            status=NominationStatus.SUCCEEDED, ended_at__gt=sign_off.signed_at
        ).values_list("person_id", flat=True)
    )
    return slate_differences(sign_off.slate, slate_snapshot(plan), appointed=appointed)


def slate_differences(
    signed: list[dict], current: list[dict], *, appointed: set[int] = frozenset()
) -> list[str]:
    """What changed between a signed-off slate and the slate now, in plain words. People who
    left the slate because they were appointed to the post are said to be appointed."""
    before = {entry["person_id"]: entry for entry in signed}
    after = {entry["person_id"]: entry for entry in current}
    differences = []
    for person_id, entry in after.items():
        old = before.get(person_id)
        if old is None:
            differences.append(f"{entry['name']} added ({entry['readiness_label'].lower()})")
            continue
        if old["readiness"] != entry["readiness"]:
            differences.append(
                f"{entry['name']}: readiness changed from {old['readiness_label'].lower()} "
                f"to {entry['readiness_label'].lower()}"
            )
        if old["rank"] != entry["rank"]:
            differences.append(f"{entry['name']}: moved from {old['rank']} to {entry['rank']}")
        if old["emergency_cover"] != entry["emergency_cover"]:
            differences.append(
                f"{entry['name']}: now named as emergency cover"
                if entry["emergency_cover"]
                else f"{entry['name']}: no longer emergency cover"
            )
        if old["notes"] != entry["notes"]:
            differences.append(f"{entry['name']}: notes changed")
    for person_id, entry in before.items():
        if person_id in appointed:
            differences.append(f"{entry['name']} appointed to the post")
        elif person_id not in after:
            differences.append(f"{entry['name']} removed")
    return differences


def plan_sign_off_state(plan: SuccessionPlan) -> SignOffState:
    """The latest sign-off of the plan and what has changed on the slate since it was made."""
    latest = plan.sign_offs.select_related("signed_by").order_by("-signed_at", "-pk").first()
    differences = changes_since_sign_off(plan, latest) if latest else []
    return SignOffState(
        requested_at=plan.sign_off_requested_at,
        requested_by=plan.sign_off_requested_by,
        latest=latest,
        differences=differences,
    )


def appointment_for_user(*, user, post: Post, pk: int) -> Incumbency:
    """One holder's time in a post the user may see (an appointment just made), or 404."""
    queryset = Incumbency.objects.filter(post__in=posts_visible_to(user)).select_related(
        "person", "post", "post__organisation"
    )
    return get_object_or_404(queryset, pk=pk, post=post)


@dataclass
class PostLeft:
    """A post the appointee left to take up the appointment, and who holds it since."""

    post: Post
    cover: Incumbency | None
    may_see: bool


def appointment_cascade(*, user, incumbency: Incumbency) -> list[PostLeft]:
    """The posts the appointee left on the day they started (ended as appointed elsewhere), each
    with the holder who started there that day, if any. Told from the data, so the page is the
    same however often it is loaded. Whoever covers a post the user may not see stays unnamed."""
    left = list(
        Incumbency.objects.filter(
            person_id=incumbency.person_id,
            ended_on=incumbency.started_on,
            departure_reason=DepartureReason.APPOINTED_ELSEWHERE,
        )
        .exclude(post_id=incumbency.post_id)
        .select_related("post", "post__organisation")
        .order_by("-started_on", "pk")
    )
    post_ids = [old.post_id for old in left]
    visible = set(posts_visible_to(user).filter(pk__in=post_ids).values_list("pk", flat=True))
    covers = {}
    for cover in (
        Incumbency.objects.filter(post_id__in=post_ids, started_on=incumbency.started_on)
        .exclude(person_id=incumbency.person_id)
        .select_related("person")
        .order_by("pk")
    ):
        covers[cover.post_id] = cover
    return [
        PostLeft(post=old.post, cover=covers.get(old.post_id), may_see=old.post_id in visible)
        for old in left
    ]


def posts_held_elsewhere(*, person, post: Post) -> list[Incumbency]:
    """The posts a nominee holds now other than this one, in the order successor_appoint leaves
    them (it can name an interim for the first)."""
    return list(
        person.incumbencies.current()
        .exclude(post=post)
        .select_related("post", "post__organisation")
    )


# --- Lists for the API (appended for the REST API) ---------------------------------------------


def posts_with_details(*, user) -> QuerySet[Post]:
    """Every post the user may see (open or abolished) with its current holder
    (`current_incumbencies`) and successor coverage counts, as on the board."""
    return _with_board_details(posts_visible_to(user)).order_by(
        "organisation__name", "role", "title", "pk"
    )


def incumbencies_visible_to(user) -> QuerySet[Incumbency]:
    """Every holder, past and present, of the posts the user may see, newest first."""
    return (
        Incumbency.objects.filter(post__in=posts_visible_to(user))
        .select_related("person", "person__organisation", "post", "post__organisation")
        .order_by("-started_on", "-pk")
    )


def plans_visible_to(user) -> QuerySet[SuccessionPlan]:
    """The plans of the posts the user may see, each with its active slate in rank order
    (`slate`, each nomination with `slates_count`) and its sign-offs newest first
    (`sign_offs_newest_first`, without the frozen slates), in a fixed number of queries."""
    slate = (
        Nomination.objects.active()
        .select_related("person", "person__organisation")
        .annotate(
            slates_count=Count(
                "person__nominations",
                filter=Q(person__nominations__status=NominationStatus.ACTIVE),
            )
        )
        .order_by("rank", "created_at")
    )
    sign_offs = (
        SignOff.objects.defer("slate").select_related("signed_by").order_by("-signed_at", "-pk")
    )
    return (
        SuccessionPlan.objects.filter(post__in=posts_visible_to(user))
        .select_related(
            "post",
            "post__organisation",
            "last_reviewed_by",
            "sign_off_requested_by",
        )
        .prefetch_related(
            Prefetch("nominations", queryset=slate, to_attr="slate"),
            Prefetch("sign_offs", queryset=sign_offs, to_attr="sign_offs_newest_first"),
        )
        .order_by("post__organisation__name", "post__title", "pk")
    )


def nominations_visible_to(user) -> QuerySet[Nomination]:
    """Every nomination, on the slate or not any more, for the posts the user may see."""
    return (
        Nomination.objects.filter(plan__post__in=posts_visible_to(user))
        .select_related(
            "person", "person__organisation", "plan", "plan__post", "plan__post__organisation"
        )
        .order_by("plan_id", "rank", "created_at", "pk")
    )


def departure_notices_for(user) -> list:
    """Open notices to the organisations the user is HR director of: their people appointed to a
    post elsewhere, expected to leave, whose leaving is not recorded yet."""
    return list(
        DepartureNotice.objects.filter(
            organisation_id__in=organisation_ids_for(user, Role.HR_DIRECTOR),
            resolved_at__isnull=True,
        ).select_related(
            "incumbency__person",
            "incumbency__post",
            "appointment__post__organisation",
        )
    )
