"""Succession plans, found by their post's id: the slate, reviews, and the chair's sign-off."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from succession import services
from succession.models import Post, SignOff
from talent.models import Readiness
from tests.talent.factories import PersonFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db


def nominate(post, person, readiness=Readiness.READY_NOW, **fields):
    post.plan.refresh_from_db()
    return services.nomination_add(plan=post.plan, person=person, readiness=readiness, **fields)


@pytest.fixture
def slate(post, trust):
    """Two successors on alice's trust's chief executive slate, ranked 1 and 2."""
    first = nominate(post, PersonFactory(organisation=trust, first_name="Ada", last_name="King"))
    second = nominate(
        post,
        PersonFactory(organisation=trust, first_name="Mary", last_name="Seacole"),
        Readiness.ONE_TO_TWO_YEARS,
        is_emergency_cover=True,
    )
    post.plan.refresh_from_db()
    return [first, second]


def test_a_plan_is_found_by_its_posts_id_with_its_slate_in_rank_order(
    api, hr_director, post, slate
):
    response = api(hr_director).get(f"/api/plans/{post.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["post"]["id"] == post.pk
    assert body["version"] == 3
    assert [entry["person"]["name"] for entry in body["slate"]] == ["Ada King", "Mary Seacole"]
    assert [entry["rank"] for entry in body["slate"]] == [1, 2]
    assert body["slate"][1]["readiness"] == "1_2_years"
    assert body["slate"][1]["is_emergency_cover"] is True
    assert body["sign_offs"] == []
    assert body["changes_since_sign_off"] == []


def test_a_successor_from_the_national_pool_shows_their_own_organisation(
    api, hr_director, post, other_trust
):
    pooled = TalentProfileFactory(person=PersonFactory(organisation=other_trust)).person
    nominate(post, pooled)

    body = api(hr_director).get(f"/api/plans/{post.pk}/").json()

    assert body["slate"][0]["person"]["organisation"]["ods_code"] == "RH8"


def test_an_hr_director_lists_only_their_trusts_plans(api, hr_director, post, other_post):
    response = api(hr_director).get("/api/plans/")

    assert [plan["post"]["id"] for plan in response.json()["results"]] == [post.pk]


def test_the_national_team_lists_every_plan(api, talent_team, post, other_post, slate):
    response = api(talent_team).get("/api/plans/")

    plans = {plan["post"]["id"]: plan for plan in response.json()["results"]}
    assert set(plans) == {post.pk, other_post.pk}
    assert len(plans[post.pk]["slate"]) == 2


def test_an_hr_director_gets_404_for_another_trusts_plan(api, other_hr_director, post):
    assert api(other_hr_director).get(f"/api/plans/{post.pk}/").status_code == 404


def test_the_chair_reads_the_plan(api, chair, post, slate):
    assert len(api(chair).get(f"/api/plans/{post.pk}/").json()["slate"]) == 2


# --- Review and reorder ---------------------------------------------------------------------------


def test_the_hr_director_records_a_review(api, hr_director, post):
    Post.objects.filter(pk=post.pk).update(created_at=dt.datetime(2024, 4, 1, tzinfo=dt.UTC))
    response = api(hr_director).post(
        f"/api/plans/{post.pk}/review/", {"reviewed_on": "2025-03-01", "version": 1}
    )

    assert response.status_code == 200
    assert response.json()["last_reviewed_on"] == "2025-03-01"
    assert response.json()["version"] == 2


def test_a_review_cannot_be_in_the_future(api, hr_director, post):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = api(hr_director).post(
        f"/api/plans/{post.pk}/review/", {"reviewed_on": tomorrow.isoformat(), "version": 1}
    )

    assert response.status_code == 400
    assert response.json() == {"reviewed_on": ["The review date cannot be in the future."]}


def test_the_chair_may_not_record_a_review(api, chair, post):
    response = api(chair).post(
        f"/api/plans/{post.pk}/review/", {"reviewed_on": "2025-03-01", "version": 1}
    )

    assert response.status_code == 403


def test_an_hr_director_gets_404_reviewing_another_trusts_plan(api, other_hr_director, post):
    response = api(other_hr_director).post(
        f"/api/plans/{post.pk}/review/", {"reviewed_on": "2025-03-01", "version": 1}
    )

    assert response.status_code == 404


def test_the_hr_director_puts_the_slate_in_a_new_order(api, hr_director, post, slate):
    first, second = slate

    response = api(hr_director).post(
        f"/api/plans/{post.pk}/reorder/", {"nomination_ids": [second.pk, first.pk], "version": 3}
    )

    assert response.status_code == 200
    assert [entry["id"] for entry in response.json()["slate"]] == [second.pk, first.pk]


def test_a_new_order_must_list_every_successor(api, hr_director, post, slate):
    response = api(hr_director).post(
        f"/api/plans/{post.pk}/reorder/", {"nomination_ids": [slate[0].pk], "version": 3}
    )

    assert response.status_code == 400
    assert "every successor" in response.json()["non_field_errors"][0]


# --- Sign-off -----------------------------------------------------------------------------------


def test_the_hr_director_asks_the_chair_to_sign_off_and_the_chair_is_emailed(
    api, hr_director, chair, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(hr_director).post(f"/api/plans/{post.pk}/request-sign-off/", {"version": 1})

    assert response.status_code == 200
    assert response.json()["sign_off_requested_at"] is not None
    assert response.json()["sign_off_requested_by"] == str(hr_director)
    assert [message.to for message in mail.outbox] == [[chair.email]]
    assert f"/posts/{post.pk}/plan/sign-off/" in mail.outbox[0].body


def test_the_chair_may_not_ask_for_sign_off(api, chair, post):
    response = api(chair).post(f"/api/plans/{post.pk}/request-sign-off/", {"version": 1})

    assert response.status_code == 403


def test_the_chair_signs_off_the_slate_as_they_read_it(api, chair, post, slate):
    response = api(chair).post(
        f"/api/plans/{post.pk}/sign-off/", {"version": 3, "comment": "Agreed at the board."}
    )

    assert response.status_code == 201
    body = response.json()
    assert body["post"] == post.pk
    assert body["plan_version"] == 3
    assert body["signed_by"] == str(chair)
    assert [entry["name"] for entry in body["slate"]] == ["Ada King", "Mary Seacole"]
    assert SignOff.objects.get().comment == "Agreed at the board."


def test_changes_after_a_sign_off_are_listed_on_the_plan(api, chair, post, slate):
    api(chair).post(f"/api/plans/{post.pk}/sign-off/", {"version": 3})
    post.plan.refresh_from_db()
    services.nomination_remove(nomination=slate[0], reason="Retired", expected_version=3)

    body = api(chair).get(f"/api/plans/{post.pk}/").json()

    assert len(body["sign_offs"]) == 1
    assert "Ada King removed" in body["changes_since_sign_off"]


def test_a_sign_off_of_a_slate_that_changed_since_it_was_read_is_a_409(
    api, chair, post, slate, trust
):
    nominate(post, PersonFactory(organisation=trust, first_name="Edith", last_name="Cavell"))

    response = api(chair).post(f"/api/plans/{post.pk}/sign-off/", {"version": 3})

    assert response.status_code == 409
    assert response.json()["current_version"] == 4
    assert any("Edith Cavell" in change["text"] for change in response.json()["changes"])
    assert not SignOff.objects.exists()


def test_only_the_chair_signs_off(api, hr_director, talent_team, post, slate):
    for user in (hr_director, talent_team):
        response = api(user).post(f"/api/plans/{post.pk}/sign-off/", {"version": 3})
        assert response.status_code == 403
    assert not SignOff.objects.exists()


def test_a_chair_gets_404_signing_off_another_trusts_plan(api, chair, other_post):
    response = api(chair).post(f"/api/plans/{other_post.pk}/sign-off/", {"version": 1})

    assert response.status_code == 404
