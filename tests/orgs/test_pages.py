"""The organisation list and detail pages."""

import datetime
import re

import pytest
from django.urls import reverse

from orgs.models import Organisation, OrganisationKind
from orgs.selectors import organisation_list
from tests.orgs.factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("orgs:list")


@pytest.fixture
def london(db):
    return RegionFactory(code="Y56", name="LONDON COMMISSIONING REGION", short_name="London")


@pytest.fixture
def south_west(db):
    return RegionFactory(
        code="Y58", name="SOUTH WEST COMMISSIONING REGION", short_name="South West"
    )


@pytest.fixture
def organisations(trust, other_trust, national_body, london, south_west):
    """RJ1 (London, acute), RH8 (South West, acute), a London mental health trust, a CCG and a
    closed trust, plus the national body the personas belong to."""
    trust.region = london
    trust.save()
    other_trust.region = south_west
    other_trust.save()
    OrganisationFactory(
        ods_code="RV3",
        name="CENTRAL AND NORTH WEST LONDON NHS FOUNDATION TRUST",
        kind=OrganisationKind.MENTAL_HEALTH_TRUST,
        region=london,
    )
    OrganisationFactory(
        ods_code="07L",
        name="NHS BARKING AND DAGENHAM CCG",
        kind=OrganisationKind.CCG,
        is_foundation_trust=False,
        region=london,
    )
    OrganisationFactory(
        ods_code="RFW",
        name="WEST MIDDLESEX UNIVERSITY HOSPITAL NHS TRUST",
        is_foundation_trust=False,
        region=london,
        closed_on=datetime.date(2015, 8, 31),
    )


def names_listed(response) -> list[str]:
    return [organisation.ods_code for organisation in response.context["organisations"]]


def test_signing_in_is_needed_to_see_organisations(client, organisations):
    for url in (LIST_URL, reverse("orgs:detail", args=["RJ1"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "persona", ["hr_director", "chair", "talent_team", "pledge_lead", "administrator"]
)
def test_every_signed_in_role_sees_every_organisation(request, client_for, organisations, persona):
    response = client_for(request.getfixturevalue(persona)).get(LIST_URL, {"status": "all"})
    assert response.status_code == 200
    assert sorted(names_listed(response)) == sorted(["07L", "NHSI", "RFW", "RH8", "RJ1", "RV3"])


def test_the_list_opens_on_todays_organisations_and_keeps_the_closed_as_history(
    client_for, hr_director, organisations
):
    client = client_for(hr_director)
    response = client.get(LIST_URL)
    assert "RFW" not in names_listed(response)
    assert len(names_listed(response)) == 5
    assert "Clear filters" not in response.content.decode()
    assert names_listed(client.get(LIST_URL, {"status": "closed"})) == ["RFW"]
    assert "Clear filters" in client.get(LIST_URL, {"status": "all"}).content.decode()


def test_the_list_is_sorted_by_name_and_shows_names_as_people_write_them(
    client_for, hr_director, organisations
):
    response = client_for(hr_director).get(LIST_URL, {"status": "all"})
    html = response.content.decode()
    assert names_listed(response) == ["RV3", "RJ1", "07L", "NHSI", "RH8", "RFW"]
    assert "Guy&#x27;s and St Thomas&#x27; NHS Foundation Trust" in html
    assert 'aria-sort="ascending"' in html
    assert 'class="nhsuk-table__caption nhsuk-table__caption--m">' in html


def test_organisations_can_be_searched_by_name(client_for, hr_director, organisations):
    response = client_for(hr_director).get(LIST_URL, {"q": "guy's thomas"})
    assert names_listed(response) == ["RJ1"]
    response = client_for(hr_director).get(LIST_URL, {"q": "london"})
    assert names_listed(response) == ["RV3"]


def test_organisations_can_be_found_by_ods_code_in_any_case(client_for, hr_director, organisations):
    response = client_for(hr_director).get(LIST_URL, {"q": "rh8"})
    assert names_listed(response) == ["RH8"]


def test_organisations_can_be_filtered_by_region_and_kind(client_for, hr_director, organisations):
    client = client_for(hr_director)
    assert names_listed(client.get(LIST_URL, {"region": "Y58"})) == ["RH8"]
    assert names_listed(client.get(LIST_URL, {"kind": "ccg"})) == ["07L"]
    both = client.get(LIST_URL, {"region": "Y56", "kind": "acute_trust", "status": "all"})
    assert names_listed(both) == ["RJ1", "RFW"]


def test_open_and_closed_organisations_are_told_apart(client_for, hr_director, organisations):
    client = client_for(hr_director)
    assert names_listed(client.get(LIST_URL, {"status": "closed"})) == ["RFW"]
    assert "RFW" not in names_listed(client.get(LIST_URL, {"status": "open"}))
    html = client.get(LIST_URL, {"status": "all"}).content.decode()
    assert html.count('<strong class="nhsuk-tag nhsuk-tag--grey">Closed</strong>') == 1


def test_an_unknown_filter_value_is_reported_not_a_crash(client_for, hr_director, organisations):
    response = client_for(hr_director).get(LIST_URL, {"region": "Y99", "sort": "nonsense"})
    assert response.status_code == 200
    assert "nhsuk-error-message" in response.content.decode()
    assert len(names_listed(response)) == 5  # the bad filter is left out; open ones only


@pytest.mark.parametrize(
    ("sort", "expected", "aria"),
    [
        ("code", ["07L", "NHSI", "RFW", "RH8", "RJ1", "RV3"], "ascending"),
        ("-code", ["RV3", "RJ1", "RH8", "RFW", "NHSI", "07L"], "descending"),
        ("region", ["RV3", "RJ1", "07L", "RFW", "RH8", "NHSI"], "ascending"),
        ("-kind", ["NHSI", "RV3", "07L", "RJ1", "RH8", "RFW"], "descending"),
    ],
)
def test_columns_can_be_sorted_and_the_sorted_column_says_so(
    client_for, hr_director, organisations, sort, expected, aria
):
    response = client_for(hr_director).get(LIST_URL, {"sort": sort, "status": "all"})
    assert names_listed(response) == expected
    html = response.content.decode()
    assert len(re.findall(r"aria-sort=", html)) == 1
    assert f'aria-sort="{aria}"' in html


def test_long_lists_are_paged_keeping_the_filters(client_for, hr_director, london):
    for number in range(60):
        OrganisationFactory(ods_code=f"X{number:02d}", name=f"TRUST {number:02d}", region=london)
    client = client_for(hr_director)

    first = client.get(LIST_URL, {"region": "Y56"})
    assert len(names_listed(first)) == 50
    html = first.content.decode()
    assert 'class="nhsuk-pagination nhsuk-pagination--numbered"' in html
    assert 'href="?region=Y56&amp;page=2"' in html
    assert 'aria-current="page"' in html

    second = client.get(LIST_URL, {"region": "Y56", "page": 2})
    assert len(names_listed(second)) == 10
    assert "Showing 51 to 60 of 60 organisations" in second.content.decode()


def test_the_selector_filters_like_the_page(hr_director, organisations):
    assert list(
        organisation_list(
            user=hr_director, filters={"kind": "acute_trust", "sort": "-name", "status": "all"}
        ).values_list("ods_code", flat=True)
    ) == ["RFW", "RH8", "RJ1"]


def test_the_detail_page_shows_an_organisation(client_for, hr_director, organisations):
    response = client_for(hr_director).get(reverse("orgs:detail", args=["RJ1"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Guy&#x27;s and St Thomas&#x27; NHS Foundation Trust" in html
    assert '<dl class="nhsuk-summary-list">' in html
    for text in ("RJ1", "Acute trust", "London (Y56)", "Yes", "Not closed"):
        assert text in html


def test_the_detail_page_of_a_closed_organisation_says_when_it_closed(
    client_for, hr_director, organisations
):
    html = client_for(hr_director).get(reverse("orgs:detail", args=["rfw"])).content.decode()
    assert "This organisation closed on 31 August 2015." in html


def test_an_unknown_ods_code_is_not_found(client_for, hr_director, organisations):
    response = client_for(hr_director).get(reverse("orgs:detail", args=["ZZZ"]))
    assert response.status_code == 404


def test_a_trust_page_links_its_icb_and_the_icb_page_lists_its_trusts(
    client_for, hr_director, organisations, london
):
    icb = OrganisationFactory(
        ods_code="QKK",
        name="NHS SOUTH EAST LONDON INTEGRATED CARE BOARD",
        kind=OrganisationKind.ICB,
        region=london,
    )
    Organisation.objects.filter(ods_code="RJ1").update(icb=icb, higher_health_geography="QKK")
    client = client_for(hr_director)
    html = client.get(reverse("orgs:detail", args=["RJ1"])).content.decode()
    assert "Integrated care board" in html
    assert 'href="/organisations/QKK/">NHS South East London Integrated Care Board</a>' in html
    icb_html = client.get(reverse("orgs:detail", args=["QKK"])).content.decode()
    assert "Trusts in this integrated care board" in icb_html
    assert "Guy&#x27;s and St Thomas&#x27; NHS Foundation Trust</a> (RJ1)" in icb_html


def test_a_trust_whose_icb_code_is_not_known_says_so_with_the_code(
    client_for, hr_director, organisations
):
    Organisation.objects.filter(ods_code="RV3").update(higher_health_geography="Z9B2Z")
    html = client_for(hr_director).get(reverse("orgs:detail", args=["RV3"])).content.decode()
    assert "ICB not yet known (Z9B2Z)" in html


def test_a_closed_organisation_says_what_it_became_and_the_successor_lists_it(
    client_for, hr_director, organisations, national_body
):
    england = OrganisationFactory(
        ods_code="X24", name="NHS ENGLAND", kind=OrganisationKind.NATIONAL_BODY
    )
    national_body.closed_on = datetime.date(2022, 6, 30)
    national_body.successor = england
    national_body.save()
    client = client_for(hr_director)
    html = client.get(reverse("orgs:detail", args=[national_body.ods_code])).content.decode()
    assert "This organisation closed on 30 June 2022. It became part of" in html
    assert 'href="/organisations/X24/">NHS England</a>' in html
    successor_html = client.get(reverse("orgs:detail", args=["X24"])).content.decode()
    assert "Organisations that became part of it" in successor_html
    assert f"({national_body.ods_code}), closed 30 June 2022" in successor_html
