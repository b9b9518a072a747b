"""organisation_scope: the one answer to which organisations a user acts for, which every
`*_visible_to` selector narrows its rows with."""

import pytest

from accounts.models import Role
from accounts.roles import ORGANISATION_ROLES, organisation_scope
from accounts.selectors import organisations_acted_for
from succession.models import Post
from succession.selectors import posts_visible_to
from talent.selectors import people_visible_to
from tests.accounts.factories import MembershipFactory
from tests.succession.factories import make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_an_hr_director_acts_for_their_own_trust_only(hr_director, trust, other_trust):
    scope = organisation_scope(hr_director)

    assert not scope.everywhere
    assert scope.organisation_ids == {trust.pk}
    assert scope.includes(trust.pk) and not scope.includes(other_trust.pk)
    assert list(organisations_acted_for(hr_director)) == [trust]


def test_a_chair_of_two_trusts_acts_for_both(chair, trust, other_trust):
    MembershipFactory(user=chair, organisation=other_trust, role=Role.CHAIR)

    assert organisation_scope(chair).organisation_ids == {trust.pk, other_trust.pk}


def test_the_national_team_and_administrators_act_for_every_organisation(
    talent_team, administrator, trust, other_trust
):
    for user in (talent_team, administrator):
        scope = organisation_scope(user)
        assert scope.everywhere and scope
        assert scope.includes(other_trust.pk)
        assert {trust, other_trust} <= set(organisations_acted_for(user))


def test_a_pledge_lead_acts_for_no_organisation_as_hr_director_or_chair(pledge_lead, trust):
    scope = organisation_scope(pledge_lead)

    assert not scope
    assert not scope.includes(trust.pk)
    assert not organisations_acted_for(pledge_lead).exists()
    assert not organisation_scope(pledge_lead).narrow(Post.objects.all()).exists()


def test_other_roles_can_be_asked_for(pledge_lead, national_body):
    scope = organisation_scope(pledge_lead, roles=(Role.PLEDGE_LEAD,))

    assert scope.organisation_ids == {national_body.pk}
    assert ORGANISATION_ROLES == (Role.HR_DIRECTOR, Role.CHAIR)


def test_posts_and_people_are_narrowed_by_the_same_scope(hr_director, trust, other_trust):
    own_post, other_post = make_post(trust), make_post(other_trust)
    own_person, other_person = (
        PersonFactory(organisation=trust),
        PersonFactory(organisation=other_trust),
    )
    scope = organisation_scope(hr_director)

    assert set(posts_visible_to(hr_director)) == {own_post}
    assert set(scope.narrow(Post.objects.all())) == {own_post}
    assert other_post not in posts_visible_to(hr_director)
    assert set(people_visible_to(hr_director)) == {own_person}
    assert other_person not in people_visible_to(hr_director)


def test_a_condition_follows_a_path_to_the_organisation(hr_director, trust):
    condition = organisation_scope(hr_director).condition("post__organisation")

    assert condition.children == [("post__organisation_id__in", [trust.pk])]
