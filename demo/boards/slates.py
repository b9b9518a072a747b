"""Succession plans: the slate of successors, names taken off over the years, emergency cover,
reviews and the chair's sign-offs."""

from __future__ import annotations

import datetime as dt
import random

from orgs.models import Organisation
from succession.models import (
    IncumbencyKind,
    NominationStatus,
    Readiness,
)

from .names import (
    CHAIR,
    EXECUTIVE,
    EXECUTIVE_SLATE_SIZES,
    NOTES,
    READINESS_STEPS,
    READINESS_WEIGHTS,
    REMOVED_COUNTS,
    REMOVED_EXECUTIVE,
    REMOVED_GONE,
    REMOVED_STILL_HERE,
    SIGN_OFF_COMMENTS,
    SLATE_SIZES,
)
from .plan import (
    _days,
    _Nomination,
    _Person,
    _Post,
    _years,
)


class _SlateMaker:
    """Fills a post's plan."""

    # Set by _BoardMaker.
    seed: int
    organisation: Organisation
    today: dt.date
    rng: random.Random
    pressure: str
    history_start: dt.date
    catalogue: dict

    def moment(self, day: dt.date) -> dt.datetime:
        """A working-hours time on the day, in UTC (no daylight-saving gaps)."""
        when = dt.time(self.rng.randint(8, 17), self.rng.randint(0, 59))
        return dt.datetime.combine(day, when, tzinfo=dt.UTC)

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        if last <= first:
            return first
        return first + _days(self.rng.randint(0, (last - first).days))

    def nominate(
        self, post: _Post, person: _Person, kind: str, *, earliest: dt.date | None = None
    ) -> _Nomination:
        rng, today = self.rng, self.today
        readiness = rng.choices(READINESS_STEPS, weights=READINESS_WEIGHTS[kind])[0]
        first = max(post.created_on, today - _years(3), earliest or post.created_on)
        created = self.day_between(first, today - _days(7))
        nomination = _Nomination(
            person=person,
            readiness=readiness,
            created_at=self.moment(created),
            order=rng.random(),
            notes=rng.choice(NOTES[readiness]),
            cross_organisation=kind == "national",
        )
        if (
            readiness != Readiness.THREE_TO_FIVE_YEARS
            and created < today - _days(270)
            and rng.random() < 0.3
        ):
            nomination.earlier_readiness = READINESS_STEPS[READINESS_STEPS.index(readiness) + 1]
            changed = self.day_between(created + _days(90), today - _days(3))
            nomination.readiness_changed_at = self.moment(changed)
        post.nominations.append(nomination)
        return nomination

    def set_readiness(self, nomination: _Nomination, readiness: str) -> None:
        """Settle a nomination on one readiness, with no earlier change."""
        nomination.readiness = readiness
        nomination.earlier_readiness = ""
        nomination.readiness_changed_at = None
        nomination.notes = self.rng.choice(NOTES[readiness])

    def fill_slate(
        self, post: _Post, candidates: list[tuple[_Person, str]], people: list[_Person]
    ) -> None:
        rng = self.rng
        holder = post.holder
        candidates = [
            (person, kind)
            for person, kind in candidates
            if not (holder and holder.person is person)
        ]
        sizes = SLATE_SIZES.get(post.family, EXECUTIVE_SLATE_SIZES)
        wanted = rng.choices(range(5), weights=sizes)[0]
        pool = list(candidates)
        while pool and len(post.active()) < wanted:
            # Deputies are the likeliest names on a slate.
            weights = [3 if kind == "deputy" else 1 for _, kind in pool]
            index = rng.choices(range(len(pool)), weights=weights)[0]
            person, kind = pool.pop(index)
            self.nominate(post, person, kind)
        self.removed_nominations(post, candidates, people)

    def removed_nominations(self, post: _Post, candidates, people: list[_Person]) -> None:
        """Slates change at every yearly review: earlier names taken off, some still here
        (reassessed, or no longer interested), most gone (left, retired, appointed elsewhere)."""
        rng, today = self.rng, self.today
        count = rng.choices(range(8), weights=REMOVED_COUNTS.get(post.family, REMOVED_EXECUTIVE))[0]
        spare = [person for person, _ in candidates if not post.on_slate(person)]
        rng.shuffle(spare)
        jobs = self.catalogue.get(post.family) or [(f"Deputy {post.title.lower()}", 1, "")]
        for _ in range(count):
            created = self.day_between(max(post.created_on, today - _years(5)), today - _days(120))
            ended = self.day_between(created + _days(60), today - _days(10))
            if spare and rng.random() < 0.65:
                person = spare.pop()
                reason = rng.choice(REMOVED_STILL_HERE)
            else:
                person = self.person(family=post.family, seniority="past", employed=False)
                people.append(person)
                title = jobs[int(rng.random() * len(jobs))][0]
                joined = created - _days(rng.randint(200, 1500))
                person.career.append((title, self.organisation, "", joined, ended))
                reason = rng.choice(REMOVED_GONE)
            readiness = rng.choice(READINESS_STEPS)
            post.nominations.append(
                _Nomination(
                    person=person,
                    readiness=readiness,
                    created_at=self.moment(created),
                    order=rng.random(),
                    notes=rng.choice(NOTES[readiness]),
                    status=NominationStatus.REMOVED,
                    removed_reason=reason,
                    ended_at=self.moment(ended),
                )
            )

    def emergency_cover(self, post: _Post) -> None:
        rng = self.rng
        slate = [n for n in post.active() if not n.cross_organisation]
        if not slate:
            return
        holder = post.holder
        if post.role in EXECUTIVE:
            chance = 0.95 if holder is None or holder.kind != IncumbencyKind.SUBSTANTIVE else 0.72
        else:
            chance = 0.5 if post.role == CHAIR else 0.1
        if rng.random() >= chance:
            return
        best = min(slate, key=lambda n: (READINESS_STEPS.index(n.readiness), n.order))
        best.is_emergency_cover = True

    def review(self, post: _Post) -> None:
        """When the plan was last reviewed, and the chair's sign-offs (newest last)."""
        rng, today = self.rng, self.today
        stale = {"high": 1.6, "normal": 1.0, "low": 0.6}[self.pressure]
        roll = rng.random()
        if roll < 0.08 * stale:
            return
        if roll < 0.23 * stale:
            post.reviewed_on = today - _days(rng.randint(380, 900))
        elif roll < 0.45:
            post.reviewed_on = today - _days(rng.randint(180, 365))
        else:
            post.reviewed_on = today - _days(rng.randint(3, 179))
        post.reviewed_on = max(post.reviewed_on, post.created_on)
        if rng.random() >= 0.55:
            return
        signed = min(post.reviewed_on + _days(rng.randint(0, 21)), today - _days(1))
        dates = [signed]
        while len(dates) < 3 and rng.random() < 0.5:
            earlier = dates[-1] - _days(rng.randint(330, 400))
            if earlier < post.created_on:
                break
            dates.append(earlier)
        post.sign_offs = [
            (self.moment(day), rng.choice(SIGN_OFF_COMMENTS)) for day in reversed(dates)
        ]
