"""Organisations: public ODS data that every signed-in user may list and read."""

import pytest

from orgs.models import OrganisationKind
from tests.orgs.factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def codes(response) -> list[str]:
    return [organisation["ods_code"] for organisation in response.json()["results"]]


def test_any_signed_in_user_may_list_every_organisation(api, pledge_lead, trust, other_trust):
    response = api(pledge_lead).get("/api/organisations/")

    assert response.status_code == 200
    assert {"RJ1", "RH8"} <= set(codes(response))


def test_an_organisation_is_found_by_its_ods_code_with_its_name_as_people_write_it(
    api, other_hr_director, trust
):
    response = api(other_hr_director).get("/api/organisations/RJ1/")

    assert response.status_code == 200
    assert response.json()["name"] == "Guy's and St Thomas' NHS Foundation Trust"
    assert response.json()["region"]["code"] == trust.region.code


def test_an_unknown_ods_code_is_404(api, hr_director):
    assert api(hr_director).get("/api/organisations/XXX/").status_code == 404


def test_organisations_can_be_filtered_by_region_kind_and_searched(api, hr_director):
    london = RegionFactory(code="Y56", short_name="London")
    OrganisationFactory(ods_code="RYJ", name="IMPERIAL COLLEGE HEALTHCARE NHS TRUST", region=london)
    OrganisationFactory(
        ods_code="RRU",
        name="LONDON AMBULANCE SERVICE NHS TRUST",
        kind=OrganisationKind.AMBULANCE_TRUST,
        region=london,
    )
    OrganisationFactory(
        ods_code="RX9",
        name="EAST MIDLANDS AMBULANCE SERVICE NHS TRUST",
        kind=OrganisationKind.AMBULANCE_TRUST,
    )
    alice = api(hr_director)

    assert set(codes(alice.get("/api/organisations/", {"region": "Y56"}))) == {"RYJ", "RRU"}
    assert set(codes(alice.get("/api/organisations/", {"kind": "ambulance_trust"}))) == {
        "RRU",
        "RX9",
    }
    assert codes(alice.get("/api/organisations/", {"q": "imperial"})) == ["RYJ"]
    assert codes(alice.get("/api/organisations/", {"q": "rx9"})) == ["RX9"]


def test_an_unknown_region_code_is_a_400_that_says_so(api, hr_director):
    response = api(hr_director).get("/api/organisations/", {"region": "ZZZ"})

    assert response.status_code == 400
    assert "region" in response.json()


def test_the_organisation_list_comes_in_pages_of_50(api, hr_director):
    OrganisationFactory.create_batch(51)

    response = api(hr_director).get("/api/organisations/")

    body = response.json()
    assert body["count"] == 52  # and alice's own trust
    assert len(body["results"]) == 50
    assert body["next"].endswith("?page=2")


def test_organisations_cannot_be_changed_through_the_api(api, administrator, trust):
    response = api(administrator).post("/api/organisations/", {"ods_code": "NEW"})

    assert response.status_code == 405
