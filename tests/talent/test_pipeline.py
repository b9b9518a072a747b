"""The pipeline: people ready against posts to fill, nationally and by region, gaps in words."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from succession.selectors.pipeline import pipeline
from talent.models import PostRole, Readiness
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import pool_member

pytestmark = pytest.mark.django_db

CE = "chief_executive"


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def world(trust, other_trust):
    """Alice's trust (region A): its chief executive leaves within a year and its finance
    director within two. Bob's trust (region B): the chief executive post is vacant. One person
    ready now would work in region A; one ready in 1–2 years works in region B."""
    leaving = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    IncumbencyFactory(post=leaving, expected_departure_on=in_days(200))
    finance = make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of finance")
    IncumbencyFactory(post=finance, expected_departure_on=in_days(540))
    make_post(other_trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")  # vacant
    pool_member(other_trust, readiness={CE: Readiness.READY_NOW}, regions=[trust.region])
    pool_member(other_trust, readiness={CE: Readiness.ONE_TO_TWO_YEARS})
    return trust.region, other_trust.region


def row(rows, role):
    return next(r for r in rows if r.role == role)


def test_the_national_figures_count_supply_posts_vacancies_and_departures(world):
    chief = row(pipeline().national, CE)

    assert (chief.ready_now, chief.one_to_two, chief.three_to_five) == (1, 1, 0)
    assert (chief.posts, chief.vacant, chief.leaving_12, chief.leaving_24) == (2, 1, 1, 1)
    assert chief.gap_12 == 1 and chief.gap_24 == 0
    assert chief.gaps == ["2 to fill within 12 months, 1 ready now: 1 short"]


def test_people_count_where_they_would_work_and_posts_where_they_are(world):
    region_a, region_b = world
    figures = pipeline()

    in_a = row(figures.for_region(region_a), CE)
    in_b = row(figures.for_region(region_b), CE)
    finance_a = row(figures.for_region(region_a), "finance_director")

    assert (in_a.ready_now, in_a.needed_12, in_a.has_gap) == (1, 1, False)
    assert (in_b.ready_now, in_b.one_to_two, in_b.vacant) == (0, 1, 1)
    assert in_b.gaps == ["1 to fill within 12 months, 0 ready now: 1 short"]
    assert (finance_a.leaving_12, finance_a.leaving_24, finance_a.gap_24) == (0, 1, 1)


def test_accountable_officer_posts_are_filled_from_chief_executive_candidates(trust):
    make_post(trust, PostRole.ACCOUNTABLE_OFFICER, "Accountable officer")

    assert row(pipeline().national, CE).posts == 1


def test_the_pipeline_page_shows_gaps_by_region_in_words(client_for, talent_team, world):
    region_a, region_b = world

    response = client_for(talent_team).get(reverse("talent:pipeline"))

    assert response.status_code == 200
    assert "Gaps by region" in response.text
    assert "<strong>Chief executive</strong>: 1 to fill within 12 months, 0 ready now: 1 short" in (
        response.text
    )
    assert '<strong class="nhsuk-tag nhsuk-tag--red">Gap</strong>' in response.text


def test_the_pipeline_page_shows_one_region(client_for, talent_team, world):
    region_a, _ = world

    response = client_for(talent_team).get(reverse("talent:pipeline"), {"region": region_a.code})

    assert f"{region_a.short_name} region: people ready against posts to fill" in response.text
    assert "Gaps by region" not in response.text


def test_only_the_national_team_sees_the_pipeline(client_for, hr_director, chair, administrator):
    for user in (hr_director, chair, administrator):
        assert client_for(user).get(reverse("talent:pipeline")).status_code == 403


def _supply_links(response) -> list[tuple[str, int]]:
    return [
        (query.replace("&amp;", "&"), int(number))
        for query, number in re.findall(
            r'href="/talent-pool/\?([^"]+)">(\d+)<', response.content.decode()
        )
    ]


@pytest.mark.parametrize("in_region", [False, True])
def test_each_number_of_people_ready_links_to_a_pool_search_of_as_many_people(
    client_for, talent_team, world, other_trust, in_region
):
    region_a, region_b = world
    pool_member(other_trust, readiness={CE: Readiness.READY_NOW})  # region B, by employer
    pool_member(other_trust, readiness={CE: Readiness.THREE_TO_FIVE_YEARS}, regions=[region_a])
    client = client_for(talent_team)
    query = {"region": region_b.code} if in_region else {}

    links = _supply_links(client.get(reverse("talent:pipeline"), query))

    assert links, "the pipeline links its numbers of people"
    for link, number in links:
        found = client.get(f"{reverse('talent:pool_search')}?{link}")
        assert found.context["page_obj"].paginator.count == number, link
