"""Each role's home page takes the same number of queries with a little work waiting as with
several times more: a section is a count and one query for its first rows, never one per row."""

import datetime as dt

import pytest

from notifications.worklists import SHOWN
from pledges import services as pledge_services
from talent.models import PostRole, Readiness
from tests.clock import TODAY
from tests.notifications.helpers import ask_for_sign_off, nominate, sign_off
from tests.pledges.factories import make_pledge, make_report, make_update
from tests.queries import assert_query_count, count_queries
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db

HOME = "/"


def same_queries_with_more(client, add, *, first=1, then=SHOWN + 2):
    add(first)
    client.get(HOME)
    with count_queries() as few:
        assert client.get(HOME).status_code == 200
    add(then)
    with assert_query_count(few):
        response = client.get(HOME)
    assert response.status_code == 200
    return response


def test_the_chairs_home_page(client_for, trust, hr_director, chair, clock):
    made = []

    def add(count):
        for _ in range(count):
            made.append(1)
            post = make_post(trust, PostRole.OTHER_EXECUTIVE_DIRECTOR, f"Director {len(made)}")
            nominate(post, PersonFactory(organisation=trust))
            sign_off(post, by=chair)
            clock.shift(1)
            nominate(post, PersonFactory(organisation=trust), readiness=Readiness.ONE_TO_TWO_YEARS)
            ask_for_sign_off(post, by=hr_director)

    response = same_queries_with_more(client_for(chair), add)
    assert "Plans waiting for your sign-off (13)" in response.text


def test_the_hr_directors_home_page(client_for, trust, other_trust, hr_director, chair, clock):
    made = []

    def add(count):
        for _ in range(count):
            made.append(1)
            post = make_post(trust, PostRole.OTHER_EXECUTIVE_DIRECTOR, f"Director {len(made)}")
            IncumbencyFactory(
                post=post,
                started_on=dt.date(2020, 1, 1),
                expected_departure_on=TODAY + dt.timedelta(days=30),
            )
            vacant = make_post(trust, PostRole.OTHER_EXECUTIVE_DIRECTOR, f"Vacant {len(made)}")
            IncumbencyFactory(post=vacant, started_on=TODAY + dt.timedelta(days=10))
            nominate(
                post, PersonFactory(organisation=trust), readiness=Readiness.THREE_TO_FIVE_YEARS
            )
            sign_off(post, by=chair)
            clock.shift(1)
            nominate(post, PersonFactory(organisation=trust), readiness=Readiness.ONE_TO_TWO_YEARS)
            elsewhere = make_post(other_trust, PostRole.CHIEF_EXECUTIVE, f"Elsewhere {len(made)}")
            nominate(
                elsewhere, TalentProfileFactory(person=PersonFactory(organisation=trust)).person
            )

    response = same_queries_with_more(client_for(hr_director), add)
    assert "Departures in the next 6 months" in response.text


def test_the_national_teams_home_page(client_for, national_body, pledge_lead, talent_team, trust):
    made = []

    def add(count):
        for _ in range(count):
            made.append(1)
            number = len(made)
            pledge = make_pledge(national_body, title=f"Pledge {number}")
            make_update(pledge, by=pledge_lead, days_ago=120)
            make_report(pledge, by=pledge_lead)
            make_post(trust, PostRole.OTHER_EXECUTIVE_DIRECTOR, f"Director {number}")

    response = same_queries_with_more(client_for(talent_team), add)
    assert "Reports of inconsistency waiting for a response" in response.text


def test_the_pledge_leads_home_page(client_for, national_body, pledge_lead, talent_team):
    made = []

    def add(count):
        for _ in range(count):
            made.append(1)
            number = len(made)
            pledge = make_pledge(national_body, title=f"Pledge {number}")
            pledge_services.milestone_add(
                pledge=pledge, title=f"Milestone {number}", due_on=TODAY + dt.timedelta(days=5)
            )
            make_report(pledge, by=talent_team)

    response = same_queries_with_more(client_for(pledge_lead), add)
    assert "Milestones due" in response.text
