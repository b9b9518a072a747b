"""Searching the national talent pool and nominating a member as successor to a post."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from succession import services as succession_services
from succession.models import DepartureReason, Nomination
from talent.models import PostRole, ProfessionalBackground, Readiness
from tests.orgs.factories import OrganisationFactory
from tests.queries import assert_queries_at_most
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import CohortMembershipFactory, PersonFactory, pool_member

pytestmark = pytest.mark.django_db

SEARCH = reverse("talent:pool_search")
CE = "chief_executive"


def test_the_national_team_finds_ready_now_chief_executive_candidates_willing_to_work_in_a_region(
    client_for, talent_team, trust, other_trust
):
    london, north = trust.region, other_trust.region
    london.short_name, north.short_name = "London", "North of England"
    london.save()
    north.save()
    ready_in_london = pool_member(
        other_trust, first_name="Grace", last_name="Mensah",
        readiness={CE: Readiness.READY_NOW}, regions=[london, north],
    )  # fmt: skip
    pool_member(
        other_trust, first_name="Later", last_name="Candidate",
        readiness={CE: Readiness.ONE_TO_TWO_YEARS}, regions=[london],
    )  # fmt: skip
    pool_member(
        other_trust, first_name="Only", last_name="North",
        readiness={CE: Readiness.READY_NOW}, regions=[north],
    )  # fmt: skip
    pool_member(
        other_trust, first_name="Finance", last_name="Person",
        readiness={"finance_director": Readiness.READY_NOW}, regions=[london],
    )  # fmt: skip
    PersonFactory(organisation=trust, first_name="Not", last_name="Pooled")

    response = client_for(talent_team).get(
        SEARCH, {"target_role": CE, "readiness": Readiness.READY_NOW, "region": london.code}
    )

    assert response.status_code == 200
    assert "Grace Mensah" in response.text
    assert "Showing 1 to 1 of 1 pool member" in response.text
    for name in ("Later Candidate", "Only North", "Finance Person", "Not Pooled"):
        assert name not in response.text
    assert "London" in response.text and "North of England" in response.text
    assert reverse("talent:pool_nominate", args=[ready_in_london.pk]) in response.text


def test_ready_within_two_years_includes_people_ready_now(client_for, talent_team, trust):
    pool_member(trust, first_name="Ready", last_name="Now", readiness={CE: Readiness.READY_NOW})
    pool_member(trust, first_name="Soon", last_name="Enough", readiness={CE: "1_2_years"})
    pool_member(trust, first_name="Much", last_name="Later", readiness={CE: "3_5_years"})

    response = client_for(talent_team).get(SEARCH, {"target_role": CE, "readiness": "1_2_years"})

    assert "Ready Now" in response.text and "Soon Enough" in response.text
    assert "Much Later" not in response.text


def test_the_national_team_narrows_by_background_programme_and_nine_box(
    client_for, talent_team, trust
):
    star = pool_member(
        trust, first_name="Star", last_name="Leader", performance=3, potential=3,
        professional_background=ProfessionalBackground.FINANCE,
    )  # fmt: skip
    pool_member(
        trust, first_name="Steady", last_name="Leader", performance=2, potential=2,
        professional_background=ProfessionalBackground.FINANCE,
    )  # fmt: skip
    membership = CohortMembershipFactory(person=star)
    client = client_for(talent_team)

    by_box = client.get(SEARCH, {"performance": 3, "potential": 3})
    by_programme = client.get(SEARCH, {"programme": membership.cohort.programme_id})
    by_background = client.get(SEARCH, {"background": ProfessionalBackground.CLINICAL})

    assert "Star Leader" in by_box.text and "Steady Leader" not in by_box.text
    assert "Star Leader" in by_programme.text and "Steady Leader" not in by_programme.text
    assert "No pool members found" in by_background.text


def test_results_flag_people_already_named_for_many_posts(client_for, talent_team, trust):
    person = pool_member(trust, first_name="Much", last_name="Wanted")
    for role in (PostRole.CHIEF_EXECUTIVE, PostRole.FINANCE_DIRECTOR, PostRole.CHIEF_NURSE):
        post = make_post(OrganisationFactory(), role)
        succession_services.nomination_add(plan=post.plan, person=person, readiness="ready_now")

    response = client_for(talent_team).get(SEARCH)

    assert "Named for 3 posts" in response.text


def test_the_search_shows_a_pool_members_current_post(client_for, talent_team, trust):
    person = pool_member(trust, first_name="Held", last_name="Post")
    IncumbencyFactory(post=make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of finance"),
                      person=person)  # fmt: skip

    response = client_for(talent_team).get(SEARCH)

    assert (
        "Director of finance, Guy&#x27;s and St Thomas&#x27; NHS Foundation Trust" in response.text
    )


# --- What HR directors and chairs see ------------------------------------------------------------


def test_an_hr_director_finds_only_members_who_agreed_to_be_visible_and_none_of_their_nine_box(
    client_for, hr_director, other_trust
):
    pool_member(
        other_trust, first_name="Open", last_name="Member", performance=3, potential=3,
        readiness={CE: Readiness.READY_NOW},
    )  # fmt: skip
    pool_member(other_trust, first_name="Private", last_name="Member", visible=False)

    response = client_for(hr_director).get(SEARCH)

    assert response.status_code == 200
    assert "Open Member" in response.text
    assert "Chief executive: ready now" in response.text
    assert "Private Member" not in response.text
    assert "Nine-box" not in response.text
    assert "Performance 3" not in response.text
    assert "Would work in" not in response.text
    assert "Nominate" not in response.text


def test_an_hr_director_cannot_filter_on_what_they_may_not_see(
    client_for, hr_director, other_trust
):
    pool_member(other_trust, first_name="Low", last_name="Box", performance=1, potential=1)

    response = client_for(hr_director).get(SEARCH, {"performance": 3, "potential": 3})

    assert "Low Box" in response.text  # the nine-box filter is ignored, not applied


def test_a_chair_sees_the_same_summary_as_an_hr_director(client_for, chair, other_trust):
    pool_member(other_trust, first_name="Open", last_name="Member")

    response = client_for(chair).get(SEARCH)

    assert "Open Member" in response.text


def test_pledge_leads_and_administrators_may_not_search_the_pool(
    client_for, pledge_lead, administrator
):
    assert client_for(pledge_lead).get(SEARCH).status_code == 403
    assert client_for(administrator).get(SEARCH).status_code == 403


# --- Nominating -------------------------------------------------------------------------------


@pytest.fixture
def at_risk_post(trust):
    """Alice's trust's chief executive post: the holder retires within the year."""
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    IncumbencyFactory(
        post=post,
        started_on=dt.date(2019, 1, 1),
        expected_departure_on=timezone.localdate() + dt.timedelta(days=200),
        departure_reason=DepartureReason.RETIREMENT,
    )
    return post


def test_the_nomination_page_offers_at_risk_posts_with_the_reasons(
    client_for, talent_team, other_trust, at_risk_post
):
    person = pool_member(other_trust, readiness={CE: Readiness.READY_NOW})

    response = client_for(talent_team).get(reverse("talent:pool_nominate", args=[person.pk]))

    assert response.status_code == 200
    assert "Chief executive" in response.text
    assert "Holder expected to leave" in response.text
    assert "Nobody ready now" in response.text


def test_nominating_a_pool_member_puts_them_on_the_posts_plan_which_its_hr_director_sees(
    client_for, talent_team, hr_director, other_trust, at_risk_post
):
    person = pool_member(
        other_trust, first_name="Grace", last_name="Mensah", readiness={CE: Readiness.READY_NOW}
    )
    url = reverse("talent:pool_nominate", args=[person.pk])
    client = client_for(talent_team)
    form_page = client.get(url, {"post": at_risk_post.pk})
    assert "Nominate Grace Mensah as a successor" in form_page.text

    response = client.post(
        url,
        {
            "post": at_risk_post.pk,
            "version": at_risk_post.plan.version,
            "readiness": Readiness.READY_NOW,
            "notes": "Strong candidate from the Aspiring Chief Executive programme.",
        },
        follow=True,
    )

    assert "Grace Mensah nominated as a successor for Chief executive" in response.text
    nomination = Nomination.objects.get(plan=at_risk_post.plan, person=person)
    assert nomination.nominated_by == talent_team
    plan_page = client_for(hr_director).get(
        reverse("succession:plan_manage", args=[at_risk_post.pk])
    )
    assert "Grace Mensah" in plan_page.text


def test_nominating_from_a_stale_page_shows_what_changed_and_keeps_the_notes(
    client_for, talent_team, other_trust, at_risk_post
):
    person = pool_member(other_trust)
    stale_version = at_risk_post.plan.version
    succession_services.nomination_add(
        plan=at_risk_post.plan, person=PersonFactory(organisation=at_risk_post.organisation),
        readiness=Readiness.ONE_TO_TWO_YEARS,
    )  # fmt: skip

    response = client_for(talent_team).post(
        reverse("talent:pool_nominate", args=[person.pk]),
        {
            "post": at_risk_post.pk,
            "version": stale_version,
            "readiness": Readiness.READY_NOW,
            "notes": "My careful notes",
        },
    )

    assert response.status_code == 409
    assert "Someone else changed this" in response.text
    assert "My careful notes" in response.text
    assert not Nomination.objects.filter(person=person).exists()


def test_nominating_without_a_readiness_says_what_to_choose(
    client_for, talent_team, other_trust, at_risk_post
):
    person = pool_member(other_trust)

    response = client_for(talent_team).post(
        reverse("talent:pool_nominate", args=[person.pk]),
        {"post": at_risk_post.pk, "version": at_risk_post.plan.version},
    )

    assert response.status_code == 200
    assert "Choose ready now, ready in 1–2 years or ready in 3–5 years" in response.text


def test_hr_directors_may_not_use_the_national_nominate_page(
    client_for, hr_director, other_trust, at_risk_post
):
    person = pool_member(other_trust)

    response = client_for(hr_director).get(reverse("talent:pool_nominate", args=[person.pk]))

    assert response.status_code == 403


def test_the_search_page_costs_the_same_queries_for_five_members_or_twenty(
    client_for, talent_team, trust
):
    def add(count):
        for _ in range(count):
            person = pool_member(trust, readiness={CE: Readiness.READY_NOW}, performance=2,
                                 potential=2, regions=[trust.region])  # fmt: skip
            post = make_post(trust, PostRole.FINANCE_DIRECTOR, f"Finance director {person.pk}")
            IncumbencyFactory(post=post, person=person)

    client = client_for(talent_team)
    add(5)
    client.get(SEARCH)  # warm the session and the user's memberships
    with assert_queries_at_most(20) as five:
        client.get(SEARCH)
    add(15)
    with assert_queries_at_most(five):
        client.get(SEARCH)


def test_the_navigation_offers_the_pool_pages_to_whoever_may_use_them(
    client_for, talent_team, hr_director
):
    national = client_for(talent_team).get(reverse("home")).text
    assert ">Talent pool<" in national and ">Pipeline<" in national and ">Equality<" in national

    organisation = client_for(hr_director).get(reverse("home")).text
    assert ">Talent pool<" in organisation
    assert ">Pipeline<" not in organisation and ">Equality<" not in organisation


def test_posts_with_the_highest_nightly_risk_score_are_offered_first(
    client_for, talent_team, trust, other_trust
):
    from risk.models import LatestRisk

    calm = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Calm chief executive post")
    risky = make_post(other_trust, PostRole.CHIEF_EXECUTIVE, "Risky chief executive post")
    for post, score, band in ((calm, 10, "low"), (risky, 80, "high")):
        LatestRisk.objects.create(
            post=post, score=score, band=band, method_version=1, assessed_at=timezone.now()
        )
    person = pool_member(trust, readiness={CE: Readiness.READY_NOW})

    response = client_for(talent_team).get(
        reverse("talent:pool_nominate", args=[person.pk]), {"target_role": CE}
    )

    assert "High risk (score 80)" in response.text
    assert response.text.index("Risky chief executive post") < response.text.index(
        "Calm chief executive post"
    )


def test_the_nominate_pages_posts_are_paged_not_cut_at_a_first_few(client_for, talent_team, trust):
    for number in range(30):
        make_post(trust, PostRole.CHIEF_EXECUTIVE, f"Chief executive {number:02}")
    person = pool_member(trust, readiness={CE: Readiness.READY_NOW})
    url = reverse("talent:pool_nominate", args=[person.pk])

    first = client_for(talent_team).get(url, {"target_role": CE})
    second = client_for(talent_team).get(url, {"target_role": CE, "page": 2})

    assert "30 posts, page 1 of 2" in first.text
    assert 'aria-label="Page 2"' in first.text
    assert first.text.count("?post=") == 25
    assert second.text.count("?post=") == 5


def test_the_nominate_pages_posts_can_be_searched_and_narrowed_to_an_organisation(
    client_for, talent_team, trust, other_trust
):
    make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of finance")
    make_post(other_trust, PostRole.FINANCE_DIRECTOR, "Director of finance")
    person = pool_member(trust, readiness={CE: Readiness.READY_NOW})
    url = reverse("talent:pool_nominate", args=[person.pk])
    client = client_for(talent_team)

    by_words = client.get(url, {"q": "finance"})
    by_organisation = client.get(url, {"q": "finance", "organisation": other_trust.ods_code})

    assert "2 posts" in by_words.text and by_words.text.count("?post=") == 2
    assert "1 post" in by_organisation.text and by_organisation.text.count("?post=") == 1
    assert other_trust.display_name in by_organisation.text
    assert 'name="organisation"' in by_organisation.text and 'name="q"' in by_organisation.text
