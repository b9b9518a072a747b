"""The risk method as a pure function: each factor on its own, the departure split, the cap, the
bands, and what would lower the score. Plain data in, no database."""

import datetime as dt

import pytest

from risk.scoring import (
    DEFAULT_METHOD,
    FACTOR_KEYS,
    Holder,
    Method,
    PostFacts,
    Successor,
    add_months,
    factors_out_of_reach,
    score_if_all_done,
    score_post,
    ways_to_lower,
)
from succession.models import IncumbencyKind
from talent.models import Readiness

TODAY = dt.date(2026, 11, 23)
SUBSTANTIVE = IncumbencyKind.SUBSTANTIVE


def holder(person_id=1, kind=SUBSTANTIVE, started_on=dt.date(2024, 1, 1), **fields):
    return Holder(person_id=person_id, kind=kind, started_on=started_on, **fields)


def successor(person_id=100, readiness=Readiness.READY_NOW, **fields):
    return Successor(person_id=person_id, readiness=readiness, **fields)


def safe_post(**changes) -> PostFacts:
    """A post no factor applies to: a substantive holder staying, a ready-now successor who is
    emergency cover and on no other slate, a plan reviewed last month, a good segment."""
    facts = {
        "post_id": 1,
        "holders": (holder(),),
        "successors": (successor(is_emergency_cover=True),),
        "last_reviewed_on": dt.date(2026, 10, 1),
        "oversight_segment": 2,
    }
    facts.update(changes)
    return PostFacts(**facts)


def factors(facts: PostFacts, method: Method = DEFAULT_METHOD) -> dict:
    return score_post(facts, method, today=TODAY).factors


def test_a_post_with_nothing_wrong_scores_nothing():
    result = score_post(safe_post(), DEFAULT_METHOD, today=TODAY)

    assert (result.score, result.band, result.factors) == (0, "low", {})


# --- Each factor ---------------------------------------------------------------------------------


def test_a_vacant_post_scores_30_for_the_vacancy():
    past = holder(ended_on=dt.date(2026, 6, 30))

    assert factors(safe_post(holders=(past,))) == {"post_vacant": 30}


@pytest.mark.parametrize("kind", [IncumbencyKind.INTERIM, IncumbencyKind.ACTING])
def test_an_interim_or_acting_holder_scores_20(kind):
    assert factors(safe_post(holders=(holder(kind=kind),))) == {"holder_interim_or_acting": 20}


def test_a_holder_leaving_within_12_months_scores_20():
    leaving = holder(expected_departure_on=dt.date(2027, 11, 23))

    assert factors(safe_post(holders=(leaving,))) == {"leaving_within_12_months": 20}


def test_a_holder_leaving_in_13_to_24_months_scores_10_not_20():
    leaving = holder(expected_departure_on=dt.date(2027, 11, 24))

    assert factors(safe_post(holders=(leaving,))) == {"leaving_within_24_months": 10}


def test_a_holder_leaving_on_the_last_day_of_24_months_still_counts():
    leaving = holder(expected_departure_on=dt.date(2028, 11, 23))

    assert factors(safe_post(holders=(leaving,))) == {"leaving_within_24_months": 10}


def test_a_holder_leaving_after_24_months_scores_nothing_for_departure():
    leaving = holder(expected_departure_on=dt.date(2028, 11, 24))

    assert factors(safe_post(holders=(leaving,))) == {}


def test_a_departure_date_that_has_passed_counts_as_leaving_within_12_months():
    overdue = holder(expected_departure_on=dt.date(2026, 1, 1))

    assert factors(safe_post(holders=(overdue,))) == {"leaving_within_12_months": 20}


def test_no_ready_now_successor_scores_20_when_someone_is_ready_in_1_to_2_years():
    slate = (successor(readiness=Readiness.ONE_TO_TWO_YEARS, is_emergency_cover=True),)

    assert factors(safe_post(successors=slate)) == {"no_ready_now_successor": 20}


def test_no_successor_ready_within_2_years_either_adds_10():
    slate = (successor(readiness=Readiness.THREE_TO_FIVE_YEARS, is_emergency_cover=True),)

    assert factors(safe_post(successors=slate)) == {
        "no_ready_now_successor": 20,
        "no_successor_within_2_years": 10,
    }


def test_an_empty_slate_scores_for_no_successors_and_no_emergency_cover():
    assert factors(safe_post(successors=())) == {
        "no_ready_now_successor": 20,
        "no_successor_within_2_years": 10,
        "no_emergency_cover": 10,
    }


def test_no_emergency_cover_scores_10():
    assert factors(safe_post(successors=(successor(),))) == {"no_emergency_cover": 10}


def test_ready_now_successors_all_named_for_3_or_more_other_posts_score_5():
    slate = (
        successor(person_id=100, other_posts=3, is_emergency_cover=True),
        successor(person_id=101, other_posts=4),
    )

    assert factors(safe_post(successors=slate)) == {"ready_now_successors_stretched": 5}


def test_one_ready_now_successor_on_fewer_other_slates_is_enough():
    slate = (
        successor(person_id=100, other_posts=3, is_emergency_cover=True),
        successor(person_id=101, other_posts=2),
    )

    assert factors(safe_post(successors=slate)) == {}


def test_successors_ready_later_do_not_count_as_stretched():
    slate = (
        successor(person_id=100, other_posts=0, is_emergency_cover=True),
        successor(person_id=101, readiness=Readiness.ONE_TO_TWO_YEARS, other_posts=9),
    )

    assert factors(safe_post(successors=slate)) == {}


def test_three_different_substantive_holders_in_5_years_are_churn():
    holders = (
        holder(person_id=1, started_on=dt.date(2019, 1, 1), ended_on=dt.date(2022, 1, 1)),
        holder(person_id=2, started_on=dt.date(2022, 1, 1), ended_on=dt.date(2024, 1, 1)),
        holder(person_id=3, started_on=dt.date(2024, 1, 1)),
    )

    assert factors(safe_post(holders=holders)) == {"holder_churn": 10}


def test_a_holder_who_left_more_than_5_years_ago_does_not_count_towards_churn():
    holders = (
        holder(person_id=1, started_on=dt.date(2015, 1, 1), ended_on=dt.date(2021, 11, 22)),
        holder(person_id=2, started_on=dt.date(2021, 11, 22), ended_on=dt.date(2024, 1, 1)),
        holder(person_id=3, started_on=dt.date(2024, 1, 1)),
    )

    assert factors(safe_post(holders=holders)) == {}


def test_interim_holders_and_the_same_person_twice_are_not_churn():
    holders = (
        holder(person_id=1, started_on=dt.date(2022, 1, 1), ended_on=dt.date(2023, 1, 1)),
        holder(
            person_id=2,
            kind=IncumbencyKind.INTERIM,
            started_on=dt.date(2023, 1, 1),
            ended_on=dt.date(2024, 1, 1),
        ),
        holder(person_id=1, started_on=dt.date(2024, 1, 1)),
    )

    assert factors(safe_post(holders=holders)) == {}


def test_an_organisation_in_segment_4_scores_10():
    assert factors(safe_post(oversight_segment=4)) == {"lowest_oversight_segment": 10}


def test_segment_4_is_not_the_lowest_in_a_five_segment_framework():
    assert factors(safe_post(oversight_segment=4, lowest_oversight_segment=5)) == {}
    assert factors(safe_post(oversight_segment=5, lowest_oversight_segment=5)) == {
        "lowest_oversight_segment": 10
    }


def test_an_organisation_without_a_segment_scores_nothing_for_it():
    assert factors(safe_post(oversight_segment=None)) == {}


def test_a_plan_reviewed_more_than_12_months_ago_scores_10():
    assert factors(safe_post(last_reviewed_on=dt.date(2025, 11, 22))) == {"plan_not_reviewed": 10}


def test_a_plan_reviewed_exactly_12_months_ago_is_still_reviewed():
    assert factors(safe_post(last_reviewed_on=dt.date(2025, 11, 23))) == {}


def test_a_plan_never_reviewed_scores_10():
    assert factors(safe_post(last_reviewed_on=None)) == {"plan_not_reviewed": 10}


def test_vacancy_makes_the_holder_factors_not_apply():
    past = holder(
        kind=IncumbencyKind.INTERIM,
        ended_on=dt.date(2026, 6, 30),
        expected_departure_on=dt.date(2026, 6, 30),
    )

    assert factors(safe_post(holders=(past,))) == {"post_vacant": 30}


# --- The total, the cap and the bands ------------------------------------------------------------


def test_the_score_is_the_sum_of_the_factors_and_lists_them_in_the_methods_order():
    facts = safe_post(
        successors=(), last_reviewed_on=None, holders=(holder(kind=IncumbencyKind.INTERIM),)
    )

    result = score_post(facts, DEFAULT_METHOD, today=TODAY)

    assert result.score == 20 + 20 + 10 + 10 + 10
    assert list(result.factors) == [
        "holder_interim_or_acting",
        "no_ready_now_successor",
        "no_successor_within_2_years",
        "no_emergency_cover",
        "plan_not_reviewed",
    ]


def test_the_score_is_capped_at_100_but_every_factor_is_still_listed():
    holders = (
        holder(person_id=1, started_on=dt.date(2022, 1, 1), ended_on=dt.date(2023, 1, 1)),
        holder(person_id=2, started_on=dt.date(2023, 1, 1), ended_on=dt.date(2024, 1, 1)),
        holder(person_id=3, started_on=dt.date(2024, 1, 1), ended_on=dt.date(2025, 1, 1)),
        holder(
            person_id=4,
            kind=IncumbencyKind.ACTING,
            started_on=dt.date(2025, 1, 1),
            expected_departure_on=dt.date(2027, 1, 1),
        ),
    )
    facts = safe_post(holders=holders, successors=(), last_reviewed_on=None, oversight_segment=4)

    result = score_post(facts, DEFAULT_METHOD, today=TODAY)

    assert result.raw_total == 20 + 20 + 20 + 10 + 10 + 10 + 10 + 10
    assert result.score == 100
    assert result.band == "high"


@pytest.mark.parametrize(
    ("score", "band"),
    [(0, "low"), (29, "low"), (30, "medium"), (59, "medium"), (60, "high"), (100, "high")],
)
def test_bands_are_high_from_60_medium_from_30_and_low_below(score, band):
    assert DEFAULT_METHOD.band(score) == band


def test_the_points_come_from_the_method_not_the_code():
    method = Method(version=2, points={**DEFAULT_METHOD.points, "post_vacant": 45}, high_from=40)
    vacant = safe_post(holders=())

    result = score_post(vacant, method, today=TODAY)

    assert (result.score, result.band, result.factors) == (45, "high", {"post_vacant": 45})


def test_a_factor_worth_0_points_is_not_listed():
    method = Method(version=2, points={**DEFAULT_METHOD.points, "plan_not_reviewed": 0})

    assert factors(safe_post(last_reviewed_on=None), method) == {}


def test_version_1_has_every_factor_of_the_brief():
    assert set(DEFAULT_METHOD.points) == set(FACTOR_KEYS)
    assert sum(DEFAULT_METHOD.points.values()) == 155
    assert (DEFAULT_METHOD.high_from, DEFAULT_METHOD.medium_from) == (60, 30)


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 23), -60) == dt.date(2021, 11, 23)


# --- What would lower the score ------------------------------------------------------------------


def sentences(facts: PostFacts) -> list[str]:
    return [i.sentence for i in ways_to_lower(facts, DEFAULT_METHOD, today=TODAY)]


def test_naming_a_ready_now_successor_removes_20_points_when_someone_is_ready_in_1_to_2_years():
    slate = (successor(readiness=Readiness.ONE_TO_TWO_YEARS, is_emergency_cover=True),)

    assert sentences(safe_post(successors=slate)) == [
        "Naming a ready-now successor removes 20 points"
    ]


def test_naming_a_ready_now_successor_to_an_empty_slate_removes_30_points():
    assert sentences(safe_post(successors=())) == [
        "Naming a ready-now successor removes 30 points",
        "Naming a successor ready in 1–2 years removes 10 points",
        "Naming emergency cover removes 10 points",
    ]


def test_appointing_to_a_vacant_post_removes_the_vacancy_points():
    improvements = ways_to_lower(safe_post(holders=()), DEFAULT_METHOD, today=TODAY)

    assert [(i.action, i.points, i.factors) for i in improvements] == [
        ("Appointing a substantive holder", 30, ("post_vacant",))
    ]


def test_appointing_a_substantive_holder_counts_the_churn_it_would_add():
    holders = (
        holder(person_id=1, started_on=dt.date(2022, 1, 1), ended_on=dt.date(2023, 1, 1)),
        holder(person_id=2, started_on=dt.date(2023, 1, 1), ended_on=dt.date(2025, 1, 1)),
        holder(person_id=3, kind=IncumbencyKind.INTERIM, started_on=dt.date(2025, 1, 1)),
    )

    assert sentences(safe_post(holders=holders)) == [
        "Appointing a substantive holder removes 10 points, not 20, because “3 or more "
        "substantive holders in the last 5 years” (10 points) then applies"
    ]


def test_appointing_to_a_vacant_post_after_two_substantive_holders_names_the_churn_it_adds():
    holders = (
        holder(person_id=1, started_on=dt.date(2022, 1, 1), ended_on=dt.date(2023, 1, 1)),
        holder(person_id=2, started_on=dt.date(2023, 1, 1), ended_on=dt.date(2025, 1, 1)),
    )

    [appointing] = ways_to_lower(safe_post(holders=holders), DEFAULT_METHOD, today=TODAY)

    assert appointing.points == 20
    assert appointing.factors == ("post_vacant",)
    assert appointing.factors_points == 30
    assert appointing.factors_added == (("holder_churn", 10),)
    assert appointing.sentence == (
        "Appointing a substantive holder removes 20 points, not 30, because “3 or more "
        "substantive holders in the last 5 years” (10 points) then applies"
    )


def test_a_change_that_removes_exactly_its_factors_points_gives_no_reason():
    [reviewing] = ways_to_lower(safe_post(last_reviewed_on=None), DEFAULT_METHOD, today=TODAY)

    assert reviewing.points == reviewing.factors_points == 10
    assert reviewing.factors_added == ()
    assert reviewing.why_different == ""


def test_a_change_to_a_score_capped_at_100_says_the_cap_is_why_it_removes_less():
    method = Method(version=2, points={**DEFAULT_METHOD.points, "plan_not_reviewed": 30})
    facts = safe_post(holders=(), successors=(), last_reviewed_on=None, oversight_segment=4)
    assert score_post(facts, method, today=TODAY).raw_total == 110

    reviewing = next(
        i for i in ways_to_lower(facts, method, today=TODAY) if i.action == "Reviewing the plan"
    )

    assert reviewing.sentence == (
        "Reviewing the plan removes 20 points, not 30, because the score is capped at 100"
    )


def test_reviewing_the_plan_removes_10_points():
    assert sentences(safe_post(last_reviewed_on=None)) == ["Reviewing the plan removes 10 points"]


def test_a_stretched_slate_is_helped_by_a_ready_now_successor_who_is_not_stretched():
    slate = (successor(other_posts=5, is_emergency_cover=True),)

    assert sentences(safe_post(successors=slate)) == [
        "Naming a ready-now successor who is not on 3 or more other slates removes 5 points"
    ]


def test_doing_everything_leaves_only_what_the_plan_cannot_change():
    facts = safe_post(
        holders=(holder(expected_departure_on=dt.date(2027, 1, 1)),),
        successors=(),
        last_reviewed_on=None,
        oversight_segment=4,
    )
    assessment = score_post(facts, DEFAULT_METHOD, today=TODAY)
    improvements = ways_to_lower(facts, DEFAULT_METHOD, today=TODAY)

    assert score_if_all_done(facts, DEFAULT_METHOD, today=TODAY).factors == {
        "leaving_within_12_months": 20,
        "lowest_oversight_segment": 10,
    }
    assert factors_out_of_reach(assessment, improvements) == [
        "leaving_within_12_months",
        "lowest_oversight_segment",
    ]


def test_nothing_is_suggested_for_a_post_that_scores_nothing():
    assert sentences(safe_post()) == []
