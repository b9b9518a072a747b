"""Everything the scoring needs, for every open post or a few, in a fixed number of queries: the
same five for 100 posts or 100,000, with no query per post."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db.models import Q

from orgs.models import OversightFramework, OversightSegment
from succession.models import Incumbency, Nomination, NominationStatus, Post
from talent.models import Readiness

from . import scoring


def load_post_facts(
    *, today: dt.date, post_ids: Iterable[int] | None = None
) -> dict[int, scoring.PostFacts]:
    """The facts of every open post (or of the open posts among `post_ids`), by post id."""
    posts = Post.objects.open()
    if post_ids is not None:
        post_ids = list(post_ids)
        posts = posts.filter(pk__in=post_ids)
    # In id order, unsorted otherwise: the models' default orderings would make the database sort
    # (and join organisations for their names) for nothing.
    rows = list(
        posts.order_by("pk").values_list(
            "pk", "organisation_id", "plan__last_reviewed_on", "plan__pk"
        )
    )
    wanted = {pk for pk, _organisation, _reviewed, _plan in rows}
    post_of_plan = {plan: pk for pk, _organisation, _reviewed, plan in rows}

    # Holders now, and substantive holders whose time reached into the churn window. Someone
    # appointed from a later day does not hold the post yet: they are its known successor, ready
    # now, and the holder they replace is leaving on that day.
    churn_from = scoring.add_months(today, -12 * scoring.CHURN_YEARS)
    holders = defaultdict(list)
    pending = defaultdict(list)
    incumbencies = Incumbency.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=churn_from)
    ).order_by()
    if post_ids is not None:
        incumbencies = incumbencies.filter(post_id__in=wanted)
    for post_id, person_id, kind, started_on, ended_on, leaving in incumbencies.values_list(
        "post_id", "person_id", "kind", "started_on", "ended_on", "expected_departure_on"
    ).iterator(chunk_size=5000):
        if post_id not in wanted:
            continue
        if started_on > today:
            pending[post_id].append(
                scoring.Successor(
                    person_id=person_id,
                    readiness=Readiness.READY_NOW,
                    is_emergency_cover=True,
                    starts_on=started_on,
                )
            )
            continue
        if ended_on is not None and ended_on > today:
            leaving = ended_on if leaving is None else min(leaving, ended_on)
            ended_on = None
        holders[post_id].append(
            scoring.Holder(
                person_id=person_id,
                kind=kind,
                started_on=started_on,
                ended_on=ended_on,
                expected_departure_on=leaving,
            )
        )

    # Every active nomination: the slates, and how many slates each person is on.
    active = Nomination.objects.filter(status=NominationStatus.ACTIVE).order_by()
    slates = defaultdict(list)
    if post_ids is None:
        slate_rows = list(
            active.values_list("plan_id", "person_id", "readiness", "is_emergency_cover")
        )
        slates_per_person = Counter(person_id for _plan, person_id, _r, _c in slate_rows)
    else:
        slate_rows = list(
            active.filter(plan_id__in=list(post_of_plan)).values_list(
                "plan_id", "person_id", "readiness", "is_emergency_cover"
            )
        )
        nominees = {person_id for _plan, person_id, _r, _c in slate_rows}
        slates_per_person = Counter(
            active.filter(person_id__in=nominees).values_list("person_id", flat=True)
        )
    for plan_id, person_id, readiness, is_cover in slate_rows:
        post_id = post_of_plan.get(plan_id)
        if post_id is not None:
            slates[post_id].append(
                scoring.Successor(
                    person_id=person_id,
                    readiness=readiness,
                    is_emergency_cover=is_cover,
                    other_posts=slates_per_person[person_id] - 1,
                )
            )

    segments = OversightSegment.objects.order_by()
    if post_ids is not None:
        segments = segments.filter(
            organisation_id__in={organisation for _pk, organisation, _r, _plan in rows}
        )
    segment_of = {
        organisation_id: (segment, OversightFramework.lowest_segment(framework))
        for organisation_id, segment, framework in segments.values_list(
            "organisation_id", "segment", "framework"
        )
    }

    facts = {}
    for pk, organisation_id, last_reviewed_on, _plan in rows:
        segment, lowest = segment_of.get(organisation_id, (None, 4))
        facts[pk] = scoring.PostFacts(
            post_id=pk,
            holders=tuple(holders.get(pk, ())),
            successors=(*pending.get(pk, ()), *slates.get(pk, ())),
            last_reviewed_on=last_reviewed_on,
            oversight_segment=segment,
            lowest_oversight_segment=lowest,
        )
    return facts
