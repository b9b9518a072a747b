"""Posts: read through the same selectors as the pages, written by the organisation's HR director
through the same services, with a version so that nothing is lost."""

import datetime as dt

import pytest

from succession import services
from succession.models import IncumbencyKind, Post
from talent.models import PostRole, Readiness
from tests.api.conftest import ids
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_an_hr_director_sees_only_their_own_trusts_posts(api, hr_director, post, other_post):
    response = api(hr_director).get("/api/posts/")

    assert response.status_code == 200
    assert ids(response) == [post.pk]


def test_an_hr_director_gets_404_for_another_trusts_post(api, other_hr_director, post):
    response = api(other_hr_director).get(f"/api/posts/{post.pk}/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_the_chair_reads_their_trusts_posts(api, chair, post, other_post):
    assert ids(api(chair).get("/api/posts/")) == [post.pk]
    assert api(chair).get(f"/api/posts/{post.pk}/").status_code == 200


def test_the_national_talent_team_reads_every_post(api, talent_team, post, other_post):
    response = api(talent_team).get("/api/posts/")

    assert set(ids(response)) == {post.pk, other_post.pk}
    assert api(talent_team).get(f"/api/posts/{other_post.pk}/").status_code == 200


def test_a_post_shows_its_holder_and_how_well_its_slate_covers_it(api, hr_director, post, trust):
    holder = IncumbencyFactory(
        post=post, kind=IncumbencyKind.INTERIM, started_on=dt.date(2024, 1, 1)
    )
    for readiness in (Readiness.READY_NOW, Readiness.READY_NOW, Readiness.THREE_TO_FIVE_YEARS):
        post.plan.refresh_from_db()
        services.nomination_add(
            plan=post.plan, person=PersonFactory(organisation=trust), readiness=readiness
        )

    body = api(hr_director).get(f"/api/posts/{post.pk}/").json()

    assert body["holder"]["person"]["name"] == holder.person.full_name
    assert body["holder"]["kind"] == "interim"
    assert body["coverage"] == {
        "ready_now": 2,
        "ready_in_1_2_years": 0,
        "ready_in_3_5_years": 1,
        "emergency_cover_named": False,
    }
    assert body["organisation"] == {
        "ods_code": "RJ1",
        "name": "Guy's and St Thomas' NHS Foundation Trust",
    }
    assert body["plan"].endswith(f"/api/plans/{post.pk}/")


def test_a_vacant_post_has_no_holder(api, hr_director, post):
    assert api(hr_director).get(f"/api/posts/{post.pk}/").json()["holder"] is None


def test_posts_can_be_filtered_by_organisation_region_role_and_top_200(
    api, talent_team, post, other_post, trust
):
    finance = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director", is_top_200=True)
    nadia = api(talent_team)

    assert set(ids(nadia.get("/api/posts/", {"organisation": "RJ1"}))) == {post.pk, finance.pk}
    assert set(ids(nadia.get("/api/posts/", {"organisation": "rh8"}))) == {other_post.pk}
    assert set(ids(nadia.get("/api/posts/", {"region": trust.region.code}))) == {
        post.pk,
        finance.pk,
    }
    assert ids(nadia.get("/api/posts/", {"role": "finance_director"})) == [finance.pk]
    assert ids(nadia.get("/api/posts/", {"top_200": "true"})) == [finance.pk]
    assert set(ids(nadia.get("/api/posts/", {"top_200": "false"}))) == {post.pk, other_post.pk}


def test_an_unknown_role_filter_is_a_400(api, talent_team):
    response = api(talent_team).get("/api/posts/", {"role": "king"})

    assert response.status_code == 400
    assert "role" in response.json()


def test_the_post_list_comes_in_pages(api, hr_director, post):
    body = api(hr_director).get("/api/posts/").json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1


# --- Writing ------------------------------------------------------------------------------------


def test_the_hr_director_adds_a_post_to_their_trust_with_an_empty_plan(api, hr_director, trust):
    response = api(hr_director).post(
        "/api/posts/",
        {
            "organisation": "RJ1",
            "role": "medical_director",
            "title": "Medical director",
            "is_top_200": True,
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Medical director"
    assert body["version"] == 1
    assert body["holder"] is None
    post = Post.objects.get(pk=body["id"])
    assert post.organisation == trust
    assert post.plan.nominations.count() == 0


def test_a_new_post_needs_a_title_and_a_known_role(api, hr_director, trust):
    response = api(hr_director).post("/api/posts/", {"organisation": "RJ1", "role": "king"})

    assert response.status_code == 400
    assert set(response.json()) == {"title", "role"}
    assert not Post.objects.exists()


def test_the_chair_may_not_add_a_post(api, chair, trust):
    response = api(chair).post(
        "/api/posts/", {"organisation": "RJ1", "role": "chair", "title": "Chair"}
    )

    assert response.status_code == 403
    assert not Post.objects.exists()


def test_the_national_team_may_not_add_a_post(api, talent_team, trust):
    response = api(talent_team).post(
        "/api/posts/", {"organisation": "RJ1", "role": "chair", "title": "Chair"}
    )

    assert response.status_code == 403


def test_an_hr_director_cannot_add_a_post_to_another_trust(api, other_hr_director, trust):
    response = api(other_hr_director).post(
        "/api/posts/", {"organisation": "RJ1", "role": "chair", "title": "Chair"}
    )

    assert response.status_code == 400
    assert "organisation" in response.json()
    assert not Post.objects.exists()


def test_the_hr_director_changes_a_post_from_the_version_they_read(api, hr_director, post):
    response = api(hr_director).patch(
        f"/api/posts/{post.pk}/", {"title": "Chief executive officer", "version": 1}
    )

    assert response.status_code == 200
    assert response.json()["title"] == "Chief executive officer"
    assert response.json()["version"] == 2
    post.refresh_from_db()
    assert post.title == "Chief executive officer"


def test_a_whole_post_can_be_replaced_with_put(api, hr_director, post):
    response = api(hr_director).put(
        f"/api/posts/{post.pk}/",
        {
            "role": "chief_executive",
            "title": "CEO",
            "is_top_200": True,
            "criticality": "critical",
            "version": 1,
        },
    )

    assert response.status_code == 200
    post.refresh_from_db()
    assert (post.title, post.is_top_200, post.criticality) == ("CEO", True, "critical")


def test_a_change_without_the_version_is_refused(api, hr_director, post):
    response = api(hr_director).patch(f"/api/posts/{post.pk}/", {"title": "CEO"})

    assert response.status_code == 400
    assert response.json() == {"version": ["This field is required."]}


def test_a_stale_change_is_a_409_that_says_what_the_other_editor_changed(api, hr_director, post):
    services.post_update(post=post, expected_version=1, title="Chief executive officer")

    response = api(hr_director).patch(f"/api/posts/{post.pk}/", {"title": "CEO", "version": 1})

    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert any("Chief executive officer" in change["text"] for change in body["changes"])
    assert "Someone else changed this" in body["detail"]
    post.refresh_from_db()
    assert post.title == "Chief executive officer"


def test_the_chair_may_read_but_not_change_a_post(api, chair, post):
    response = api(chair).patch(f"/api/posts/{post.pk}/", {"title": "CEO", "version": 1})

    assert response.status_code == 403
    post.refresh_from_db()
    assert post.title == "Chief executive"


def test_an_hr_director_gets_404_changing_another_trusts_post(api, other_hr_director, post):
    response = api(other_hr_director).patch(
        f"/api/posts/{post.pk}/", {"title": "CEO", "version": 1}
    )

    assert response.status_code == 404


def test_posts_are_not_deleted_through_the_api(api, hr_director, post):
    assert api(hr_director).delete(f"/api/posts/{post.pk}/").status_code == 405
