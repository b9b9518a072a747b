"""People: HR directors and chairs see their own organisation's people, the national team
everyone's; the HR director adds and changes them through talent.services."""

import pytest

from talent import services
from talent.models import Person
from tests.api.conftest import ids
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(trust):
    return PersonFactory(
        first_name="Ada", last_name="King", organisation=trust, work_email="ada.king@nhs.example"
    )


@pytest.fixture
def outsider(other_trust):
    return PersonFactory(first_name="Grace", last_name="Hopper", organisation=other_trust)


def test_an_hr_director_sees_only_their_trusts_people(api, hr_director, ada, outsider):
    assert ids(api(hr_director).get("/api/people/")) == [ada.pk]


def test_the_chair_reads_their_trusts_people(api, chair, ada, outsider):
    assert ids(api(chair).get("/api/people/")) == [ada.pk]
    assert api(chair).get(f"/api/people/{ada.pk}/").json()["full_name"] == "Ada King"


def test_the_national_team_sees_everyone(api, talent_team, ada, outsider):
    assert set(ids(api(talent_team).get("/api/people/"))) == {ada.pk, outsider.pk}


def test_an_hr_director_gets_404_for_another_trusts_person(api, other_hr_director, ada):
    assert api(other_hr_director).get(f"/api/people/{ada.pk}/").status_code == 404


def test_people_can_be_searched_by_name_and_filtered_by_organisation(
    api, talent_team, ada, outsider
):
    nadia = api(talent_team)

    assert ids(nadia.get("/api/people/", {"q": "ada ki"})) == [ada.pk]
    assert ids(nadia.get("/api/people/", {"q": "ada.king@nhs.example"})) == [ada.pk]
    assert ids(nadia.get("/api/people/", {"organisation": "RH8"})) == [outsider.pk]


def test_the_hr_director_adds_a_person_to_their_trust(api, hr_director, trust):
    response = api(hr_director).post(
        "/api/people/",
        {
            "organisation": "RJ1",
            "first_name": "Mary",
            "last_name": "Seacole",
            "work_email": "Mary.Seacole@nhs.example",
            "professional_background": "clinical",
        },
    )

    assert response.status_code == 201
    assert response.json()["full_name"] == "Mary Seacole"
    person = Person.objects.get(pk=response.json()["id"])
    assert (person.organisation, person.work_email) == (trust, "mary.seacole@nhs.example")


def test_a_new_person_needs_a_name(api, hr_director, trust):
    response = api(hr_director).post("/api/people/", {"organisation": "RJ1"})

    assert response.status_code == 400
    assert {"first_name", "last_name"} <= set(response.json())


def test_the_chair_may_not_add_a_person(api, chair, trust):
    response = api(chair).post(
        "/api/people/", {"organisation": "RJ1", "first_name": "Mary", "last_name": "Seacole"}
    )

    assert response.status_code == 403
    assert not Person.objects.exists()


def test_the_hr_director_changes_a_persons_details(api, hr_director, ada):
    response = api(hr_director).patch(
        f"/api/people/{ada.pk}/", {"last_name": "Lovelace", "version": 1}
    )

    assert response.status_code == 200
    assert response.json()["full_name"] == "Ada Lovelace"
    assert response.json()["version"] == 2


def test_a_stale_change_to_a_person_is_a_409_with_what_changed(api, hr_director, ada):
    services.person_update(person=ada, expected_version=1, last_name="Lovelace")

    response = api(hr_director).patch(
        f"/api/people/{ada.pk}/", {"last_name": "Byron", "version": 1}
    )

    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert any("Lovelace" in change["text"] for change in response.json()["changes"])
    ada.refresh_from_db()
    assert ada.last_name == "Lovelace"


def test_the_chair_may_not_change_a_person(api, chair, ada):
    response = api(chair).patch(f"/api/people/{ada.pk}/", {"last_name": "Byron", "version": 1})

    assert response.status_code == 403


def test_an_hr_director_gets_404_changing_another_trusts_person(api, other_hr_director, ada):
    response = api(other_hr_director).patch(
        f"/api/people/{ada.pk}/", {"last_name": "Byron", "version": 1}
    )

    assert response.status_code == 404
