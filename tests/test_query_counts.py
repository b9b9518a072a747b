"""The key pages take the same number of queries with a little data as with several times more
(more posts, holders, nominations, history, progress updates...): no query per row. A failure
lists every query of both pages, numbered (tests/queries.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from orgs.models import Organisation, Region
from pledges import services as pledge_services
from pledges.models import Rag
from succession import selectors as succession_selectors
from succession import services as succession_services
from succession.models import DepartureReason, IncumbencyKind
from talent import services as talent_services
from talent.models import PostRole, Readiness
from talent.services import pool as pool_services
from tests.clock import TODAY
from tests.pledges.factories import make_pledge, make_report, make_update
from tests.queries import assert_queries_at_most, assert_query_count, count_queries
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import CohortMembershipFactory, PersonFactory, pool_member

pytestmark = pytest.mark.django_db

ROLES = [
    PostRole.FINANCE_DIRECTOR,
    PostRole.MEDICAL_DIRECTOR,
    PostRole.CHIEF_NURSE,
    PostRole.CHIEF_OPERATING_OFFICER,
    PostRole.DIRECTOR_OF_WORKFORCE,
]


def assert_same_queries_with_more_data(client, url, add, *, shows, first=1, then=4):
    """`add(n)` adds n of each kind of row the page lists; the page is read once beforehand so
    that the session and the user's memberships are not counted in one and not the other.
    `shows` are texts of the last rows added (or a function giving them), so that the rows
    counted are on the page."""
    add(first)
    client.get(url)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    add(then)
    with assert_query_count(few):
        response = client.get(url)
    assert response.status_code == 200
    for text in shows() if callable(shows) else shows:
        assert text in response.text, f"{text!r} is not on {url}"


def nominate(post, person, readiness=Readiness.READY_NOW):
    post.plan.refresh_from_db()
    return succession_services.nomination_add(plan=post.plan, person=person, readiness=readiness)


def test_the_board_takes_the_same_queries_for_a_few_posts_or_many(client_for, hr_director, trust):
    made = []

    def add(count):
        for _ in range(count):
            made.append(len(made) + 1)
            number = made[-1]
            post = make_post(trust, PostRole.OTHER_EXECUTIVE_DIRECTOR, f"Director {number}")
            IncumbencyFactory(post=post)
            nominate(post, PersonFactory(organisation=trust))
            nominate(post, PersonFactory(organisation=trust), Readiness.ONE_TO_TWO_YEARS)
            succession_services.post_update(
                post=post, expected_version=None, title=f"Director {number} (renamed)"
            )

    url = reverse("succession:board", args=[trust.ods_code])
    assert_same_queries_with_more_data(
        client_for(hr_director), url, add, shows=["Director 5 (renamed)"]
    )


def test_the_post_page_takes_the_same_queries_for_a_short_history_or_a_long_one(
    client_for, hr_director, trust
):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    started = [TODAY - dt.timedelta(days=3650)]
    holders, nominees = [], []

    def add(count):
        for _ in range(count):
            current = succession_selectors.current_incumbency(post)
            if current is not None:
                succession_services.incumbency_end(
                    incumbency=current,
                    ended_on=started[0] + dt.timedelta(days=99),
                    departure_reason=DepartureReason.RESIGNATION,
                )
                started[0] += dt.timedelta(days=100)
            holders.append(PersonFactory(organisation=trust))
            succession_services.incumbency_start(
                post=post,
                person=holders[-1],
                kind=IncumbencyKind.SUBSTANTIVE,
                started_on=started[0],
            )
            nominees.append(PersonFactory(organisation=trust))
            nominate(post, nominees[-1])
            post.refresh_from_db()
            succession_services.post_update(
                post=post, expected_version=None, is_top_200=not post.is_top_200
            )

    url = reverse("succession:post_detail", args=[post.pk])
    assert_same_queries_with_more_data(
        client_for(hr_director),
        url,
        add,
        shows=lambda: [holders[-1].full_name, nominees[-1].full_name],
    )


def test_the_person_page_takes_the_same_queries_for_a_short_career_or_a_long_one(
    client_for, hr_director, trust
):
    person = PersonFactory(organisation=trust)
    made = []

    def add(count):
        for _ in range(count):
            made.append(len(made) + 1)
            number = made[-1]
            held = make_post(trust, ROLES[number % len(ROLES)], f"Held post {number}")
            IncumbencyFactory(
                post=held, person=person, kind=IncumbencyKind.INTERIM, started_on=TODAY
            )
            nominate(make_post(trust, PostRole.CHIEF_EXECUTIVE, f"Chief {number}"), person)
            talent_services.career_entry_add(
                person=person,
                title=f"Deputy director {number}",
                organisation_name="Another NHS organisation",
                started_on=dt.date(2010 + number, 4, 1),
                ended_on=dt.date(2010 + number, 12, 31),
            )
            person.refresh_from_db()
            talent_services.person_update(
                person=person, expected_version=None, first_name=f"Name{number}"
            )

    url = reverse("talent:person_detail", args=[person.pk])
    assert_same_queries_with_more_data(
        client_for(hr_director), url, add, shows=["Held post 5", "Chief 5", "Deputy director 5"]
    )


def test_the_pool_profile_takes_the_same_queries_for_a_short_record_or_a_long_one(
    client_for, talent_team, trust
):
    person = pool_member(trust, performance=2, potential=2, regions=[trust.region])
    made = []

    def add(count):
        for _ in range(count):
            made.append(len(made) + 1)
            number = made[-1]
            pool_services.target_readiness_set(
                person=person,
                role=ROLES[number % len(ROLES)],
                readiness=Readiness.ONE_TO_TWO_YEARS,
                notes=f"Note {number}",
            )
            pool_services.nine_box_place(
                person=person,
                performance=1 + number % 3,
                potential=1 + (number + 1) % 3,
                reason=f"Review {number}",
            )
            CohortMembershipFactory(person=person)
            pool_services.development_add(
                person=person,
                kind="mentoring",
                title=f"Mentoring {number}",
                status="in_progress",
                starts_on=dt.date(2025, 5, number),
                mentor_name=f"Mentor {number}",
            )
            person.refresh_from_db()
            pool_services.talent_profile_save(
                person=person,
                expected_version=None,
                in_national_pool=True,
                joined_pool_on=dt.date(2024, 4, 1),
                left_pool_on=None,
                visible_to_other_organisations=True,
                consent_recorded_on=dt.date(2024, 4, 8),
                aspirations=f"Aspirations {number}",
                mobility_regions=[trust.region],
            )

    url = reverse("talent:pool_profile", args=[person.pk])
    assert_same_queries_with_more_data(
        client_for(talent_team), url, add, shows=["Mentoring 5", "Aspirations 5"]
    )


@pytest.mark.parametrize("persona", ["pledge_lead", "hr_director"])
def test_the_pledge_page_takes_the_same_queries_for_a_few_updates_or_many(
    request, client_for, national_body, pledge_lead, hr_director, trust, persona
):
    pledge = make_pledge(national_body)
    made = []

    def add(count):
        for _ in range(count):
            made.append(len(made) + 1)
            number = made[-1]
            pledge_services.milestone_add(
                pledge=pledge,
                title=f"Milestone {number}",
                due_on=TODAY + dt.timedelta(days=10 * number),
            )
            make_update(
                pledge,
                by=pledge_lead,
                rag=Rag.AMBER if number % 2 else Rag.GREEN,
                days_ago=10 * number,
                period_days=5,
                narrative=f"Update {number}",
            )
            report = make_report(pledge, by=hr_director, organisation=trust)
            if number % 2:
                pledge_services.report_respond(
                    report=report, kind="explained", text="Not ours.", by=pledge_lead
                )
            pledge.refresh_from_db()
            pledge_services.pledge_update(
                pledge=pledge, expected_version=None, title=f"Pledge title {number}"
            )

    url = reverse("pledges:pledge_detail", args=[pledge.pk])
    client = client_for(request.getfixturevalue(persona))
    assert_same_queries_with_more_data(client, url, add, shows=["Milestone 5", "Update 5"])


def test_a_wrong_count_fails_with_every_query_numbered_and_the_ones_it_was_compared_with(trust):
    with count_queries() as one:
        list(Organisation.objects.all())

    with pytest.raises(AssertionError) as failure, assert_query_count(one):
        list(Organisation.objects.all())
        list(Region.objects.all())

    message = str(failure.value)
    assert message.startswith("expected 1 queries, ran 2:\n")
    assert '   1. SELECT "orgs_organisation"' in message
    assert '   2. SELECT "orgs_region"' in message
    assert "the 1 it is compared with:\n" in message


def test_a_ceiling_passes_below_it_and_fails_above_it(trust):
    with assert_queries_at_most(2):
        list(Organisation.objects.all())

    ceiling = pytest.raises(AssertionError, match="expected at most 1 queries, ran 2")
    with ceiling, assert_queries_at_most(1):
        list(Organisation.objects.all())
        list(Region.objects.all())
