"""Drawing one organisation's board, and the hand-shaped demo trust."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from demo.constants import DEMO_TRUST, HISTORY_YEARS, KNOWN_YEARS
from orgs.models import Organisation
from succession.models import (
    Criticality,
    DepartureReason,
    IncumbencyKind,
    NominationStatus,
    Readiness,
)

from .names import (
    AO,
    BACKGROUNDS,
    CE,
    CE_BACKGROUNDS,
    CHAIR,
    CN,
    COMMISSIONER_KINDS,
    COMMISSIONER_TALENT,
    COO,
    DOW,
    EARLIER_TITLES,
    EXECUTIVE,
    EXECUTIVE_SLATE_SIZES,
    FD,
    FIRST_NAMES,
    MD,
    NED,
    NED_BACKGROUNDS,
    NOTES,
    OTHER,
    OUTSIDE_NHS,
    READINESS_STEPS,
    READINESS_WEIGHTS,
    REMOVED_COUNTS,
    REMOVED_EXECUTIVE,
    REMOVED_GONE,
    REMOVED_STILL_HERE,
    SIGN_OFF_COMMENTS,
    SLATE_SIZES,
    SURNAMES,
    TRUST_TALENT,
    _commissioner_layout,
    _family,
    _trust_layout,
)
from .plan import (
    _Board,
    _days,
    _Holding,
    _Nomination,
    _Person,
    _Post,
    _slug,
    _stable_fraction,
    _years,
)

# --- One board -------------------------------------------------------------------------------


class _BoardMaker:
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

    # People ------------------------------------------------------------------------------

    def person(
        self,
        *,
        family: str,
        seniority: str,
        employed: bool = True,
        job_title: str = "",
        background: str | None = None,
    ) -> _Person:
        rng = self.rng
        for _ in range(30):
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            if (first, last) not in self.used_names:
                break
        self.used_names.add((first, last))
        if background is None:
            if family == CE:
                background = rng.choice(CE_BACKGROUNDS)
            elif family in (CHAIR, NED):
                background = rng.choice(NED_BACKGROUNDS)
            else:
                background = BACKGROUNDS[family]
        email = ""
        if employed:
            email = f"{_slug(first)}.{_slug(last)}@{self.organisation.ods_code.lower()}.nhs.example"
            number = 2
            while email in self.used_emails:
                email = (
                    f"{_slug(first)}.{_slug(last)}{number}"
                    f"@{self.organisation.ods_code.lower()}.nhs.example"
                )
                number += 1
            self.used_emails.add(email)
        person = _Person(
            first_name=first,
            last_name=last,
            background=background,
            organisation=self.organisation if employed else None,
            email=email,
            family=family,
            seniority=seniority,
            job_title=job_title,
        )
        self._talent_pool(person)
        return person

    def _talent_pool(self, person: _Person) -> None:
        """About a tenth of people are in the national pool; most agreed to be seen by others."""
        rng = self.rng
        chance = {
            "deputy": 0.35,
            "associate": 0.25,
            "holder": 0.2,
            "non_executive": 0.12,
            "interim": 0.1,
            "past": 0.03,
        }[person.seniority]
        if person.family == CE and person.seniority == "holder":
            chance = 0.15
        roll = rng.random()
        if roll < chance:
            person.pool = True
            person.joined_pool_on = self.today - _days(rng.randint(30, 1500))
            person.visible = rng.random() < 0.85
            person.weight = 6 if rng.random() < 0.1 else 1
        elif roll < chance + 0.01:
            person.joined_pool_on = self.today - _days(rng.randint(800, 2000))
            person.left_pool_on = person.joined_pool_on + _days(rng.randint(180, 700))
        if person.organisation is None:
            return
        if person.seniority == "holder":
            person.targets = (CE,) if person.family == CE else (CE, person.family)
        elif person.seniority in ("deputy", "associate"):
            person.targets = (CE, COO) if person.family == CE else (person.family,)
        elif person.seniority == "non_executive":
            person.targets = (CHAIR, NED)

    def career(self, person: _Person, *, before: dt.date, entries: int, family: str) -> None:
        """Earlier posts, newest first, ending when the person's post here began."""
        rng = self.rng
        end = before
        for _ in range(entries):
            start = end - _days(rng.randint(500, 2200))
            title = rng.choice(EARLIER_TITLES[family])
            # One draw whatever the number of organisations, so a board does not depend on
            # which other organisations are loaded.
            known, pick = rng.random() < 0.6, rng.random()
            organisation = self.others[int(pick * len(self.others))] if self.others else None
            if not known or (organisation and organisation.pk == self.organisation.pk):
                organisation = None
            outside = rng.choice(OUTSIDE_NHS)
            name = "" if organisation else outside
            person.career.append((title, organisation, name, start, end))
            end = start - _days(rng.randint(0, 90))

    # Holders -----------------------------------------------------------------------------

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

    # Plans -------------------------------------------------------------------------------

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

    # The whole board ---------------------------------------------------------------------

    def board(self, number: int) -> _Board:
        self.rng = random.Random(f"{self.seed}:{self.organisation.ods_code}:{number}")
        rng = self.rng
        layout = _commissioner_layout(rng) if self.commissioner else _trust_layout(rng)
        if self.organisation.ods_code == DEMO_TRUST and number == 1:
            layout = _demo_trust_layout(layout)
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
        forced = _DEMO_TRUST_STATUS if self.organisation.ods_code == DEMO_TRUST else {}
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
            _shape_demo_trust(self, board, talent)
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


# --- Guy's and St Thomas': the demo accounts' trust -------------------------------------------

# (status, years in post) of the demo trust's posts.
_DEMO_TRUST_STATUS = {
    COO: ("vacant", None),
    FD: ("interim", None),
    CE: ("substantive", 6.3),
    MD: ("substantive", 2.7),
    CN: ("substantive", 4.1),
    DOW: ("substantive", 3.2),
    OTHER: ("substantive", 1.4),
    CHAIR: ("substantive", 3.6),
}


def _demo_trust_layout(layout):
    """The demo trust always has a director of strategy (a slate for its rising star)."""
    layout = [item for item in layout if item[0] != OTHER]
    index = next(i for i, item in enumerate(layout) if item[0] == CHAIR)
    layout.insert(index, (OTHER, "Director of strategy", Criticality.STANDARD))
    return layout


def _demo_account_names() -> dict[str, tuple[str, str]]:
    try:
        from demo.accounts import DEMO_ACCOUNTS
    except ImportError:  # pragma: no cover - the accounts app always ships them
        return {}
    return {
        account.role: (account.first_name, account.last_name)
        for account in DEMO_ACCOUNTS
        if account.organisation == DEMO_TRUST
    }


def _shape_demo_trust(maker: _BoardMaker, board: _Board, talent) -> None:
    """Make sure the demo trust shows every situation the service is for: a vacant post with
    emergency cover, an interim, a post with no ready-now successor, a plan changed since it was
    signed off, a plan not reviewed for over a year and a rising star on several slates."""
    rng, today = maker.rng, maker.today
    posts = {post.role: post for post in board.posts if post.role != NED}
    names = _demo_account_names()
    # The demo chair and HR director (director of workforce) hold their posts here.
    for role, account_role in ((CHAIR, "chair"), (DOW, "hr_director")):
        if account_role in names and posts[role].holder:
            person = posts[role].holder.person
            person.first_name, person.last_name = names[account_role]
            maker.used_names.add(names[account_role])
            person.email = f"{_slug(person.first_name)}.{_slug(person.last_name)}@rj1.nhs.example"
            maker.used_emails.add(person.email)

    # The rising star: the deputy chief executive, on the chief executive's, chief operating
    # officer's and director of strategy's slates.
    star = talent[CE][0][0] if talent.get(CE) else None
    if star is None:
        star = maker.person(family=CE, seniority="deputy", job_title="Deputy chief executive")
        star.career.append(
            ("Deputy chief executive", board.organisation, "", today - _years(3), None)
        )
        board.people.append(star)
    star.pool = star.visible = True
    star.joined_pool_on = star.joined_pool_on or today - _years(2)
    for role in (CE, COO, OTHER):
        post = posts[role]
        if not post.on_slate(star):
            maker.nominate(post, star, "deputy")
        nomination = next(n for n in post.active() if n.person is star)
        maker.set_readiness(nomination, Readiness.ONE_TO_TWO_YEARS)

    # The chief executive retires in 14 months; the plan changed after the chair signed it off.
    chief = posts[CE]
    holding = chief.holder
    holding.expected_departure_on = today + _days(425)
    holding.departure_reason = DepartureReason.RETIREMENT
    holding.departure_recorded_on = today - _days(60)
    signed = today - _days(150)
    chief.reviewed_on = signed
    chief.sign_offs = [
        (maker.moment(signed - _days(365)), ""),
        (maker.moment(signed), "Agreed. The star candidate needs a system leadership role."),
    ]
    for nomination in chief.active():
        if nomination.created_at.date() > signed - _days(10):
            nomination.created_at = maker.moment(signed - _days(rng.randint(30, 300)))
        maker.set_readiness(nomination, nomination.readiness)
    star_nomination = next(n for n in chief.active() if n.person is star)
    star_nomination.earlier_readiness = Readiness.THREE_TO_FIVE_YEARS
    star_nomination.readiness_changed_at = maker.moment(today - _days(21))
    newcomer = maker.person(family=CE, seniority="past", employed=False)
    newcomer.career.append(
        (
            "Chief executive",
            None,
            "Barnet and Chase Farm Hospitals NHS Trust",
            today - _years(7),
            today - _years(2),
        )
    )
    board.people.append(newcomer)
    late = maker.nominate(chief, newcomer, "colleague")
    maker.set_readiness(late, Readiness.READY_NOW)
    late.notes = "A former chief executive, back from a national role; keen to return."
    late.created_at = maker.moment(today - _days(42))

    # The chief operating officer's post is vacant: its deputy is named as emergency cover.
    coo = posts[COO]
    deputy = next((p for p, s in talent.get(COO, []) if s == "deputy"), None)
    if deputy is None:
        deputy = maker.person(
            family=COO, seniority="deputy", job_title="Deputy chief operating officer"
        )
        board.people.append(deputy)
    if not coo.on_slate(deputy):
        maker.nominate(coo, deputy, "deputy")
    for nomination in coo.active():
        nomination.is_emergency_cover = nomination.person is deputy
        if nomination.person is deputy:
            maker.set_readiness(nomination, Readiness.READY_NOW)

    # The medical director's plan has nobody ready now.
    medical = posts[MD]
    while len(medical.active()) < 2:
        person = maker.person(
            family=MD, seniority="associate", job_title="Associate medical director"
        )
        board.people.append(person)
        maker.nominate(medical, person, "associate")
    for nomination in medical.active():
        if nomination.readiness == Readiness.READY_NOW:
            maker.set_readiness(nomination, Readiness.ONE_TO_TWO_YEARS)

    # The chief nurse's plan was last looked at fourteen months ago.
    nurse = posts[CN]
    nurse.reviewed_on = today - _days(425)
    nurse.sign_offs = []
    for post in (chief, coo, medical, nurse, posts[OTHER]):
        post.shaped = True
        # Slates stop at four: drop the surplus, lowest-placed first, keeping who matters here.
        keep = {id(star), id(newcomer), id(deputy)}
        while len(post.active()) > 4:
            spare = [n for n in post.active() if id(n.person) not in keep]
            last = max(spare, key=lambda n: (READINESS_STEPS.index(n.readiness), n.order))
            post.nominations.remove(last)
