"""What the schemathesis run found, kept as ordinary tests (they run in the default suite)."""

import pytest
from django.test import Client

from tests.api.conftest import JsonClient

pytestmark = pytest.mark.django_db

ID_FILTERS = [
    ("/api/incumbencies/", "post"),
    ("/api/incumbencies/", "person"),
    ("/api/nominations/", "plan"),
    ("/api/nominations/", "post"),
    ("/api/nominations/", "person"),
    ("/api/pledge-updates/", "pledge"),
    ("/api/pledge-reports/", "pledge"),
]


@pytest.mark.parametrize(("url", "name"), ID_FILTERS)
@pytest.mark.parametrize("value", ["9.438212177380498e+42", "12.5", "-3", "0", str(2**63)])
def test_an_id_filter_that_is_no_ones_id_is_a_400_not_a_server_error(talent_team, url, name, value):
    """A number too large for the database used to reach it and fail with a 500."""
    response = JsonClient(talent_team).get(url, {name: value})

    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize(("url", "name"), ID_FILTERS)
def test_an_id_filter_with_a_real_id_still_filters(talent_team, url, name):
    response = JsonClient(talent_team).get(url, {name: "1"})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_the_schema_says_id_filters_are_whole_numbers_and_documents_the_errors(talent_team):
    """Schema-driven clients (and schemathesis) learn the 400, 403 and 404 answers from it."""
    client = Client()
    client.force_login(talent_team)
    schema = client.get("/api/schema/", {"format": "json"}).json()

    nominations = schema["paths"]["/api/nominations/"]["get"]
    post_filter = next(p for p in nominations["parameters"] if p["name"] == "post")
    assert post_filter["schema"]["type"] == "integer"
    assert post_filter["schema"]["minimum"] == 1
    assert {"200", "400", "403", "404"} <= set(nominations["responses"])
    detail = schema["paths"]["/api/posts/{id}/"]["get"]["responses"]
    assert {"200", "403", "404"} <= set(detail)
    assert "400" not in detail
    assert "ErrorDetail" in schema["components"]["schemas"]
