"""Equality monitoring answers, without history: special-category data kept in one place only."""

from __future__ import annotations

import random

from talent.models import (
    Disability,
    EqualityRecord,
    Person,
    Sex,
)

from .common import (
    HERITAGE,
    OTHERWISE,
    WOMEN,
    TalentDemoSummary,
    pick,
    rng_for,
)


def _ethnicity(rng: random.Random, first: str, last: str) -> str:
    for category, names in HERITAGE.items():
        if (last in names or first in names) and rng.random() < 0.85:
            return category
    return pick(rng, OTHERWISE)


def add_equality(seed: int, summary: TalentDemoSummary) -> None:
    """Answers for nearly everyone (about one in twenty has none), without history: the answers
    are special-category data, kept in one place only."""
    women = WOMEN
    rows = []
    people = Person.objects.exclude(pk__in=EqualityRecord.objects.values("person_id")).values_list(
        "pk", "first_name", "last_name", "created_at"
    )
    for pk, first, last, created in people.iterator(chunk_size=5000):
        rng = rng_for(seed, "equality", pk)
        if rng.random() < 0.05:
            continue  # never answered
        roll = rng.random()
        if roll < 0.02:
            sex = Sex.PREFER_NOT_TO_SAY
        elif women:
            sex = Sex.FEMALE if (first in women) != (roll > 0.99) else Sex.MALE
        else:
            sex = Sex.FEMALE if roll < 0.5 else Sex.MALE
        rows.append(
            EqualityRecord(
                person_id=pk,
                ethnicity=_ethnicity(rng, first, last),
                sex=sex,
                disability=pick(
                    rng,
                    [(Disability.NO, 90), (Disability.YES, 5), (Disability.PREFER_NOT_TO_SAY, 5)],
                ),
                recorded_on=created.date(),
            )
        )
    EqualityRecord.objects.bulk_create(rows, batch_size=5000)
    summary.equality_records += len(rows)
