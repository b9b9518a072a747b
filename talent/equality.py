"""Small-number suppression for equality breakdowns: a pure function of plain numbers.

Every published count, England's included, follows one rule: a count from 1 to 7 shows as `*`,
every other count is rounded to the nearest 5 (0 stays 0). A total is the real total, rounded
by the same rule. Percentages are worked out from the rounded figures; the share of a `*` count,
or of a `*` total, is itself `*`, and a `*` count still counts in its total (the total is
rounded from the real sum, not from the figures shown). Our populations are small and board
members are public figures, so no level is large enough to be shown exactly
(docs/adr/0017-equality-snapshots.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SUPPRESSED = "*"
LARGEST_SUPPRESSED = 7
ROUND_TO = 5

Shown = int | str  # a count as published: a number, or SUPPRESSED


def shown_count(count: int) -> Shown:
    """A count as it may be published."""
    if count < 0:
        raise ValueError("A count cannot be negative.")
    if count == 0:
        return 0
    if count <= LARGEST_SUPPRESSED:
        return SUPPRESSED
    # Nearest multiple of 5; a whole number is never exactly half-way between two of them.
    return (count + ROUND_TO // 2) // ROUND_TO * ROUND_TO


def shown_percentage(count: Shown, total: Shown) -> Decimal | str | None:
    """The share of the total, to one decimal place, from the figures as shown. Suppressed if
    either figure is; None when the total is 0 (a share of nobody means nothing)."""
    if count == SUPPRESSED or total == SUPPRESSED:
        return SUPPRESSED
    if total == 0:
        return None
    share = Decimal(count) * 100 / Decimal(total)
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Cell:
    count: Shown
    percentage: Decimal | str | None

    @property
    def is_suppressed(self) -> bool:
        return self.count == SUPPRESSED


@dataclass(frozen=True)
class Column:
    """One group's breakdown (the board members of a region, say): a cell per category and the
    total, every figure as it may be published."""

    cells: dict[str, Cell]
    total: Cell


def column(counts: Mapping[str, int], *, categories: Iterable[str] = ()) -> Column:
    """Suppress and round a group's counts per category; categories not counted show 0."""
    keys = list(dict.fromkeys([*categories, *counts]))
    total = shown_count(sum(counts.get(key, 0) for key in keys))
    cells = {}
    for key in keys:
        count = shown_count(counts.get(key, 0))
        cells[key] = Cell(count=count, percentage=shown_percentage(count, total))
    total_percentage = shown_percentage(total, total)
    return Column(cells=cells, total=Cell(count=total, percentage=total_percentage))
