"""Which organisations get boards, the top-200 choice and the national pool."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections import defaultdict
from itertools import accumulate

from django.db.models import QuerySet

from demo.constants import DEMO_TRUST, TOP_200
from orgs.models import Organisation, OrganisationKind

from .maker import _BoardMaker
from .names import AO, CE, CHAIR, COMMISSIONER_KINDS, FD, LARGEST_TRUSTS, NED, TRUST_KIND_ORDER
from .plan import _Board, _Person, _stable_fraction

# --- Which organisations, which boards -------------------------------------------------------


def _default_organisations(today: dt.date) -> QuerySet[Organisation]:
    """Today's organisations with boards: open trusts and ICBs (and any CCG still open)."""
    kinds = [*OrganisationKind.trust_kinds(), OrganisationKind.ICB, OrganisationKind.CCG]
    return Organisation.objects.open_on(today).filter(kind__in=kinds)


def _ordered(seed: int, organisations) -> list[Organisation]:
    """The demo trust first, then a seeded shuffle, so a limited load is a fair sample."""
    return sorted(
        organisations,
        key=lambda o: (o.ods_code != DEMO_TRUST, _stable_fraction(seed, "order", o.ods_code)),
    )


def _by_size(seed: int, organisations: list[Organisation]) -> list[Organisation]:
    """Trusts from (roughly) the largest: the best-known large trusts, then acute foundation
    trusts, acute trusts and the other kinds; a seeded tie-break inside each group."""
    known = {code: index for index, code in enumerate(LARGEST_TRUSTS)}

    def key(organisation):
        if organisation.ods_code in known:
            return (0, known[organisation.ods_code], 0.0)
        kind_rank = (
            TRUST_KIND_ORDER.index(organisation.kind)
            if organisation.kind in TRUST_KIND_ORDER
            else len(TRUST_KIND_ORDER)
        )
        group = 1 + kind_rank * 2 + (0 if organisation.is_foundation_trust else 1)
        return (group, 0, _stable_fraction(seed, "size", organisation.ods_code))

    return sorted(organisations, key=key)


def _top_200(seed: int, organisations: list[Organisation]) -> set[tuple[int, str]]:
    """(organisation id, role) of the designated posts: about one per organisation, at most
    200: mostly chief executives of the largest trusts, then finance directors and chairs of
    the largest and the accountable officers of the largest CCGs."""
    trusts = _by_size(seed, [o for o in organisations if o.kind not in COMMISSIONER_KINDS])
    commissioners = sorted(
        (o for o in organisations if o.kind in COMMISSIONER_KINDS),
        key=lambda o: _stable_fraction(seed, "size", o.ods_code),
    )
    target = min(TOP_200, len(organisations))
    shares = [
        ([(o.pk, CE) for o in trusts], round(target * 0.65)),
        ([(o.pk, FD) for o in trusts], round(target * 0.15)),
        ([(o.pk, CHAIR) for o in trusts], round(target * 0.10)),
        ([(o.pk, AO) for o in commissioners], round(target * 0.10)),
    ]
    chosen: list[tuple[int, str]] = []
    for candidates, share in shares:
        chosen += candidates[:share]
    # Too few of one kind (a load of trusts only, say): fill up in the same order of priority.
    for candidates, _share in shares:
        for candidate in candidates:
            if len(chosen) >= target:
                break
            if candidate not in chosen:
                chosen.append(candidate)
    return set(chosen[:target])


def _boards_per_organisation(count: int, scale: float) -> list[int]:
    if scale <= 1:
        return [1] * count
    total = round(count * scale)
    return [total // count + (1 if index < total % count else 0) for index in range(count)]


# --- The national talent pool across organisations --------------------------------------------


class _NationalPool:
    """Pool members who agreed to be seen by other organisations, by the posts they suit."""

    def __init__(self):
        self.by_target: dict[str, list[_Person]] = defaultdict(list)
        self.by_target_region: dict[tuple[str, int | None], list[_Person]] = defaultdict(list)
        self._weights: dict = {}

    def add(self, person: _Person) -> None:
        if not (person.pool and person.visible and person.organisation is not None):
            return
        for target in person.targets:
            self.by_target[target].append(person)
            self.by_target_region[(target, person.organisation.region_id)].append(person)

    def _cumulative(self, key, people):
        if key not in self._weights or len(self._weights[key]) != len(people):
            self._weights[key] = list(accumulate(p.weight for p in people))
        return self._weights[key]

    def choose(self, rng: random.Random, target: str, region_id) -> _Person | None:
        local = self.by_target_region.get((target, region_id), [])
        nearby = bool(local) and rng.random() < 0.7
        people = local if nearby else self.by_target.get(target, [])
        if not people:
            return None
        key = ("region", target, region_id) if nearby else ("all", target)
        cumulative = self._cumulative(key, people)
        return people[bisect(cumulative, rng.random() * cumulative[-1])]


CROSS_ORGANISATION_CHANCE = {CE: 0.4, CHAIR: 0.3, NED: 0.2}
MOST_CROSS_ORGANISATION_NOMINATIONS = 5  # even the most sought-after are not on every slate


def _add_cross_organisation_nominations(
    *, seed: int, board: _Board, pool: _NationalPool, today: dt.date
) -> None:
    """Name consenting pool members from other organisations on some slates."""
    organisation = board.organisation
    rng = random.Random(f"{seed}:{organisation.ods_code}:{board.number}:national")
    maker = _BoardMaker(seed=seed, organisation=organisation, today=today, others=[])
    maker.rng = rng
    for post in board.posts:
        chance = CROSS_ORGANISATION_CHANCE.get(post.family, 0.2)
        if len(post.active()) >= 4 or rng.random() >= chance or post.shaped:
            continue
        person = pool.choose(rng, post.family, organisation.region_id)
        if person is None or person.organisation is organisation or post.on_slate(person):
            continue
        if person.organisation.pk == organisation.pk:
            continue
        if person.named_elsewhere >= MOST_CROSS_ORGANISATION_NOMINATIONS:
            continue
        person.named_elsewhere += 1
        maker.nominate(post, person, "national", earliest=person.joined_pool_on)
