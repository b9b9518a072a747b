"""A pool member's record: what the national team sees and changes, and the little that HR
directors and chairs may see of members who agreed to be visible."""

import datetime as dt

import pytest
from django.urls import reverse

from talent.models import (
    CohortMembership,
    DevelopmentActivity,
    NineBoxPlacement,
    PlacementKind,
    Readiness,
    TalentProfile,
    TargetRoleReadiness,
)
from talent.services import pool as services
from tests.pages import date_fields, text_of
from tests.talent.factories import (
    CohortFactory,
    CohortMembershipFactory,
    PersonFactory,
    pool_member,
)

pytestmark = pytest.mark.django_db

CE = "chief_executive"


def profile_url(person, name="talent:pool_profile"):
    return reverse(name, args=[person.pk])


# --- Seeing a record -----------------------------------------------------------------------------


def test_the_national_team_sees_readiness_nine_box_programmes_development_and_mobility(
    client_for, talent_team, trust
):
    person = pool_member(
        trust, first_name="Amara", last_name="Bello", performance=2, potential=3,
        readiness={CE: Readiness.ONE_TO_TWO_YEARS}, regions=[trust.region],
    )  # fmt: skip
    CohortMembershipFactory(person=person)
    services.development_add(
        person=person, kind="mentoring", title="Mentoring", status="in_progress",
        starts_on=dt.date(2025, 5, 1), mentor_name="Dame Jane Smith",
    )  # fmt: skip

    response = client_for(talent_team).get(profile_url(person))

    assert response.status_code == 200
    text = response.text
    assert "Amara Bello" in text
    assert "Ready in 1–2 years" in text
    assert "Moderate performance, high potential" in text
    assert "Aspiring Chief Executive" in text
    assert "mentor Dame Jane Smith" in text
    assert trust.region.short_name in text
    assert "shown only to people given explicit permission" in text


def test_an_hr_director_sees_only_the_name_current_post_and_readiness_of_a_visible_member(
    client_for, hr_director, other_trust
):
    person = pool_member(
        other_trust, first_name="Open", last_name="Member", performance=3, potential=3,
        readiness={CE: Readiness.READY_NOW},
    )  # fmt: skip
    services.development_add(
        person=person, kind="coaching", title="Executive coaching", status="planned",
        starts_on=dt.date(2025, 5, 1),
    )  # fmt: skip
    person.talent_profile.aspirations = "To lead a trust in London"
    person.talent_profile.save()

    response = client_for(hr_director).get(profile_url(person))

    assert response.status_code == 200
    assert "Open Member" in response.text
    assert "Ready now" in response.text
    for hidden in ("Nine-box", "High performance", "Executive coaching", "Programmes",
                   "To lead a trust in London", "Equality"):  # fmt: skip
        assert hidden not in response.text


def test_an_hr_director_gets_404_for_a_pool_member_who_did_not_agree_to_be_visible(
    client_for, hr_director, other_hr_director, other_trust, trust
):
    hidden_elsewhere = pool_member(other_trust, visible=False)
    hidden_at_home = pool_member(trust, visible=False)

    assert client_for(hr_director).get(profile_url(hidden_elsewhere)).status_code == 404
    # Consent is about being seen as a pool member: even their own trust's HR director sees no
    # pool record without it (their people pages are unchanged).
    assert client_for(hr_director).get(profile_url(hidden_at_home)).status_code == 404
    assert client_for(other_hr_director).get(profile_url(hidden_at_home)).status_code == 404


def test_a_person_outside_the_pool_has_no_pool_record_for_hr_directors(
    client_for, hr_director, trust
):
    person = PersonFactory(organisation=trust)

    assert client_for(hr_director).get(profile_url(person)).status_code == 404


def test_hr_directors_and_chairs_cannot_open_the_national_teams_forms(
    client_for, hr_director, chair, other_trust
):
    person = pool_member(other_trust)
    for user in (hr_director, chair):
        client = client_for(user)
        for name in (
            "talent:pool_profile_edit",
            "talent:readiness_set",
            "talent:nine_box_place",
            "talent:development_add",
            "talent:cohort_membership_add",
            "talent:equality_record_edit",
        ):
            assert client.get(profile_url(person, name)).status_code == 403, name


# --- Membership, consent, aspirations and mobility ------------------------------------------------


def test_the_national_team_adds_a_person_to_the_pool_with_consent_and_mobility(
    client_for, talent_team, trust
):
    person = PersonFactory(organisation=trust, first_name="New", last_name="Member")
    client = client_for(talent_team)
    assert "Add to the national talent pool" in client.get(profile_url(person)).text

    response = client.post(
        profile_url(person, "talent:pool_profile_edit"),
        {
            "in_national_pool": "on",
            **date_fields("joined_pool_on", dt.date(2025, 9, 1)),
            "visible_to_other_organisations": "on",
            **date_fields("consent_recorded_on", dt.date(2025, 9, 8)),
            "aspirations": "A chief executive post in two years",
            "mobility_regions": [trust.region.pk],
        },
        follow=True,
    )

    assert "New Member’s talent profile saved." in response.text
    profile = TalentProfile.objects.get(person=person)
    assert profile.in_national_pool and profile.visible_to_other_organisations
    assert profile.consent_recorded_on == dt.date(2025, 9, 8)
    assert list(profile.mobility_regions.all()) == [trust.region]


def test_agreeing_to_be_visible_needs_the_date_they_agreed(client_for, talent_team, trust):
    person = PersonFactory(organisation=trust)

    response = client_for(talent_team).post(
        profile_url(person, "talent:pool_profile_edit"),
        {
            "in_national_pool": "on",
            **date_fields("joined_pool_on", dt.date(2025, 9, 1)),
            "visible_to_other_organisations": "on",
            "aspirations": "Kept as typed",
        },
    )

    assert response.status_code == 200
    assert "Enter the date they agreed to be visible" in response.text
    assert "Kept as typed" in response.text
    assert not TalentProfile.objects.filter(person=person).exists()


def test_a_stale_profile_form_shows_what_the_other_person_changed_and_keeps_the_input(
    client_for, talent_team, trust
):
    person = pool_member(trust)
    profile = person.talent_profile
    loaded = profile.version
    services.talent_profile_save(
        person=person, expected_version=loaded, in_national_pool=True,
        joined_pool_on=profile.joined_pool_on, left_pool_on=None,
        visible_to_other_organisations=False, consent_recorded_on=None,
        aspirations="Changed by a colleague",
    )  # fmt: skip

    response = client_for(talent_team).post(
        profile_url(person, "talent:pool_profile_edit"),
        {
            "version": loaded,
            "in_national_pool": "on",
            **date_fields("joined_pool_on", profile.joined_pool_on),
            "aspirations": "My own words",
        },
    )

    assert response.status_code == 409
    assert "Someone else changed this profile" in response.text
    assert "changed aspirations from" in response.text
    assert "Changed by a colleague" in response.text
    assert "My own words" in response.text
    profile.refresh_from_db()
    assert profile.aspirations == "Changed by a colleague"


# --- Readiness, nine-box, cohorts and development ---------------------------------------------------


def test_the_national_team_records_and_removes_readiness_for_a_target_role(
    client_for, talent_team, trust
):
    person = pool_member(trust)
    client = client_for(talent_team)
    url = profile_url(person, "talent:readiness_set")

    client.post(url, {"role": CE, "readiness": Readiness.READY_NOW, "notes": "Board ready"})
    saved = TargetRoleReadiness.objects.get(person=person, role=CE)
    assert saved.readiness == Readiness.READY_NOW and saved.assessed_by == talent_team

    client.post(f"{url}?role={CE}", {"readiness": "not_assessed", "version": saved.version})
    assert not TargetRoleReadiness.objects.filter(person=person).exists()


def test_readiness_must_be_on_the_scale(client_for, talent_team, trust):
    person = pool_member(trust)

    response = client_for(talent_team).post(
        profile_url(person, "talent:readiness_set"), {"role": CE, "readiness": "someday"}
    )

    assert "Choose ready now, ready in 1–2 years or ready in 3–5 years" in response.text


def test_a_nine_box_placement_keeps_the_reason_who_and_when_in_the_history(
    client_for, talent_team, trust
):
    person = pool_member(trust, performance=2, potential=2)

    response = client_for(talent_team).post(
        profile_url(person, "talent:nine_box_place"),
        {
            "performance": 3,
            "potential": 2,
            "reason": "Outstanding year",
            "version": person.talent_profile.version,
        },
        follow=True,
    )

    assert "Placed from moderate performance, moderate potential to high performance" in (
        response.text
    )
    assert "Outstanding year" in response.text
    entry = NineBoxPlacement.objects.get(person=person)
    assert (entry.kind, entry.placed_by) == (PlacementKind.ORIGINAL, talent_team)
    person.talent_profile.refresh_from_db()
    assert person.talent_profile.performance == 3


def test_a_nine_box_placement_needs_a_reason(client_for, talent_team, trust):
    person = pool_member(trust)

    response = client_for(talent_team).post(
        profile_url(person, "talent:nine_box_place"), {"performance": 3, "potential": 2}
    )

    assert "Enter the reason for this placement" in response.text
    assert not NineBoxPlacement.objects.exists()


def test_the_national_team_adds_a_member_to_a_cohort_and_records_them_leaving(
    client_for, talent_team, trust
):
    person = pool_member(trust)
    cohort = CohortFactory(starts_on=dt.date(2025, 1, 15))
    client = client_for(talent_team)

    client.post(
        profile_url(person, "talent:cohort_membership_add"),
        {"cohort": cohort.pk, **date_fields("joined_on", dt.date(2025, 1, 15))},
    )
    membership = CohortMembership.objects.get(person=person)
    response = client.post(
        reverse("talent:cohort_membership_end", args=[person.pk, membership.pk]),
        date_fields("left_on", dt.date(2025, 12, 15)),
        follow=True,
    )

    assert f"{person.full_name} left {cohort}" in text_of(response)
    membership.refresh_from_db()
    assert membership.left_on == dt.date(2025, 12, 15)


def test_joining_a_cohort_before_it_started_is_refused_at_the_date(client_for, talent_team, trust):
    person = pool_member(trust)
    cohort = CohortFactory(starts_on=dt.date(2025, 1, 15))

    response = client_for(talent_team).post(
        profile_url(person, "talent:cohort_membership_add"),
        {"cohort": cohort.pk, **date_fields("joined_on", dt.date(2024, 12, 1))},
    )

    assert "on or after 15 January 2025" in response.text


def test_people_outside_the_pool_cannot_join_a_cohort(trust):
    person = PersonFactory(organisation=trust)

    with pytest.raises(Exception, match="not in the national talent pool"):
        services.cohort_membership_add(
            person=person, cohort=CohortFactory(), joined_on=dt.date(2025, 2, 1)
        )


def test_mentoring_needs_a_named_mentor_and_the_form_says_so(client_for, talent_team, trust):
    person = pool_member(trust)

    response = client_for(talent_team).post(
        profile_url(person, "talent:development_add"),
        {
            "kind": "mentoring",
            "title": "Mentoring",
            "status": "planned",
            **date_fields("starts_on", dt.date(2025, 6, 1)),
        },
    )

    assert "Enter the name of the mentor" in response.text
    assert not DevelopmentActivity.objects.exists()


def test_development_moves_on_with_its_status_and_dates(client_for, talent_team, trust):
    person = pool_member(trust)
    activity = services.development_add(
        person=person, kind="stretch_assignment", title="Interim COO secondment",
        status="in_progress", starts_on=dt.date(2025, 1, 6),
    )  # fmt: skip
    url = reverse("talent:development_edit", args=[person.pk, activity.pk])
    client = client_for(talent_team)

    loaded = {"version": activity.version}
    refused = client.post(url, {**loaded, "status": "completed"})
    saved = client.post(
        url,
        {**loaded, "status": "completed", **date_fields("ends_on", dt.date(2025, 7, 4))},
        follow=True,
    )

    assert "Enter the date it was completed" in refused.text
    assert "Interim COO secondment updated." in saved.text
    activity.refresh_from_db()
    assert activity.status == "completed" and activity.ends_on == dt.date(2025, 7, 4)


def test_a_development_activity_of_another_person_is_not_found(client_for, talent_team, trust):
    person, other = pool_member(trust), pool_member(trust)
    activity = services.development_add(
        person=other, kind="coaching", title="Coaching", status="planned",
        starts_on=dt.date(2025, 1, 6),
    )  # fmt: skip

    response = client_for(talent_team).get(
        reverse("talent:development_edit", args=[person.pk, activity.pk])
    )

    assert response.status_code == 404


def test_the_people_page_links_the_national_team_to_the_pool_record_and_nobody_else(
    client_for, talent_team, hr_director, trust
):
    person = pool_member(trust)
    url = reverse("talent:person_detail", args=[person.pk])
    record = profile_url(person)

    assert record in client_for(talent_team).get(url).text
    assert record not in client_for(hr_director).get(url).text
