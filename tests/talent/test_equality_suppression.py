"""The small-number rule of the equality breakdowns, proved for any counts (hypothesis)."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talent.equality import SUPPRESSED, column, shown_count, shown_percentage

counts = st.dictionaries(
    keys=st.sampled_from(["white", "asian", "black", "mixed", "other", "prefer", "unknown"]),
    values=st.integers(min_value=0, max_value=5000),
    max_size=7,
)


def one_decimal(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@given(counts)
def test_below_national_level_no_count_from_1_to_7_is_ever_shown(group):
    result = column(group, national=False)

    for cell in [*result.cells.values(), result.total]:
        assert cell.count == SUPPRESSED or cell.count == 0 or cell.count >= 10


@given(counts)
def test_below_national_level_every_count_is_suppressed_or_rounded_to_the_nearest_5(group):
    result = column(group, national=False)

    for key, cell in result.cells.items():
        real = group.get(key, 0)
        if 1 <= real <= 7:
            assert cell.count == SUPPRESSED
        else:
            assert cell.count % 5 == 0
            assert abs(cell.count - real) <= 2


@given(counts)
def test_zero_stays_zero_at_every_level(group):
    for national in (True, False):
        result = column({**group, "nobody": 0}, national=national)

        assert result.cells["nobody"].count == 0


@given(counts)
def test_percentages_below_national_level_come_from_the_rounded_figures(group):
    result = column(group, national=False)
    total = result.total.count

    for cell in result.cells.values():
        if cell.count == SUPPRESSED or total == SUPPRESSED:
            assert cell.percentage == SUPPRESSED
        elif total == 0:
            assert cell.percentage is None
        else:
            assert cell.percentage == one_decimal(Decimal(cell.count) * 100 / total)


@given(counts)
def test_national_level_shows_the_real_counts_and_their_percentages(group):
    result = column(group, national=True)
    total = sum(group.values())

    assert result.total.count == total
    for key, cell in result.cells.items():
        assert cell.count == group[key]
        if total:
            assert cell.percentage == one_decimal(Decimal(group[key]) * 100 / total)


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, "*"), (7, "*"), (8, 10), (10, 10), (12, 10), (13, 15), (17, 15), (18, 20)],
)
def test_the_rule_on_the_numbers_either_side_of_its_edges(count, shown):
    assert shown_count(count, national=False) == shown


def test_a_negative_count_is_a_mistake():
    with pytest.raises(ValueError):
        shown_count(-1, national=False)


def test_a_share_of_a_suppressed_total_is_suppressed_and_of_nobody_is_nothing():
    assert shown_percentage(10, SUPPRESSED) == SUPPRESSED
    assert shown_percentage(0, 0) is None
    assert shown_percentage(15, 20) == Decimal("75.0")
