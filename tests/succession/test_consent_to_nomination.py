"""Someone from another organisation who has not agreed to be visible to other organisations is
put on a plan only with their agreement to this nomination, recorded by the nominator: who,
when and how. No one is exempt, the national team included; the API obeys the same rule."""

import datetime as dt
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from succession import services
from succession.models import ConsentMethod, Nomination, PostRole, Readiness
from tests.pages import date_fields, text_of
from tests.succession.factories import make_post
from tests.talent.factories import PersonFactory, pool_member

pytestmark = pytest.mark.django_db

AGREED_ON = dt.date(2026, 11, 20)


@pytest.fixture
def post(trust):
    return make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")


@pytest.fixture
def private_member(other_trust):
    """In the national pool, but has not agreed to be visible to other organisations."""
    return pool_member(other_trust, visible=False, first_name="Priya", last_name="Shah")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- The rule ---------------------------------------------------------------------------------


def test_nobody_may_put_a_member_who_has_not_agreed_on_another_organisations_plan(
    post, private_member, talent_team
):
    with pytest.raises(ValidationError) as refused:
        services.nomination_add(
            plan=post.plan, person=private_member, readiness=Readiness.READY_NOW, by=talent_team
        )

    assert refused.value.message_dict == {
        "consent_method": ["Choose how they agreed: in writing, by email or in conversation"],
        "consent_given_on": ["Enter the date they agreed to this nomination"],
    }
    assert not Nomination.objects.exists()


def test_their_recorded_agreement_to_this_nomination_lets_it_through_with_who_when_and_how(
    post, private_member, talent_team, today
):
    nomination = services.nomination_add(
        plan=post.plan, person=private_member, readiness=Readiness.READY_NOW, by=talent_team,
        consent_method=ConsentMethod.BY_EMAIL, consent_given_on=AGREED_ON,
    )  # fmt: skip

    assert nomination.consent_method == ConsentMethod.BY_EMAIL
    assert nomination.consent_given_on == AGREED_ON
    assert nomination.consent_recorded_by == talent_team
    assert nomination.consent_recorded_at is not None


def test_an_agreement_given_in_the_future_is_refused(post, private_member):
    with pytest.raises(ValidationError) as refused:
        services.nomination_add(
            plan=post.plan, person=private_member, readiness=Readiness.READY_NOW,
            consent_method=ConsentMethod.IN_WRITING, consent_given_on=dt.date(2026, 12, 1),
        )  # fmt: skip

    assert "The date they agreed cannot be in the future" in str(refused.value)


def test_people_of_the_posts_own_organisation_and_visible_members_need_no_agreement(
    post, trust, other_trust
):
    own = PersonFactory(organisation=trust)
    visible = pool_member(other_trust, visible=True)

    services.nomination_add(plan=post.plan, person=own, readiness=Readiness.READY_NOW)
    post.plan.refresh_from_db()
    services.nomination_add(plan=post.plan, person=visible, readiness=Readiness.READY_NOW)

    assert post.plan.nominations.active().count() == 2
    assert not Nomination.objects.exclude(consent_method="").exists()


def test_a_member_who_withdrew_their_visibility_needs_agreeing_again(post, other_trust):
    member = pool_member(other_trust, visible=True)
    member.talent_profile.visible_to_other_organisations = False
    member.talent_profile.save()

    assert services.nomination_needs_consent(person=member, post=post)


# --- The plan page ----------------------------------------------------------------------------


def test_the_national_teams_page_explains_the_agreement_it_needs(post, private_member, talent_team):
    page = signed_in(talent_team).get(
        reverse("succession:nomination_add", args=[post.pk]), {"person": private_member.pk}
    )

    text = text_of(page)
    assert "Their agreement to this nomination" in text
    assert "Priya Shah works for another organisation and has not agreed to be visible" in text
    assert "In conversation" in text


def test_the_page_refuses_without_the_agreement_and_keeps_what_was_typed(
    post, private_member, talent_team
):
    response = signed_in(talent_team).post(
        reverse("succession:nomination_add", args=[post.pk]),
        {
            "person": private_member.pk,
            "readiness": Readiness.ONE_TO_TWO_YEARS,
            "notes": "Strong finance background",
            "version": post.plan.version,
            "consent_method": ConsentMethod.IN_CONVERSATION,
        },
    )

    assert response.status_code == 200
    text = text_of(response)
    assert "Enter the date they agreed to this nomination" in text
    assert "Strong finance background" in response.content.decode()
    chosen = re.search(r'<input[^>]*value="in_conversation"[^>]*>', response.content.decode())
    assert chosen and "checked" in chosen.group(0), chosen
    assert not Nomination.objects.exists()


def test_the_page_saves_the_nomination_with_the_agreement(post, private_member, talent_team):
    response = signed_in(talent_team).post(
        reverse("succession:nomination_add", args=[post.pk]),
        {
            "person": private_member.pk,
            "readiness": Readiness.READY_NOW,
            "version": post.plan.version,
            "consent_method": ConsentMethod.IN_WRITING,
            **date_fields("consent_given_on", AGREED_ON),
        },
    )

    assert response.status_code == 302
    nomination = Nomination.objects.get(person=private_member)
    assert (nomination.consent_method, nomination.consent_given_on) == ("in_writing", AGREED_ON)
    assert nomination.consent_recorded_by == talent_team


def test_the_page_for_someone_of_the_posts_own_organisation_asks_nothing_about_agreement(
    post, trust, hr_director
):
    own = PersonFactory(organisation=trust)

    page = signed_in(hr_director).get(
        reverse("succession:nomination_add", args=[post.pk]), {"person": own.pk}
    )

    assert "Their agreement to this nomination" not in text_of(page)


def test_an_hr_director_cannot_even_find_a_member_who_has_not_agreed(
    post, private_member, hr_director
):
    page = signed_in(hr_director).get(
        reverse("succession:nomination_add", args=[post.pk]), {"person": private_member.pk}
    )

    assert page.status_code == 404


# --- Nominating from the talent pool ----------------------------------------------------------


def test_nominating_from_the_pool_needs_the_agreement_too(post, private_member, talent_team):
    url = reverse("talent:pool_nominate", args=[private_member.pk])
    client = signed_in(talent_team)
    form = client.get(url, {"post": post.pk})
    refused = client.post(
        url, {"post": post.pk, "version": post.plan.version, "readiness": Readiness.READY_NOW}
    )
    saved = client.post(
        url,
        {
            "post": post.pk,
            "version": post.plan.version,
            "readiness": Readiness.READY_NOW,
            "consent_method": ConsentMethod.BY_EMAIL,
            **date_fields("consent_given_on", AGREED_ON),
        },
    )

    assert "Their agreement to this nomination" in text_of(form)
    assert "Enter the date they agreed to this nomination" in text_of(refused)
    assert saved.status_code == 302
    assert Nomination.objects.get(person=private_member).consent_method == "by_email"


# --- The API ----------------------------------------------------------------------------------


def _api_post(user, data):
    return signed_in(user).post(
        "/api/nominations/", json.dumps(data), content_type="application/json"
    )


def test_the_api_refuses_without_the_agreement_with_field_errors(post, private_member, talent_team):
    response = _api_post(
        talent_team,
        {"post": post.pk, "person": private_member.pk, "readiness": "ready_now", "plan_version": 1},
    )

    assert response.status_code == 400
    assert response.json()["consent_given_on"] == ["Enter the date they agreed to this nomination"]
    assert "consent_method" in response.json()
    assert not Nomination.objects.exists()


def test_the_api_records_the_agreement(post, private_member, talent_team):
    response = _api_post(
        talent_team,
        {
            "post": post.pk,
            "person": private_member.pk,
            "readiness": "ready_now",
            "plan_version": 1,
            "consent_method": "in_conversation",
            "consent_given_on": "2026-11-20",
        },
    )

    assert response.status_code == 201
    assert response.json()["consent_method"] == "in_conversation"
    assert response.json()["consent_given_on"] == "2026-11-20"
    assert Nomination.objects.get(person=private_member).consent_recorded_by == talent_team
