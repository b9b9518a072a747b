"""Deterministic demo data: a board of posts for every trust and CCG, with holders, several years
of history, internal talent, a national talent pool and succession plans.

How it behaves (the decisions a newcomer would ask about):

- **Deterministic.** Every organisation board is drawn from its own `random.Random` seeded with
  the seed, the ODS code and the board number, so the same seed gives the same people, posts and
  plans, and an organisation's board does not change when others are added to the load. Dates
  are offsets from `today`, so the data stays current; pass `today` for byte-identical dates.
- **Sized by `scale`.** 1.0 is the national programme: every open trust and CCG in the database,
  one board each (about 13 posts for a trust, 9 for a CCG). Below 1 a deterministic share of the
  organisations is loaded. Above 1 organisations get extra, clearly synthetic boards ("Chief
  executive (board 2)") with their own holders, talent and plans, so posts, people and
  nominations grow in proportion: `scale=10` is ten times the national volume. The top-200
  designation only ever uses first boards, so it stays about 200.
- **Idempotent.** An organisation that already has any post is skipped, so a second run adds
  nothing. `demo_data_reset()` removes what the demo created.
- **Marked.** Every history row the demo writes has the change reason `DEMO_CHANGE_REASON`; that
  is how `demo_data_reset()` finds demo posts and people, without a marker column. Sign-offs need
  a user: each chair who signed one gets an inactive user with no usable password named
  `demo.chair.<ods>.<n>` (or the organisation's real chair account, if its name matches).
- **Fast, with history.** Rows are bulk-created; bulk creation skips django-simple-history, so
  the demo writes the history rows itself, dated when each thing happened (a holder's start, a
  nomination, a readiness change, a removal), so post pages tell a plausible story. Versions
  count those events, as the services would have.
"""

from __future__ import annotations

import datetime as dt
import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from demo.constants import (
    DEFAULT_SEED,
    DEMO_CHANGE_REASON,
    ORGANISATIONS_PER_BATCH,
    SIGNER_USERNAME_PREFIX,
)
from orgs.models import OrganisationKind
from risk.models import LatestRisk, RiskAssessment
from succession.models import (
    Incumbency,
    Nomination,
    Post,
    SignOff,
    SuccessionPlan,
)
from talent.models import CareerHistoryEntry, Person, TalentProfile

from .maker import _BoardMaker
from .national import (
    _add_cross_organisation_nominations,
    _boards_per_organisation,
    _default_organisations,
    _NationalPool,
    _ordered,
    _top_200,
)
from .plan import _Board
from .summary import DemoSummary
from .writer import _Writer

# --- The public functions --------------------------------------------------------------------


def demo_data_load(
    *,
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
    organisations: QuerySet | None = None,
    organisation_limit: int | None = None,
    today: dt.date | None = None,
    stdout=None,
) -> DemoSummary:
    """Load deterministic demo boards, people and plans for the organisations (by default every
    open trust and ICB) and say what was created. Organisations that already have posts are
    skipped, so running it again adds nothing."""
    if scale <= 0:
        raise ValueError("scale must be more than 0")
    started = time.monotonic()
    today = today or timezone.localdate()
    summary = DemoSummary()
    queryset = organisations if organisations is not None else _default_organisations(today)
    candidates = _ordered(
        seed, queryset.exclude(kind=OrganisationKind.NATIONAL_BODY).select_related("region")
    )
    if scale < 1:
        candidates = candidates[: max(1, round(len(candidates) * scale))]
    if organisation_limit is not None:
        candidates = candidates[:organisation_limit]
    boards_per_organisation = _boards_per_organisation(len(candidates), scale)
    top_200 = _top_200(seed, candidates)
    with_posts = set(
        Post.objects.filter(organisation__in=[o.pk for o in candidates])
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    work = [
        (organisation, boards)
        for organisation, boards in zip(candidates, boards_per_organisation, strict=True)
        if organisation.pk not in with_posts
    ]
    summary.skipped_organisations = len(candidates) - len(work)
    summary.organisations = len(work)
    _say(stdout, f"Planning boards for {len(work)} organisations…")

    now = timezone.now()
    pool = _NationalPool()
    all_boards: list[_Board] = []
    with transaction.atomic():
        writer = _Writer(summary=summary, now=now)
        # First every organisation's people, so that any organisation can name any consenting
        # pool member; then the posts and plans.
        for batch in _batches(work, ORGANISATIONS_PER_BATCH):
            boards = []
            for organisation, count in batch:
                maker = _BoardMaker(
                    seed=seed, organisation=organisation, today=today, others=candidates
                )
                for number in range(1, count + 1):
                    board = maker.board(number)
                    if number == 1:
                        for post in board.posts:
                            post.is_top_200 = (organisation.pk, post.role) in top_200
                    boards.append(board)
            writer.people(boards, pool)
            all_boards += boards
        summary.boards = len(all_boards)
        _say(stdout, f"Created {summary.people} people; now posts and plans…")
        for batch in _batches(all_boards, ORGANISATIONS_PER_BATCH):
            for board in batch:
                _add_cross_organisation_nominations(seed=seed, board=board, pool=pool, today=today)
            writer.remember_chairs(batch)
            writer.boards(batch)
    summary.seconds = time.monotonic() - started
    return summary


def _batches(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _created_by_demo(model) -> QuerySet:
    """Ids of the rows of `model` the demo created: their first history record says so."""
    return model.history.filter(history_type="+", history_change_reason=DEMO_CHANGE_REASON).values(
        "id"
    )


def demo_posts() -> QuerySet[Post]:
    return Post.objects.filter(pk__in=_created_by_demo(Post))


def demo_people() -> QuerySet[Person]:
    return Person.objects.filter(pk__in=_created_by_demo(Person))


@transaction.atomic
def demo_data_reset(*, stdout=None) -> int:
    """Delete everything the demo created (posts with their plans, holders, nominations and
    sign-offs; people with their profiles and career history; the sign-off users) and its
    history. Returns how many posts went."""
    from demo.talent_pool import talent_demo_reset

    post_ids = _created_by_demo(Post)
    person_ids = _created_by_demo(Person)
    count = Post.objects.filter(pk__in=post_ids).count()
    plans = SuccessionPlan.objects.filter(post_id__in=post_ids)
    # The talent pool's data about the demo people, and the posts' risk scores, refer to them.
    talent_demo_reset(people=Person.objects.filter(pk__in=person_ids))
    LatestRisk.objects.filter(post_id__in=post_ids).delete()
    RiskAssessment.objects.filter(post_id__in=post_ids).delete()
    # Children first, each with its history. The posts' and people's first history records are
    # what identifies them, so those go last.
    for queryset in (
        SignOff.objects.filter(plan__in=plans),
        Nomination.objects.filter(Q(plan__in=plans) | Q(person_id__in=person_ids)),
        Incumbency.objects.filter(Q(post_id__in=post_ids) | Q(person_id__in=person_ids)),
        plans,
        TalentProfile.objects.filter(person_id__in=person_ids),
        CareerHistoryEntry.objects.filter(person_id__in=person_ids),
        Post.objects.filter(pk__in=post_ids),
        Person.objects.filter(pk__in=person_ids),
    ):
        model = queryset.model
        if hasattr(model, "history"):
            history = model.history.filter(id__in=queryset.values("pk"))
            if model in (Post, Person):
                history = history.exclude(history_change_reason=DEMO_CHANGE_REASON)
            _raw_delete(history)
        _raw_delete(queryset)
    for model in (Post, SuccessionPlan, Incumbency, Nomination, Person):
        _raw_delete(model.history.filter(history_change_reason=DEMO_CHANGE_REASON))
    for model in (TalentProfile, CareerHistoryEntry):
        _raw_delete(model.history.filter(history_change_reason=DEMO_CHANGE_REASON))
    get_user_model().objects.filter(
        username__startswith=SIGNER_USERNAME_PREFIX, is_active=False
    ).delete()
    _say(stdout, f"Deleted the demo data: {count} posts and everything attached to them.")
    return count


def _raw_delete(queryset) -> int:
    """DELETE ... WHERE in one statement, without loading rows or sending signals: the reset
    removes the history of demo rows too, so simple-history's per-row "deleted" records (and
    the time to write tens of thousands of them) are not wanted."""
    return queryset._raw_delete(queryset.db)
