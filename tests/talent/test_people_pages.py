import datetime as dt
import re

import pytest
from django.urls import reverse

from succession import services as succession_services
from succession.models import IncumbencyKind
from talent import services
from talent.models import CareerHistoryEntry, Person, PostRole, ProfessionalBackground, Readiness
from tests.queries import assert_queries_at_most
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import CareerHistoryEntryFactory, PersonFactory

pytestmark = pytest.mark.django_db


def nominate(post, person, readiness=Readiness.READY_NOW, **consent):
    post.plan.refresh_from_db()
    return succession_services.nomination_add(
        plan=post.plan, person=person, readiness=readiness, **consent
    )


def person_data(**overrides):
    data = {
        "first_name": "Jane",
        "last_name": "Okoro",
        "work_email": "jane.okoro@nhs.net",
        "professional_background": ProfessionalBackground.FINANCE,
    }
    data.update(overrides)
    return data


# --- The list ---------------------------------------------------------------------------------


def test_hr_director_sees_their_organisations_people_and_not_others(
    client_for, hr_director, trust, other_trust
):
    PersonFactory(organisation=trust, first_name="Amara", last_name="Bello")
    PersonFactory(organisation=other_trust, first_name="Oliver", last_name="Hughes")

    response = client_for(hr_director).get(reverse("talent:person_list"))

    assert response.status_code == 200
    assert "Amara Bello" in response.text
    assert "Oliver Hughes" not in response.text
    assert "Add a person" in response.text


def test_the_list_shows_current_posts_background_and_a_flag_for_people_named_on_many_plans(
    client_for, chair, trust
):
    widely_named = PersonFactory(
        organisation=trust,
        first_name="Grace",
        last_name="Adeyemi",
        professional_background=ProfessionalBackground.CLINICAL,
    )
    held = make_post(trust, PostRole.MEDICAL_DIRECTOR, "Medical director")
    IncumbencyFactory(post=held, person=widely_named)
    for role in (PostRole.CHIEF_EXECUTIVE, PostRole.CHIEF_NURSE, PostRole.FINANCE_DIRECTOR):
        nominate(make_post(trust, role), widely_named)

    response = client_for(chair).get(reverse("talent:person_list"))

    assert "Medical director" in response.text
    assert "Clinical" in response.text
    assert "Named for 3 posts" in response.text
    assert "Add a person" not in response.text


def test_the_national_team_sees_everyone_and_can_narrow_to_one_organisation_and_search(
    client_for, talent_team, trust, other_trust
):
    PersonFactory(organisation=trust, first_name="Amara", last_name="Bello")
    PersonFactory(organisation=other_trust, first_name="Oliver", last_name="Hughes")
    PersonFactory(organisation=other_trust, first_name="Priti", last_name="Shah")
    client = client_for(talent_team)

    everyone = client.get(reverse("talent:person_list"))
    narrowed = client.get(reverse("talent:person_list"), {"organisation": other_trust.ods_code})
    searched = client.get(reverse("talent:person_list"), {"q": "priti sha"})

    assert "Amara Bello" in everyone.text and "Oliver Hughes" in everyone.text
    assert "Amara Bello" not in narrowed.text and "Oliver Hughes" in narrowed.text
    assert "Priti Shah" in searched.text and "Oliver Hughes" not in searched.text


def test_the_organisation_filter_is_only_for_the_national_team(client_for, hr_director, trust):
    response = client_for(hr_director).get(reverse("talent:person_list"))

    assert 'name="organisation"' not in response.text


def test_the_list_is_paginated_by_twenty_five(client_for, hr_director, trust):
    PersonFactory.create_batch(55, organisation=trust)

    first = client_for(hr_director).get(reverse("talent:person_list"))
    last = client_for(hr_director).get(reverse("talent:person_list"), {"page": 3})

    assert "Showing 1 to 25 of 55 people" in first.text
    assert first.text.count('<tr class="nhsuk-table__row">') - 1 == 25
    assert 'aria-label="Pagination"' in first.text
    assert "Showing 51 to 55 of 55 people" in last.text


def test_the_page_links_keep_the_search(client_for, hr_director, trust):
    PersonFactory.create_batch(30, organisation=trust, last_name="Okafor")
    PersonFactory.create_batch(5, organisation=trust, last_name="Smith")

    response = client_for(hr_director).get(reverse("talent:person_list"), {"q": "Okafor"})

    assert "Showing 1 to 25 of 30 people matching your search" in response.text
    assert 'href="?q=Okafor&amp;page=2"' in response.text


def test_the_list_takes_the_same_few_queries_however_many_people(client_for, hr_director, trust):
    client = client_for(hr_director)
    for index in range(30):
        person = PersonFactory(organisation=trust)
        post = make_post(trust, PostRole.OTHER_EXECUTIVE_DIRECTOR, f"Director {index}")
        IncumbencyFactory(post=post, person=person)
        nominate(make_post(trust, PostRole.CHIEF_EXECUTIVE, f"Chief {index}"), person)

    # Session, user and memberships (3), the session saved again (3), the list itself (3):
    # count, one page of people with their slate counts, and their current posts; and the
    # header's count of unread notifications (1).
    with assert_queries_at_most(10):
        response = client.get(reverse("talent:person_list"))

    assert response.status_code == 200
    assert "Showing 1 to 25 of 30 people" in response.text
    # every person on the page with their current post
    assert len(set(re.findall(r"Director \d+", response.text))) == 25


# --- A person's page --------------------------------------------------------------------------


def test_a_persons_page_shows_posts_held_career_and_plans_they_are_named_on(
    client_for, hr_director, trust, other_trust
):
    person = PersonFactory(organisation=trust, first_name="Sam", last_name="Patel")
    earlier = make_post(trust, PostRole.OTHER_EXECUTIVE_DIRECTOR, "Director of strategy")
    IncumbencyFactory(post=earlier, person=person, started_on=dt.date(2018, 1, 1))
    current = make_post(trust, PostRole.CHIEF_OPERATING_OFFICER, "Chief operating officer")
    succession_services.incumbency_start(
        post=current,
        person=person,
        kind=IncumbencyKind.INTERIM,
        started_on=dt.date(2023, 5, 1),
    )
    succession_services.incumbency_end(
        incumbency=earlier.incumbencies.get(),
        ended_on=dt.date(2023, 4, 30),
        departure_reason="appointed_elsewhere",
    )
    CareerHistoryEntryFactory(
        person=person, title="Head of operations", organisation_name="Leeds City Council"
    )
    own_plan = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    elsewhere = make_post(other_trust, PostRole.CHIEF_EXECUTIVE, "Chief executive, Exeter")
    nominate(own_plan, person, Readiness.ONE_TO_TWO_YEARS)
    nominate(elsewhere, person, consent_method="in_writing", consent_given_on=dt.date(2026, 11, 2))

    response = client_for(hr_director).get(reverse("talent:person_detail", args=[person.pk]))

    assert response.status_code == 200
    text = response.text
    assert "Sam Patel" in text
    assert "Director of strategy" in text and "Interim" in text
    assert "Head of operations" in text and "Leeds City Council" in text
    assert "Ready in 1–2 years" in text
    assert reverse("succession:post_detail", args=[own_plan.pk]) in text
    # Another organisation's post: its title and organisation, but no link the user cannot follow.
    assert "Chief executive, Exeter" in text
    assert other_trust.display_name in text
    assert reverse("succession:post_detail", args=[elsewhere.pk]) not in text


def test_a_person_named_on_many_plans_is_flagged_on_their_page(client_for, chair, trust):
    person = PersonFactory(organisation=trust)
    for role in (PostRole.CHIEF_EXECUTIVE, PostRole.CHIEF_NURSE, PostRole.FINANCE_DIRECTOR):
        nominate(make_post(trust, role), person)

    response = client_for(chair).get(reverse("talent:person_detail", args=[person.pk]))

    assert "Named for 3 posts" in response.text
    assert "Change" not in response.text


def test_hr_director_cannot_see_another_trusts_person(client_for, other_hr_director, trust):
    person = PersonFactory(organisation=trust)
    client = client_for(other_hr_director)

    assert client.get(reverse("talent:person_detail", args=[person.pk])).status_code == 404
    assert client.get(reverse("talent:person_edit", args=[person.pk])).status_code == 404
    assert client.get(reverse("talent:career_entry_add", args=[person.pk])).status_code == 404


def test_the_national_team_reads_and_changes_anyones_details_but_adds_no_one(
    client_for, talent_team, trust
):
    person = PersonFactory(organisation=trust)
    client = client_for(talent_team)

    assert client.get(reverse("talent:person_detail", args=[person.pk])).status_code == 200
    assert client.get(reverse("talent:person_edit", args=[person.pk])).status_code == 200
    assert client.get(reverse("talent:person_create")).status_code == 403


# --- Adding a person --------------------------------------------------------------------------


def test_hr_director_adds_a_person_to_their_organisation(client_for, hr_director, trust):
    response = client_for(hr_director).post(reverse("talent:person_create"), person_data())

    person = Person.objects.get(last_name="Okoro")
    assert response.status_code == 302
    assert response["Location"] == reverse("talent:person_detail", args=[person.pk])
    assert person.organisation == trust
    assert person.professional_background == ProfessionalBackground.FINANCE


def test_hr_director_of_two_organisations_chooses_which_one(
    client_for, hr_director, trust, other_trust
):
    from tests.accounts.factories import MembershipFactory

    MembershipFactory(user=hr_director, organisation=other_trust)
    client = client_for(hr_director)

    form_page = client.get(reverse("talent:person_create"))
    missing = client.post(reverse("talent:person_create"), person_data())
    chosen = client.post(reverse("talent:person_create"), person_data(organisation=other_trust.pk))

    assert other_trust.display_name in form_page.text
    assert "Choose the organisation they work for" in missing.text
    assert chosen.status_code == 302
    assert Person.objects.get(last_name="Okoro").organisation == other_trust


def test_a_work_email_already_used_in_the_organisation_is_refused_at_the_field(
    client_for, hr_director, trust
):
    PersonFactory(organisation=trust, first_name="Jo", last_name="Bloggs", work_email="j@nhs.net")

    response = client_for(hr_director).post(
        reverse("talent:person_create"), person_data(work_email="J@NHS.net")
    )

    assert response.status_code == 200
    assert "Jo Bloggs already has the work email j@nhs.net" in response.text
    assert 'value="Okoro"' in response.text
    assert not Person.objects.filter(last_name="Okoro").exists()


def test_missing_names_are_refused_with_clear_messages(client_for, hr_director, trust):
    response = client_for(hr_director).post(
        reverse("talent:person_create"), person_data(first_name="", last_name="")
    )

    assert "Enter their first name" in response.text
    assert "Enter their last name" in response.text


def test_a_chair_cannot_add_or_change_people(client_for, chair, trust):
    person = PersonFactory(organisation=trust)
    client = client_for(chair)

    assert client.get(reverse("talent:person_create")).status_code == 403
    assert client.post(reverse("talent:person_create"), person_data()).status_code == 403
    assert client.get(reverse("talent:person_edit", args=[person.pk])).status_code == 403
    assert client.post(reverse("talent:career_entry_add", args=[person.pk]), {}).status_code == 403


# --- Editing a person -------------------------------------------------------------------------


def test_hr_director_changes_a_persons_details(client_for, hr_director, trust):
    person = PersonFactory(organisation=trust, first_name="Jane", last_name="Smith")

    response = client_for(hr_director).post(
        reverse("talent:person_edit", args=[person.pk]),
        person_data(version=person.version, last_name="Smith-Jones"),
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert person.last_name == "Smith-Jones"
    assert person.version == 2


def test_a_stale_edit_is_refused_showing_the_other_change_and_keeping_the_input(
    client_for, hr_director, trust
):
    person = PersonFactory(organisation=trust, first_name="Jane", last_name="Smith")
    loaded_version = person.version
    services.person_update(person=person, expected_version=loaded_version, last_name="Brown")

    response = client_for(hr_director).post(
        reverse("talent:person_edit", args=[person.pk]),
        person_data(version=loaded_version, first_name="Janet", last_name="Smith"),
    )

    person.refresh_from_db()
    assert response.status_code == 409
    assert "What the other person changed" in response.text
    assert "“Smith” to “Brown”" in response.text
    assert 'value="Janet"' in response.text
    assert f'name="version" value="{person.version}"' in response.text
    assert person.first_name == "Jane" and person.last_name == "Brown"


# --- Career history ---------------------------------------------------------------------------


def test_hr_director_adds_a_post_outside_the_service_to_career_history(
    client_for, hr_director, trust
):
    person = PersonFactory(organisation=trust)

    response = client_for(hr_director).post(
        reverse("talent:career_entry_add", args=[person.pk]),
        {
            "title": "Director of finance",
            "organisation": "",
            "organisation_name": "Scottish Ambulance Service",
            "started_on_day": "1",
            "started_on_month": "4",
            "started_on_year": "2015",
            "ended_on_day": "31",
            "ended_on_month": "3",
            "ended_on_year": "2019",
        },
    )

    assert response.status_code == 302
    entry = CareerHistoryEntry.objects.get(person=person)
    assert entry.where == "Scottish Ambulance Service"
    assert entry.ended_on == dt.date(2019, 3, 31)


def test_a_career_entry_can_name_a_known_organisation(client_for, hr_director, trust, other_trust):
    person = PersonFactory(organisation=trust)

    client_for(hr_director).post(
        reverse("talent:career_entry_add", args=[person.pk]),
        {
            "title": "Deputy chief nurse",
            "organisation": other_trust.pk,
            "started_on_day": "1",
            "started_on_month": "9",
            "started_on_year": "2012",
        },
    )

    assert CareerHistoryEntry.objects.get(person=person).organisation == other_trust


def test_a_career_entry_ending_before_it_starts_is_refused_at_the_end_date(
    client_for, hr_director, trust
):
    person = PersonFactory(organisation=trust)

    response = client_for(hr_director).post(
        reverse("talent:career_entry_add", args=[person.pk]),
        {
            "title": "Head of nursing",
            "organisation_name": "A hospice",
            "started_on_day": "1",
            "started_on_month": "4",
            "started_on_year": "2019",
            "ended_on_day": "1",
            "ended_on_month": "4",
            "ended_on_year": "2018",
        },
    )

    assert response.status_code == 200
    assert "The end date must be on or after the start date." in response.text
    assert 'value="Head of nursing"' in response.text
    assert not CareerHistoryEntry.objects.filter(person=person).exists()


def test_a_career_entry_needs_an_organisation(client_for, hr_director, trust):
    person = PersonFactory(organisation=trust)

    response = client_for(hr_director).post(
        reverse("talent:career_entry_add", args=[person.pk]),
        {"title": "Head of nursing", "started_on_day": "1", "started_on_month": "4"},
    )

    assert "Choose the organisation, or type its name if it is not listed" in response.text
    assert "Start date must include a year" in response.text
