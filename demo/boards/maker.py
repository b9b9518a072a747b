"""Drawing one organisation's board: its posts, people, holders and plans."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from demo.constants import DEMO_TRUST, HISTORY_YEARS, KNOWN_YEARS
from orgs.models import Organisation
from succession.models import (
    IncumbencyKind,
)

from .demo_trust import DEMO_TRUST_STATUS, demo_trust_layout, shape_demo_trust
from .holders import _HolderMaker
from .names import (
    AO,
    CE,
    CHAIR,
    COMMISSIONER_KINDS,
    COMMISSIONER_TALENT,
    COO,
    DOW,
    EXECUTIVE,
    FD,
    NED,
    OTHER,
    TRUST_TALENT,
    _commissioner_layout,
    _family,
    _trust_layout,
)
from .people import _PeopleMaker
from .plan import (
    _Board,
    _days,
    _Person,
    _Post,
    _stable_fraction,
    _years,
)
from .slates import _SlateMaker


class _BoardMaker(_PeopleMaker, _HolderMaker, _SlateMaker):
    """Draws one organisation's boards from its own random stream."""

    def __init__(self, *, seed: int, organisation: Organisation, today: dt.date, others):
        self.seed = seed
        self.organisation = organisation
        self.today = today
        self.others = others  # organisations career histories may mention
        self.history_start = today - _years(HISTORY_YEARS)
        self.known_since = today - _years(KNOWN_YEARS)
        self.used_names: set[tuple[str, str]] = set()
        self.used_emails: set[str] = set()
        pressure = _stable_fraction(seed, organisation.ods_code, "pressure")
        if organisation.ods_code == DEMO_TRUST:
            pressure = 0.5
        # A tenth of organisations are under pressure (vacancies, short tenures); a fifth stable.
        self.pressure = "high" if pressure < 0.1 else "low" if pressure >= 0.8 else "normal"
        self.commissioner = organisation.kind in COMMISSIONER_KINDS
        self.catalogue = COMMISSIONER_TALENT if self.commissioner else TRUST_TALENT
        self.rng = random.Random()

    def board(self, number: int) -> _Board:
        self.rng = random.Random(f"{self.seed}:{self.organisation.ods_code}:{number}")
        rng = self.rng
        layout = _commissioner_layout(rng) if self.commissioner else _trust_layout(rng)
        if self.organisation.ods_code == DEMO_TRUST and number == 1:
            layout = demo_trust_layout(layout)
        suffix = "" if number == 1 else f" (board {number})"
        people: list[_Person] = []
        families = {_family(role) for role, _, _ in layout}
        talent: dict[str, list[tuple[_Person, str]]] = defaultdict(list)
        for family, jobs in self.catalogue.items():
            if family not in families:
                continue
            for title, chance, seniority in jobs:
                if rng.random() < chance:
                    person = self.person(family=family, seniority=seniority, job_title=title)
                    started = self.today - _days(rng.randint(200, 2200))
                    person.career.append((title, self.organisation, "", started, None))
                    self.career(person, before=started, entries=rng.randint(1, 2), family=family)
                    people.append(person)
                    talent[family].append((person, seniority))
        posts = [
            _Post(
                organisation=self.organisation,
                role=role,
                title=title + suffix,
                criticality=criticality,
                board=number,
                created_on=self.history_start,
            )
            for role, title, criticality in layout
        ]
        forced = DEMO_TRUST_STATUS if self.organisation.ods_code == DEMO_TRUST else {}
        for post in posts:
            status, years = forced.get(post.role, (None, None)) if number == 1 else (None, None)
            self.fill_holdings(post, talent, people, status=status, years_in_post=years)
        for post in posts:
            self.fill_slate(post, self.candidates(post, posts, talent), people)
        self.widely_nominated(posts, talent)
        for post in posts:
            self.emergency_cover(post)
            self.review(post)
        board = _Board(organisation=self.organisation, number=number, posts=posts, people=people)
        if self.organisation.ods_code == DEMO_TRUST and number == 1:
            shape_demo_trust(self, board, talent)
        return board

    def candidates(self, post: _Post, posts: list[_Post], talent) -> list[tuple[_Person, str]]:
        """Who this organisation would name for the post: its talent in the post's family and,
        for the top jobs, board colleagues."""
        candidates = list(talent.get(post.family, []))
        if post.family == CE or post.role == COO:
            candidates += [(p, "deputy") for p, _ in talent.get(CE, []) if post.family != CE]
        if post.family == CE:
            for other in posts:
                if other.role in EXECUTIVE and other.family != CE and other.holder:
                    holding = other.holder
                    if holding.kind == IncumbencyKind.SUBSTANTIVE:
                        candidates.append((holding.person, "colleague"))
        if post.role == CHAIR:
            for other in posts:
                if other.role == NED and other.holder:
                    candidates.append((other.holder.person, "non_executive"))
        return candidates

    def widely_nominated(self, posts: list[_Post], talent) -> None:
        """Some boards lean on one rising star, named for three or more posts."""
        rng = self.rng
        if rng.random() >= (0.2 if self.commissioner else 0.35):
            return
        stars = talent.get(CE) or talent.get(COO) or talent.get(OTHER)
        if not stars:
            return
        star = stars[0][0]
        targets = [p for p in posts if p.role in (CE, AO, COO, OTHER, DOW, FD)]
        for post in targets:
            holder = post.holder
            if post.on_slate(star) or (holder and holder.person is star):
                continue
            if len(post.active()) < 4:
                self.nominate(post, star, "deputy")
