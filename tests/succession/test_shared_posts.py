"""Shared (joint) posts: one post held jointly by several organisations, on each one's board,
its plan owned by the lead organisation and readable by the others' HR directors and chairs."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from risk import recalculation
from risk.selectors import risk_figures
from succession import selectors, services
from succession.history import post_history
from succession.models import IncumbencyKind
from talent.models import PostRole, Readiness
from tests.accounts.factories import MembershipFactory, user_with_role
from tests.orgs.factories import NationalBodyFactory, OrganisationFactory
from tests.pages import text_of
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"succession:{name}", args=args)


@pytest.fixture
def partner(db):
    return OrganisationFactory(
        ods_code="RX3", name="TEES, ESK AND WEAR VALLEYS NHS FOUNDATION TRUST"
    )


@pytest.fixture
def partner_hr_director(partner):
    return user_with_role(Role.HR_DIRECTOR, partner, username="harriet")


@pytest.fixture
def partner_chair(partner):
    return user_with_role(Role.CHAIR, partner, username="charles")


@pytest.fixture
def shared_post(trust, partner):
    """A group chief executive: lead RJ1, shared with RX3."""
    return make_post(
        trust, PostRole.CHIEF_EXECUTIVE, "Group Chief Executive", shared_with=[partner]
    )


@pytest.fixture
def slate(shared_post, trust):
    person = PersonFactory(organisation=trust, first_name="Ada", last_name="King")
    shared_post.plan.refresh_from_db()
    return services.nomination_add(
        plan=shared_post.plan, person=person, readiness=Readiness.READY_NOW
    )


# --- Who sees what ------------------------------------------------------------------------------


def test_the_sharing_organisations_hr_director_and_chair_read_the_post(
    client_for, partner_hr_director, partner_chair, shared_post, slate
):
    for user in (partner_hr_director, partner_chair):
        response = client_for(user).get(url("post_detail", shared_post.pk))

        assert response.status_code == 200
        page = text_of(response)
        assert "Ada King" in page  # the slate
        assert "Shared with Tees, Esk and Wear Valleys NHS Foundation Trust (RX3)" in page


def test_only_the_lead_organisations_hr_director_changes_a_shared_post(
    client_for, hr_director, partner_hr_director, shared_post
):
    assert client_for(partner_hr_director).get(url("post_edit", shared_post.pk)).status_code == 403
    assert (
        client_for(partner_hr_director).get(url("plan_manage", shared_post.pk)).status_code == 403
    )
    page = text_of(client_for(partner_hr_director).get(url("post_detail", shared_post.pk)))
    assert "Change the post’s details" not in page

    assert client_for(hr_director).get(url("post_edit", shared_post.pk)).status_code == 200
    assert client_for(hr_director).get(url("plan_manage", shared_post.pk)).status_code == 200


def test_only_the_lead_organisations_chair_signs_off_a_shared_posts_plan(
    client_for, chair, partner_chair, shared_post, slate
):
    assert client_for(partner_chair).get(url("plan_sign_off", shared_post.pk)).status_code == 403
    assert client_for(chair).get(url("plan_sign_off", shared_post.pk)).status_code == 200


def test_the_rules_let_sharers_read_but_only_the_lead_write(
    hr_director, chair, partner_hr_director, partner_chair, other_hr_director, shared_post
):
    plan = shared_post.plan
    for user in (partner_hr_director, partner_chair):
        assert user.has_perm("succession.see_post", shared_post)
        assert user.has_perm("succession.see_post", plan)
        assert not user.has_perm("succession.edit_post", shared_post)
        assert not user.has_perm("succession.manage_plan", plan)
        assert not user.has_perm("succession.sign_off_plan", plan)
        assert not user.has_perm("succession.nominate", shared_post)
    assert hr_director.has_perm("succession.edit_post", shared_post)
    assert hr_director.has_perm("succession.manage_plan", plan)
    assert chair.has_perm("succession.sign_off_plan", plan)
    assert not other_hr_director.has_perm("succession.see_post", shared_post)


def test_an_hr_director_of_an_unrelated_trust_still_gets_404(
    client_for, other_hr_director, shared_post
):
    client = client_for(other_hr_director)

    assert client.get(url("post_detail", shared_post.pk)).status_code == 404
    assert client.get(url("plan_manage", shared_post.pk)).status_code == 404


def test_the_selectors_give_sharers_the_post_its_holders_plan_and_slate(
    partner_hr_director, other_hr_director, shared_post, slate
):
    IncumbencyFactory(post=shared_post, started_on=dt.date(2023, 4, 1))

    assert list(selectors.posts_visible_to(partner_hr_director)) == [shared_post]
    assert selectors.incumbencies_visible_to(partner_hr_director).count() == 1
    assert [plan.post_id for plan in selectors.plans_visible_to(partner_hr_director)] == [
        shared_post.pk
    ]
    assert list(selectors.nominations_visible_to(partner_hr_director)) == [slate]
    assert not selectors.posts_visible_to(other_hr_director).exists()


def test_a_post_shared_with_several_organisations_is_listed_once(
    trust, partner, hr_director, talent_team
):
    third = OrganisationFactory(ods_code="RR8")
    post = make_post(trust, PostRole.CHAIR, "Joint Chair", shared_with=[partner, third])
    user_with_role(Role.CHAIR, third, username="chris")
    of_both = user_with_role(Role.HR_DIRECTOR, partner, username="both")
    MembershipFactory(user=of_both, organisation=third, role=Role.HR_DIRECTOR)

    assert list(selectors.posts_visible_to(of_both)) == [post]
    assert list(selectors.posts_visible_to(hr_director)) == [post]
    assert selectors.posts_visible_to(talent_team).filter(pk=post.pk).count() == 1


# --- The boards ---------------------------------------------------------------------------------


def test_a_shared_post_is_on_every_sharing_organisations_board_marked_with_its_lead(
    client_for, hr_director, partner_hr_director, trust, partner, shared_post
):
    make_post(partner, PostRole.CHAIR, "Chair")

    lead_page = text_of(client_for(hr_director).get(url("board", trust.ods_code)))
    partner_page = text_of(client_for(partner_hr_director).get(url("board", partner.ods_code)))

    assert "Group Chief Executive" in lead_page
    assert (
        "Shared with Tees, Esk and Wear Valleys NHS Foundation Trust "
        "(lead: Guy's and St Thomas' NHS Foundation Trust)"
    ) in lead_page
    assert "Group Chief Executive" in partner_page
    assert (
        "Shared with Guy's and St Thomas' NHS Foundation Trust "
        "(lead: Guy's and St Thomas' NHS Foundation Trust)"
    ) in partner_page


def test_a_vacant_shared_post_counts_once_on_each_board_and_once_nationally(
    talent_team, trust, partner, shared_post
):
    third = OrganisationFactory(ods_code="RR8")
    shared_post.shared_with.add(third)
    make_post(partner, PostRole.CHAIR, "Chair")  # vacant too, only on the partner's board

    for organisation, posts, vacant in ((trust, 1, 1), (partner, 2, 2), (third, 1, 1)):
        rows = selectors.organisation_board(user=talent_team, organisation=organisation)
        summary = selectors.board_summary(rows)
        assert (summary.posts, summary.vacant) == (posts, vacant), organisation
        assert [row.post for row in rows].count(shared_post) == 1

    recalculation.recalculate_all()
    figures = risk_figures(user=talent_team)
    assert (figures.posts, figures.vacant) == (2, 2)


# --- Setting who shares a post -----------------------------------------------------------------


def test_the_lead_hr_director_sets_who_shares_the_post_on_its_form(
    client_for, hr_director, trust, partner
):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Group Chief Executive")
    data = {
        "title": post.title,
        "role": post.role,
        "criticality": post.criticality,
        "shared_with": "rx3",
        "version": post.version,
    }

    response = client_for(hr_director).post(url("post_edit", post.pk), data)

    assert response.status_code == 302
    assert list(post.shared_with.all()) == [partner]
    page = text_of(client_for(hr_director).get(url("post_detail", post.pk)))
    assert "Shared with Tees, Esk and Wear Valleys NHS Foundation Trust (RX3)" in page
    assert any(
        "Changed the organisations sharing the post from none to "
        "Tees, Esk and Wear Valleys NHS Foundation Trust" in entry.text
        for entry in post_history(post)
    )


@pytest.mark.parametrize(
    ("codes", "error"),
    [
        ("RJ1", "is the lead organisation"),
        ("ZZZ9", "No organisation has the ODS code ZZZ9"),
        ("CLOSED", "closed on 31 March 2022"),
        ("NB77", "not a trust or an ICB"),
    ],
)
def test_the_post_form_refuses_the_lead_unknown_closed_and_national_organisations(
    client_for, hr_director, trust, codes, error
):
    OrganisationFactory(ods_code="CLOSED", closed_on=dt.date(2022, 3, 31))
    NationalBodyFactory(ods_code="NB77")
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief Executive")
    data = {
        "title": post.title,
        "role": post.role,
        "criticality": post.criticality,
        "shared_with": codes,
        "version": post.version,
    }

    response = client_for(hr_director).post(url("post_edit", post.pk), data)

    assert response.status_code == 200
    assert error in text_of(response)
    assert not post.shared_with.exists()


def test_the_service_refuses_to_share_a_post_with_its_own_lead(trust):
    post = make_post(trust, PostRole.CHAIR, "Chair")

    with pytest.raises(ValidationError) as refused:
        services.post_update(post=post, expected_version=post.version, shared_with=[trust])

    assert "shared_with" in refused.value.message_dict


# --- One person, more than one current post ----------------------------------------------------


def test_a_chair_of_two_trusts_holds_both_posts_at_once(trust, partner):
    person = PersonFactory(organisation=trust)
    first = make_post(trust, PostRole.CHAIR, "Chair")
    second = make_post(partner, PostRole.CHAIR, "Chair")

    services.incumbency_start(
        post=first, person=person, kind=IncumbencyKind.SUBSTANTIVE, started_on=dt.date(2024, 4, 1)
    )
    services.incumbency_start(
        post=second, person=person, kind=IncumbencyKind.SUBSTANTIVE, started_on=dt.date(2025, 4, 1)
    )

    assert {i.post_id for i in person.incumbencies.current()} == {first.pk, second.pk}


def test_a_post_still_has_one_current_holder(trust):
    post = make_post(trust, PostRole.CHAIR, "Chair")
    first = PersonFactory(organisation=trust)
    services.incumbency_start(
        post=post, person=first, kind=IncumbencyKind.SUBSTANTIVE, started_on=dt.date(2024, 4, 1)
    )
    post.refresh_from_db()

    services.incumbency_start(
        post=post,
        person=PersonFactory(organisation=trust),
        kind=IncumbencyKind.SUBSTANTIVE,
        started_on=dt.date(2025, 4, 1),
    )

    assert post.incumbencies.current().count() == 1


def test_the_post_page_leads_a_sharer_back_to_their_own_board(
    client_for, partner_hr_director, hr_director, shared_post, partner, trust
):
    sharer_page = client_for(partner_hr_director).get(url("post_detail", shared_post.pk))
    lead_page = client_for(hr_director).get(url("post_detail", shared_post.pk))

    assert f'href="{url("board", partner.ods_code)}"' in sharer_page.content.decode()
    assert f'href="{url("board", trust.ods_code)}"' in lead_page.content.decode()


def test_each_sharers_risk_figures_count_the_shared_post_once(
    partner_hr_director, hr_director, other_hr_director, talent_team, partner, shared_post
):
    third = OrganisationFactory(ods_code="RR8")
    shared_post.shared_with.add(third)
    MembershipFactory(user=partner_hr_director, organisation=third, role=Role.HR_DIRECTOR)
    make_post(partner, PostRole.CHAIR, "Chair")
    recalculation.recalculate_all()

    assert (
        risk_figures(user=partner_hr_director).posts,
        risk_figures(user=partner_hr_director).vacant,
    ) == (2, 2)
    assert risk_figures(user=hr_director).posts == 1
    assert risk_figures(user=other_hr_director).posts == 0
    assert risk_figures(user=talent_team).posts == 2


def test_a_post_can_be_added_already_shared(client_for, hr_director, trust, partner):
    data = {
        "title": "Joint Chair",
        "role": PostRole.CHAIR,
        "criticality": "high",
        "shared_with": "RX3",
    }

    response = client_for(hr_director).post(url("post_create", trust.ods_code), data)

    assert response.status_code == 302
    post = trust.posts.get(title="Joint Chair")
    assert list(post.shared_with.all()) == [partner]
    assert list(partner.shared_posts.all()) == [post]
