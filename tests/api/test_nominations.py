"""Nominations: successors on a post's slate, named through services.nomination_add by the HR
director or the national talent team, changed and removed (with a reason) by the HR director."""

import datetime as dt

import pytest

from succession import services
from succession.models import Nomination, NominationStatus
from talent.models import Readiness
from tests.api.conftest import ids
from tests.talent.factories import PersonFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(trust):
    return PersonFactory(organisation=trust, first_name="Ada", last_name="King")


@pytest.fixture
def nomination(post, ada):
    return services.nomination_add(plan=post.plan, person=ada, readiness=Readiness.READY_NOW)


def nominating(post, person, **fields):
    return {
        "post": post.pk,
        "person": person.pk,
        "readiness": "ready_now",
        "plan_version": 1,
        **fields,
    }


# --- Reading ------------------------------------------------------------------------------------


def test_an_hr_director_sees_only_their_trusts_nominations(
    api, hr_director, nomination, other_post, other_trust
):
    services.nomination_add(
        plan=other_post.plan,
        person=PersonFactory(organisation=other_trust),
        readiness=Readiness.READY_NOW,
    )

    assert ids(api(hr_director).get("/api/nominations/")) == [nomination.pk]


def test_an_hr_director_gets_404_for_another_trusts_nomination(api, other_hr_director, nomination):
    assert api(other_hr_director).get(f"/api/nominations/{nomination.pk}/").status_code == 404


def test_the_chair_and_the_national_team_read_a_nomination(api, chair, talent_team, nomination):
    for user in (chair, talent_team):
        body = api(user).get(f"/api/nominations/{nomination.pk}/").json()
        assert body["person"]["name"] == "Ada King"
        assert body["readiness_label"] == "Ready now"
        assert body["plan_version"] == 2


def test_nominations_can_be_filtered_by_plan_post_person_and_status(
    api, talent_team, nomination, post, ada, other_post, trust
):
    elsewhere = services.nomination_add(
        plan=other_post.plan,
        person=ada,
        readiness=Readiness.ONE_TO_TWO_YEARS,
        consent_method="in_writing",
        consent_given_on=dt.date(2026, 11, 2),
    )
    post.plan.refresh_from_db()
    gone = services.nomination_add(
        plan=post.plan, person=PersonFactory(organisation=trust), readiness=Readiness.READY_NOW
    )
    services.nomination_remove(nomination=gone, reason="Left the NHS")
    nadia = api(talent_team)

    assert set(ids(nadia.get("/api/nominations/", {"post": post.pk}))) == {nomination.pk, gone.pk}
    assert ids(nadia.get("/api/nominations/", {"plan": other_post.plan.pk})) == [elsewhere.pk]
    assert set(ids(nadia.get("/api/nominations/", {"person": ada.pk}))) == {
        nomination.pk,
        elsewhere.pk,
    }
    assert ids(nadia.get("/api/nominations/", {"status": "removed"})) == [gone.pk]


# --- Naming a successor -------------------------------------------------------------------------


def test_the_hr_director_names_a_successor(api, hr_director, post, ada):
    response = api(hr_director).post(
        "/api/nominations/", nominating(post, ada, is_emergency_cover=True, notes="Strong.")
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["rank"], body["is_emergency_cover"], body["notes"]) == (1, True, "Strong.")
    assert body["plan_version"] == 2
    assert Nomination.objects.get().nominated_by == hr_director


def test_a_readiness_outside_the_scale_is_a_400_at_the_field(api, hr_director, post, ada):
    response = api(hr_director).post(
        "/api/nominations/", nominating(post, ada, readiness="ready_tomorrow")
    )

    assert response.status_code == 400
    assert list(response.json()) == ["readiness"]
    assert not Nomination.objects.exists()


def test_the_same_person_cannot_be_on_a_slate_twice(api, hr_director, post, ada, nomination):
    response = api(hr_director).post("/api/nominations/", nominating(post, ada, plan_version=2))

    assert response.status_code == 400
    assert response.json() == {"person": ["Ada King is already on this slate."]}


def test_someone_from_another_trust_outside_the_pool_cannot_be_named(
    api, hr_director, post, other_trust
):
    response = api(hr_director).post(
        "/api/nominations/", nominating(post, PersonFactory(organisation=other_trust))
    )

    assert response.status_code == 400
    assert "person" in response.json()


def test_a_national_pool_member_from_another_trust_can_be_named(
    api, hr_director, post, other_trust
):
    pooled = TalentProfileFactory(person=PersonFactory(organisation=other_trust)).person

    response = api(hr_director).post("/api/nominations/", nominating(post, pooled))

    assert response.status_code == 201


def test_the_national_team_may_name_a_successor(api, talent_team, post, ada):
    response = api(talent_team).post("/api/nominations/", nominating(post, ada))

    assert response.status_code == 201


def test_the_chair_may_not_name_a_successor(api, chair, post, ada):
    response = api(chair).post("/api/nominations/", nominating(post, ada))

    assert response.status_code == 403
    assert not Nomination.objects.exists()


def test_an_hr_director_cannot_name_a_successor_for_another_trusts_post(
    api, other_hr_director, post, other_trust
):
    response = api(other_hr_director).post(
        "/api/nominations/", nominating(post, PersonFactory(organisation=other_trust))
    )

    assert response.status_code == 400
    assert "post" in response.json()


def test_naming_a_successor_on_a_slate_that_changed_is_a_409(
    api, hr_director, post, ada, nomination, trust
):
    response = api(hr_director).post(
        "/api/nominations/", nominating(post, PersonFactory(organisation=trust))
    )

    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert any("Ada King" in change["text"] for change in response.json()["changes"])


# --- Changing and removing ----------------------------------------------------------------------


def test_the_hr_director_changes_readiness_and_emergency_cover_together(
    api, hr_director, nomination
):
    response = api(hr_director).patch(
        f"/api/nominations/{nomination.pk}/",
        {"readiness": "3_5_years", "is_emergency_cover": True, "plan_version": 2},
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["readiness"], body["is_emergency_cover"]) == ("3_5_years", True)
    assert body["plan_version"] == 4


def test_a_stale_change_to_a_nomination_is_a_409_and_nothing_is_saved(api, hr_director, nomination):
    response = api(hr_director).put(
        f"/api/nominations/{nomination.pk}/",
        {"readiness": "3_5_years", "notes": "", "is_emergency_cover": True, "plan_version": 1},
    )

    assert response.status_code == 409
    nomination.refresh_from_db()
    assert (nomination.readiness, nomination.is_emergency_cover) == ("ready_now", False)


def test_the_chair_may_not_change_a_nomination(api, chair, nomination):
    response = api(chair).patch(
        f"/api/nominations/{nomination.pk}/", {"readiness": "3_5_years", "plan_version": 2}
    )

    assert response.status_code == 403


def test_an_hr_director_gets_404_changing_another_trusts_nomination(
    api, other_hr_director, nomination
):
    response = api(other_hr_director).patch(
        f"/api/nominations/{nomination.pk}/", {"readiness": "3_5_years", "plan_version": 2}
    )

    assert response.status_code == 404


def test_removing_a_successor_keeps_the_nomination_with_the_reason(api, hr_director, nomination):
    response = api(hr_director).delete(
        f"/api/nominations/{nomination.pk}/", {"reason": "Moved abroad", "plan_version": 2}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "removed"
    nomination.refresh_from_db()
    assert (nomination.status, nomination.removed_reason) == (
        NominationStatus.REMOVED,
        "Moved abroad",
    )


def test_the_reason_for_removal_may_come_in_the_query_string(api, hr_director, nomination):
    response = api(hr_director).delete(
        f"/api/nominations/{nomination.pk}/?reason=Moved+abroad&plan_version=2"
    )

    assert response.status_code == 200
    assert response.json()["removed_reason"] == "Moved abroad"


def test_removing_a_successor_needs_a_reason(api, hr_director, nomination):
    response = api(hr_director).delete(
        f"/api/nominations/{nomination.pk}/", {"reason": " ", "plan_version": 2}
    )

    assert response.status_code == 400
    assert response.json() == {"reason": ["Enter why this successor is being removed."]}
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACTIVE


def test_a_removed_successor_cannot_be_removed_again(api, hr_director, nomination):
    services.nomination_remove(nomination=nomination, reason="Retired")

    response = api(hr_director).delete(
        f"/api/nominations/{nomination.pk}/", {"reason": "Again", "plan_version": 3}
    )

    assert response.status_code == 400
    assert "no longer on the slate" in response.json()["non_field_errors"][0]


def test_the_chair_may_not_remove_a_successor(api, chair, nomination):
    response = api(chair).delete(
        f"/api/nominations/{nomination.pk}/", {"reason": "No", "plan_version": 2}
    )

    assert response.status_code == 403
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACTIVE


def test_an_hr_director_gets_404_removing_another_trusts_nomination(
    api, other_hr_director, nomination
):
    response = api(other_hr_director).delete(
        f"/api/nominations/{nomination.pk}/", {"reason": "No", "plan_version": 2}
    )

    assert response.status_code == 404
