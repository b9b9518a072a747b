"""The people on a board: names, work emails, the national pool and earlier careers."""

from __future__ import annotations

import datetime as dt
import random

from orgs.models import Organisation

from .names import (
    BACKGROUNDS,
    CE,
    CE_BACKGROUNDS,
    CHAIR,
    COO,
    EARLIER_TITLES,
    FIRST_NAMES,
    NED,
    NED_BACKGROUNDS,
    OUTSIDE_NHS,
    SURNAMES,
)
from .plan import (
    _days,
    _Person,
    _slug,
)


class _PeopleMaker:
    """Draws people for one organisation's boards."""

    # Set by _BoardMaker.
    seed: int
    organisation: Organisation
    today: dt.date
    rng: random.Random
    others: list
    history_start: dt.date
    used_names: set[tuple[str, str]]
    used_emails: set[str]

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
