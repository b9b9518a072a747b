"""The small-number rule of the equality breakdowns, proved for any counts (hypothesis). One rule
for every level, England included: there is no level at which counts are shown exactly."""

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
def test_no_count_from_1_to_7_is_ever_shown(group):
    result = column(group)

    for cell in [*result.cells.values(), result.total]:
        assert cell.count == SUPPRESSED or cell.count == 0 or cell.count >= 10


@given(counts)
def test_every_count_is_suppressed_or_rounded_to_the_nearest_5(group):
    result = column(group)

    for key, cell in result.cells.items():
        real = group.get(key, 0)
        if 1 <= real <= 7:
            assert cell.count == SUPPRESSED
        else:
            assert cell.count % 5 == 0
            assert abs(cell.count - real) <= 2


@given(counts)
def test_zero_stays_zero(group):
    result = column({**group, "nobody": 0})

    assert result.cells["nobody"].count == 0


@given(counts)
def test_percentages_come_from_the_rounded_figures(group):
    result = column(group)
    total = result.total.count

    for cell in result.cells.values():
        if cell.count == SUPPRESSED or total == SUPPRESSED:
            assert cell.percentage == SUPPRESSED
        elif total == 0:
            assert cell.percentage is None
        else:
            assert cell.percentage == one_decimal(Decimal(cell.count) * 100 / total)


@given(counts)
def test_the_total_is_the_real_total_rounded_so_a_suppressed_count_still_counts_in_it(group):
    result = column(group)

    assert result.total.count == shown_count(sum(group.values()))


def test_a_suppressed_row_shows_a_suppressed_share_and_the_others_share_the_rounded_total():
    """3 of 15 (* and *), 12 of 15 (10 of 15, 66.7%): the * row is not left out of the total."""
    result = column({"asian": 3, "white": 12})

    assert result.total.count == 15
    assert result.cells["asian"].count == SUPPRESSED
    assert result.cells["asian"].percentage == SUPPRESSED
    assert result.cells["white"].count == 10
    assert result.cells["white"].percentage == Decimal("66.7")


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, "*"), (7, "*"), (8, 10), (10, 10), (12, 10), (13, 15), (17, 15), (18, 20)],
)
def test_the_rule_on_the_numbers_either_side_of_its_edges(count, shown):
    assert shown_count(count) == shown


def test_a_negative_count_is_a_mistake():
    with pytest.raises(ValueError):
        shown_count(-1)


def test_a_share_of_a_suppressed_total_is_suppressed_and_of_nobody_is_nothing():
    assert shown_percentage(10, SUPPRESSED) == SUPPRESSED
    assert shown_percentage(0, 0) is None
    assert shown_percentage(15, 20) == Decimal("75.0")
