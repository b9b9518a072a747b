"""Lists that stop early say so, and how to narrow them; search results tell two people of one
name apart by their current post and organisation."""

import pytest
from django.urls import reverse

from talent.models import PostRole
from tests.pages import text_of
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory, pool_member

pytestmark = pytest.mark.django_db


def test_successor_search_that_stops_at_25_says_how_many_it_found_and_how_to_narrow(
    client_for, hr_director, trust
):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    for number in range(30):
        PersonFactory(organisation=trust, first_name=f"Person{number:02}", last_name="Smith")

    page = text_of(
        client_for(hr_director).get(
            reverse("succession:nomination_add", args=[post.pk]), {"q": "Smith"}
        )
    )

    assert "30 people found" in page
    assert "Showing 25 of 30 people: add more of the surname" in page


def test_successor_search_that_shows_everyone_has_no_cap_message(client_for, hr_director, trust):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    PersonFactory(organisation=trust, first_name="Ann", last_name="Smith")

    page = text_of(
        client_for(hr_director).get(
            reverse("succession:nomination_add", args=[post.pk]), {"q": "Smith"}
        )
    )

    assert "1 person found" in page
    assert "Showing" not in page


def test_two_successor_candidates_of_one_name_show_their_current_posts(
    client_for, hr_director, trust
):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    finance = make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of finance")
    nursing = make_post(trust, PostRole.CHIEF_NURSE, "Chief nurse")
    for held in (finance, nursing):
        IncumbencyFactory(
            post=held,
            person=PersonFactory(organisation=trust, first_name="Sam", last_name="Jones"),
        )

    page = text_of(
        client_for(hr_director).get(
            reverse("succession:nomination_add", args=[post.pk]), {"q": "Sam Jones"}
        )
    )

    assert f"Director of finance, {trust.display_name}" in page
    assert f"Chief nurse, {trust.display_name}" in page


def test_two_pool_members_of_one_name_show_their_current_posts_in_the_pool_search(
    client_for, talent_team, trust, other_trust
):
    finance = make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of finance")
    nursing = make_post(other_trust, PostRole.CHIEF_NURSE, "Chief nurse")
    for held in (finance, nursing):
        person = pool_member(held.organisation, first_name="Sam", last_name="Jones")
        IncumbencyFactory(post=held, person=person)

    page = text_of(client_for(talent_team).get(reverse("talent:pool_search"), {"q": "Sam Jones"}))

    assert f"Director of finance, {trust.display_name}" in page
    assert f"Chief nurse, {other_trust.display_name}" in page
