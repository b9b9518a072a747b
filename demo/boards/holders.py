"""Who held each post: the current holder, interims and acting cover, and earlier holders
back to when the service began."""

from __future__ import annotations

import datetime as dt
import random

from orgs.models import Organisation
from succession.models import (
    DepartureReason,
    IncumbencyKind,
    NominationStatus,
    Readiness,
)

from .names import (
    CHAIR,
    EXECUTIVE,
    NED,
)
from .plan import (
    _days,
    _Holding,
    _Nomination,
    _Person,
    _Post,
    _years,
)


class _HolderMaker:
    """Fills a post's holdings, walking back in time."""

    # Set by _BoardMaker.
    seed: int
    organisation: Organisation
    today: dt.date
    rng: random.Random
    pressure: str
    history_start: dt.date
    known_since: dt.date

    def tenure(self, role: str) -> dt.timedelta:
        rng = self.rng
        if role in (CHAIR, NED):
            return _years(rng.uniform(1.5, 7))
        middle = {"high": 1.3, "normal": 3.5, "low": 6.5}[self.pressure]
        return _years(min(12, max(0.4, rng.lognormvariate(0, 0.6) * middle)))

    def departure_reason(self, role: str, *, expected: bool = False) -> str:
        if role in (CHAIR, NED):
            return self.rng.choices(
                (DepartureReason.END_OF_FIXED_TERM, DepartureReason.RESIGNATION),
                weights=(85, 15),
            )[0]
        reasons = (
            DepartureReason.RETIREMENT,
            DepartureReason.RESIGNATION,
            DepartureReason.APPOINTED_ELSEWHERE,
            DepartureReason.END_OF_FIXED_TERM,
            DepartureReason.SECONDMENT,
            DepartureReason.OTHER,
        )
        weights = (35, 20, 20, 10, 5, 10) if expected else (30, 25, 30, 5, 0, 10)
        return self.rng.choices(reasons, weights=weights)[0]

    def fill_holdings(
        self,
        post: _Post,
        talent: dict,
        people: list[_Person],
        status: str | None = None,
        years_in_post: float | None = None,
    ):
        """The current holder (or none), then earlier holders walking back in time."""
        rng, today = self.rng, self.today
        executive = post.role in EXECUTIVE
        factor = {"high": 2.5, "normal": 0.93, "low": 0.5}[self.pressure]
        if status is None:
            roll = rng.random()
            if executive:
                status = (
                    "vacant"
                    if roll < 0.035 * factor
                    else "interim or acting"
                    if roll < 0.08 * factor
                    else "substantive"
                )
            elif post.role == CHAIR:
                status = (
                    "vacant"
                    if roll < 0.02
                    else "interim or acting"
                    if roll < 0.04
                    else "substantive"
                )
            else:
                status = "vacant" if roll < 0.03 else "substantive"
        deputies = [p for p, seniority in talent.get(post.family, []) if seniority == "deputy"]
        holdings: list[_Holding] = []
        cursor = today
        if status == "vacant":
            cursor = today - _days(rng.randint(20, 240))
        elif status in ("interim", "acting", "interim or acting"):
            started = today - _days(rng.randint(30, 270))
            acting = status == "acting" or rng.random() < 0.5
            if deputies and acting and status != "interim":
                person, kind = deputies[0], IncumbencyKind.ACTING
            else:
                person = self.interim_person(post, employed=True, before=started)
                people.append(person)
                kind = IncumbencyKind.INTERIM
            holdings.append(
                _Holding(
                    person=person,
                    kind=kind,
                    started_on=started,
                    expected_departure_on=today + _days(rng.randint(60, 270)),
                    departure_reason=DepartureReason.END_OF_FIXED_TERM,
                    departure_recorded_on=started,
                )
            )
            cursor = started - _days(rng.choice((0, 0, 14, 45)))
        else:
            full = self.tenure(post.role)
            elapsed = max(_days(20), full * rng.uniform(0.05, 1.0))
            if years_in_post is not None:
                elapsed = _years(years_in_post)
            started = max(today - elapsed, self.history_start + _days(rng.randint(0, 400)))
            person = self.person(family=post.family, seniority=self.holder_seniority(post))
            people.append(person)
            holding = _Holding(person=person, kind=IncumbencyKind.SUBSTANTIVE, started_on=started)
            if rng.random() < 0.13:
                holding.expected_departure_on = today + _days(rng.randint(30, 730))
                holding.departure_reason = self.departure_reason(post.role, expected=True)
                recorded = today - _days(rng.randint(5, 150))
                holding.departure_recorded_on = max(recorded, started)
            holdings.append(holding)
            internal = post.role not in (CHAIR, NED) and rng.random() < 0.3
            if internal and started > today - _years(4):
                self.internal_appointment(post, holding)
            self.career(person, before=started, entries=rng.randint(1, 3), family=post.family)
            cursor = started
        # Someone held a post that is vacant or covered now.
        at_least = 0 if status == "substantive" else 1
        self.earlier_holders(post, holdings, people, deputies, cursor, at_least=at_least)
        post.holdings = sorted(holdings, key=lambda h: h.started_on)
        post.created_on = min([h.started_on for h in holdings] + [self.history_start])

    def holder_seniority(self, post: _Post) -> str:
        return "non_executive" if post.role in (CHAIR, NED) else "holder"

    def interim_person(self, post: _Post, *, employed: bool, before: dt.date) -> _Person:
        person = self.person(family=post.family, seniority="interim", employed=employed)
        self.career(person, before=before, entries=self.rng.randint(1, 2), family=post.family)
        return person

    def internal_appointment(self, post: _Post, holding: _Holding) -> None:
        """The holder was this organisation's own successor: their nomination succeeded."""
        rng = self.rng
        person = holding.person
        deputy_title = f"Deputy {post.title[0].lower()}{post.title[1:]}"
        person.career.append(
            (
                deputy_title,
                self.organisation,
                "",
                holding.started_on - _days(rng.randint(700, 2000)),
                holding.started_on,
            )
        )
        created = holding.started_on - _days(rng.randint(120, 700))
        post.nominations.append(
            _Nomination(
                person=person,
                readiness=Readiness.READY_NOW,
                created_at=self.moment(max(created, self.history_start)),
                order=rng.random(),
                status=NominationStatus.SUCCEEDED,
                ended_at=self.moment(holding.started_on),
            )
        )

    def earlier_holders(
        self, post, holdings, people, deputies, cursor: dt.date, *, at_least: int = 0
    ) -> None:
        rng = self.rng
        weights = {
            "high": (20, 30, 30, 15, 5),
            "normal": (50, 30, 15, 5, 0),
            "low": (70, 25, 5, 0, 0),
        }[self.pressure]
        # Every post's holders are known back to when the service began, and some further.
        count = max(at_least, rng.choices(range(5), weights=weights)[0])
        index = 0
        while index < count or cursor > self.known_since:
            if index >= at_least and cursor <= self.history_start + _days(180):
                break
            index += 1
            if post.role not in (CHAIR, NED) and rng.random() < 0.25:
                # An interim held the fort before the next holder arrived.
                started = cursor - _days(rng.randint(90, 270))
                if deputies and rng.random() < 0.5:
                    person, kind = deputies[0], IncumbencyKind.ACTING
                else:
                    person = self.interim_person(post, employed=False, before=started)
                    people.append(person)
                    kind = IncumbencyKind.INTERIM
                holdings.append(
                    _Holding(
                        person=person,
                        kind=kind,
                        started_on=started,
                        ended_on=cursor,
                        departure_reason=DepartureReason.END_OF_FIXED_TERM,
                    )
                )
                cursor = started
            ended = cursor - _days(rng.choice((0, 0, 0, 14, 60)))
            started = max(ended - self.tenure(post.role), self.history_start - _years(3))
            person = self.person(family=post.family, seniority="past", employed=False)
            people.append(person)
            self.career(person, before=started, entries=rng.randint(0, 1), family=post.family)
            holdings.append(
                _Holding(
                    person=person,
                    kind=IncumbencyKind.SUBSTANTIVE,
                    started_on=started,
                    ended_on=ended,
                    departure_reason=self.departure_reason(post.role),
                )
            )
            cursor = started
