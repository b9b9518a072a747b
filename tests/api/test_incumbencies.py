"""Holders: who holds or held each post. A new holder is recorded by the organisation's HR
director through services.incumbency_start, from the post's version they read."""

import datetime as dt

import pytest

from succession import services
from succession.models import Incumbency, IncumbencyKind
from tests.api.conftest import ids
from tests.succession.factories import IncumbencyFactory
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(post):
    return IncumbencyFactory(post=post, started_on=dt.date(2020, 1, 1))


def new_holder(post, person, **fields):
    return {
        "post": post.pk,
        "person": person.pk,
        "kind": "interim",
        "started_on": "2025-06-01",
        "post_version": 1,
        **fields,
    }


def test_an_hr_director_lists_their_trusts_holders_only(api, hr_director, holder, other_post):
    IncumbencyFactory(post=other_post)

    assert ids(api(hr_director).get("/api/incumbencies/")) == [holder.pk]


def test_holders_can_be_filtered_by_post_and_whether_current(
    api, talent_team, post, holder, trust, other_post
):
    services.incumbency_start(
        post=post,
        person=PersonFactory(organisation=trust),
        kind=IncumbencyKind.SUBSTANTIVE,
        started_on=dt.date(2025, 1, 1),
    )
    elsewhere = IncumbencyFactory(post=other_post)
    current = Incumbency.objects.current().get(post=post)
    nadia = api(talent_team)

    assert set(ids(nadia.get("/api/incumbencies/", {"post": post.pk}))) == {
        holder.pk,
        current.pk,
    }
    assert ids(nadia.get("/api/incumbencies/", {"post": post.pk, "current": "true"})) == [
        current.pk
    ]
    assert ids(nadia.get("/api/incumbencies/", {"current": "false"})) == [holder.pk]
    assert elsewhere.pk in ids(nadia.get("/api/incumbencies/", {"current": "true"}))


def test_an_hr_director_gets_404_for_another_trusts_holder(api, other_hr_director, holder):
    assert api(other_hr_director).get(f"/api/incumbencies/{holder.pk}/").status_code == 404


def test_the_hr_director_records_a_new_holder_and_the_previous_ones_time_ends(
    api, hr_director, post, holder, trust
):
    newcomer = PersonFactory(organisation=trust)

    response = api(hr_director).post(
        "/api/incumbencies/", new_holder(post, newcomer, previous_holder_reason="retirement")
    )

    assert response.status_code == 201
    body = response.json()
    assert body["person"]["name"] == newcomer.full_name
    assert body["is_current"] is True
    holder.refresh_from_db()
    assert holder.ended_on == dt.date(2025, 6, 1)
    assert holder.departure_reason == "retirement"
    post.refresh_from_db()
    assert post.version == 2


def test_a_new_holder_cannot_start_before_the_current_one(api, hr_director, post, holder, trust):
    response = api(hr_director).post(
        "/api/incumbencies/",
        new_holder(post, PersonFactory(organisation=trust), started_on="2019-01-01"),
    )

    assert response.status_code == 400
    assert "started_on" in response.json()
    assert Incumbency.objects.current().get(post=post) == holder


def test_a_new_holder_must_be_one_of_the_organisations_people(api, hr_director, post, other_trust):
    outsider = PersonFactory(organisation=other_trust)

    response = api(hr_director).post("/api/incumbencies/", new_holder(post, outsider))

    assert response.status_code == 400
    assert "person" in response.json()
    assert not Incumbency.objects.exists()


def test_a_stale_post_version_is_a_409_and_no_holder_is_recorded(api, hr_director, post, trust):
    services.post_update(post=post, expected_version=1, title="Chief executive officer")

    response = api(hr_director).post(
        "/api/incumbencies/", new_holder(post, PersonFactory(organisation=trust))
    )

    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert not Incumbency.objects.exists()


def test_the_chair_may_not_record_a_holder(api, chair, post, trust):
    response = api(chair).post(
        "/api/incumbencies/", new_holder(post, PersonFactory(organisation=trust))
    )

    assert response.status_code == 403
    assert not Incumbency.objects.exists()


def test_an_hr_director_cannot_record_a_holder_of_another_trusts_post(
    api, other_hr_director, post, trust
):
    response = api(other_hr_director).post(
        "/api/incumbencies/", new_holder(post, PersonFactory(organisation=trust))
    )

    assert response.status_code == 400
    assert "post" in response.json()
    assert not Incumbency.objects.exists()
