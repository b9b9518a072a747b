"""Shared posts in the API: the same selectors and rules as the pages. The HR directors and chairs
of the organisations a post is shared with read it, its holders, plan and slate; only the lead
organisation's HR director changes it and only its chair signs off."""

import datetime as dt

import pytest

from accounts.models import Role
from succession import services
from talent.models import PostRole, Readiness
from tests.accounts.factories import user_with_role
from tests.api.conftest import ids
from tests.orgs.factories import OrganisationFactory
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(db):
    return OrganisationFactory(
        ods_code="RX3", name="TEES, ESK AND WEAR VALLEYS NHS FOUNDATION TRUST"
    )


@pytest.fixture
def shared_post(trust, partner):
    post = make_post(
        trust, PostRole.CHIEF_EXECUTIVE, "Group Chief Executive", shared_with=[partner]
    )
    IncumbencyFactory(post=post, started_on=dt.date(2023, 4, 1))
    services.nomination_add(
        plan=post.plan, person=PersonFactory(organisation=trust), readiness=Readiness.READY_NOW
    )
    return post


@pytest.fixture
def sharers(partner):
    return [
        user_with_role(Role.HR_DIRECTOR, partner, username="harriet"),
        user_with_role(Role.CHAIR, partner, username="charles"),
    ]


def test_the_sharing_trusts_hr_director_and_chair_read_the_post_its_holders_plan_and_slate(
    api, sharers, shared_post, partner
):
    for user in sharers:
        client = api(user)
        assert ids(client.get("/api/posts/")) == [shared_post.pk]
        body = client.get(f"/api/posts/{shared_post.pk}/").json()
        assert body["organisation"]["ods_code"] == "RJ1"
        assert [org["ods_code"] for org in body["shared_with"]] == [partner.ods_code]
        assert len(ids(client.get("/api/incumbencies/"))) == 1
        assert client.get(f"/api/plans/{shared_post.pk}/").status_code == 200
        assert len(ids(client.get("/api/nominations/"))) == 1


def test_only_the_lead_changes_a_shared_post_and_signs_off_its_plan(
    api, sharers, hr_director, chair, shared_post
):
    hr, chair_of_partner = sharers
    change = {"title": "Group Chief Executive Officer", "version": shared_post.version}

    assert api(hr).patch(f"/api/posts/{shared_post.pk}/", change).status_code == 403
    sign_off = {"version": shared_post.plan.version}
    assert (
        api(chair_of_partner).post(f"/api/plans/{shared_post.pk}/sign-off/", sign_off).status_code
        == 403
    )
    assert api(hr_director).patch(f"/api/posts/{shared_post.pk}/", change).status_code == 200


def test_an_unrelated_trusts_hr_director_still_gets_404(api, other_hr_director, shared_post):
    client = api(other_hr_director)

    assert ids(client.get("/api/posts/")) == []
    assert client.get(f"/api/posts/{shared_post.pk}/").status_code == 404
    assert client.get(f"/api/plans/{shared_post.pk}/").status_code == 404
