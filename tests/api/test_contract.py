"""The API keeps its word (ADR 0020): one OpenAPI 3.1 schema true for every role, JSON bodies
only, every error it can answer documented, and real answers with empty and null values that fit
it. JsonClient checks every answer against the schema (tests/api/schema_validation.py); these
tests make sure the answers with blanks are among them."""

import datetime as dt
import json

import pytest
import requests
from django.contrib.auth.models import Permission
from django.test import Client
from openapi_spec_validator import validate
from schemathesis.core.transport import Response

from accounts.models import Role
from succession import services as succession_services
from succession.models import IncumbencyKind
from talent.models import PostRole, Readiness
from talent.services import pool as pool_services
from tests.accounts.factories import user_with_role
from tests.api.conftest import JsonClient, ids
from tests.clock import TODAY
from tests.succession.factories import make_post
from tests.talent.factories import PersonFactory, pool_member

from .schema_validation import api_schema, fuzzed_answer_errors

pytestmark = pytest.mark.django_db

WRITES = {"post", "put", "patch", "delete"}


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def served_schema(user) -> dict:
    client = Client()
    client.force_login(user)
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3_1():
    schema = api_schema()

    assert schema["openapi"] == "3.1.0"
    validate(schema)  # raises on the first error


def test_every_role_is_served_the_same_schema(
    hr_director, chair, talent_team, pledge_lead, administrator, national_body
):
    analyst = user_with_role(Role.NATIONAL_TALENT_TEAM, national_body, username="esther")
    analyst.user_permissions.add(
        Permission.objects.get(content_type__app_label="talent", codename="view_equality_data")
    )
    schemas = [
        served_schema(user)
        for user in (hr_director, chair, talent_team, pledge_lead, administrator, analyst)
    ]

    assert all(schema == api_schema() for schema in schemas)


def test_no_nullable_is_left_for_openapi_3_0_only():
    assert '"nullable"' not in json.dumps(api_schema())


def test_request_bodies_are_json_only():
    bodies = [
        set(operation["requestBody"]["content"])
        for _path, _method, operation in operations(api_schema())
        if "requestBody" in operation
    ]

    assert bodies, "the schema lost its writes"
    assert all(media == {"application/json"} for media in bodies)


def test_every_operation_documents_the_errors_it_can_answer():
    for path, method, operation in operations(api_schema()):
        documented = set(operation["responses"])
        assert {"403", "406"} <= documented, (method, path)
        if "requestBody" in operation:
            assert {"400", "415"} <= documented, (method, path)
        if "{" in path:
            assert "404" in documented, (method, path)


def test_answers_list_every_field_they_may_hold_and_request_bodies_stay_open():
    schemas = api_schema()["components"]["schemas"]

    assert schemas["Post"]["additionalProperties"] is False
    assert schemas["PaginatedPostList"]["additionalProperties"] is False
    assert "additionalProperties" not in schemas["PostCreate"]


def test_the_validation_error_is_one_object_a_generated_client_can_read():
    error = api_schema()["components"]["schemas"]["ValidationError"]

    assert error["type"] == "object"
    assert "oneOf" not in error


def test_writes_need_the_session_cookie_and_the_csrf_header_and_reads_the_cookie():
    schema = api_schema()
    schemes = schema["components"]["securitySchemes"]

    assert schemes["cookieAuth"] == {**schemes["cookieAuth"], "in": "cookie", "name": "sessionid"}
    assert schemes["csrfHeader"] == {
        **schemes["csrfHeader"],
        "type": "apiKey",
        "in": "header",
        "name": "X-CSRFToken",
    }
    for path, method, operation in operations(schema):
        expected = (
            [{"cookieAuth": [], "csrfHeader": []}] if method in WRITES else [{"cookieAuth": []}]
        )
        assert operation["security"] == expected, (method, path)


def test_the_pool_schema_says_which_fields_only_the_national_team_gets():
    member = api_schema()["components"]["schemas"]["PoolMember"]

    assert set(member["required"]) == {"id", "name", "current_posts", "readiness"}
    assert "National talent team only" in member["properties"]["aspirations"]["description"]


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/x-www-form-urlencoded", "title=Chief+nurse&role=chief_nurse"),
        ("multipart/form-data; boundary=BoUnDaRy", "--BoUnDaRy--\r\n"),
        ("text/plain", '{"title": "Chief nurse"}'),
    ],
)
def test_a_body_that_is_not_json_is_a_415_saying_json_is_required(hr_director, content_type, body):
    client = JsonClient(hr_director).client

    response = client.post("/api/posts/", body, content_type=content_type)

    assert response.status_code == 415
    assert "JSON is required" in response.json()["detail"]


def test_asking_for_anything_but_json_is_a_406_in_json(api, hr_director):
    response = api(hr_director).get("/api/posts/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_write_without_the_csrf_header_is_refused(hr_director, trust):
    client = Client(enforce_csrf_checks=True)
    client.force_login(hr_director)

    response = client.post(
        "/api/posts/",
        json.dumps({"organisation": "RJ1", "role": "chief_nurse", "title": "Chief nurse"}),
        content_type="application/json",
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_an_unknown_api_address_is_a_json_404_and_elsewhere_the_page(api, hr_director, client):
    response = api(hr_director).get("/api/no-such-thing/")
    page = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "/api/schema/" in response.json()["detail"]
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/posts/", {"top_200": "maybe"}),
        ("/api/posts/", {"abolished": "banana"}),
        ("/api/posts/", {"role": "no_such_role"}),
        ("/api/incumbencies/", {"current": "perhaps"}),
        ("/api/plans/", {"top_200": "2"}),
        ("/api/nominations/", {"status": "no_such_status"}),
        ("/api/pledge-reports/", {"open": "yes please"}),
        ("/api/talent-pool/", {"readiness": "someday"}),
        ("/api/talent-pool/", {"target_role": "no_such_role"}),
        ("/api/talent-pool/", {"exact_readiness": "sort of"}),
        ("/api/organisations/", {"kind": "no_such_kind"}),
    ],
)
def test_a_bad_filter_value_is_a_400_naming_the_filter(api, talent_team, url, params):
    response = api(talent_team).get(url, params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_true_and_false_filters_still_filter(api, talent_team, trust):
    top = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive", is_top_200=True)
    other = make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of finance")
    nadia = api(talent_team)

    assert ids(nadia.get("/api/posts/", {"top_200": "true"})) == [top.pk]
    assert ids(nadia.get("/api/posts/", {"top_200": "false"})) == [other.pk]
    assert set(ids(nadia.get("/api/posts/", {"top_200": ""}))) == {top.pk, other.pk}


@pytest.fixture
def blanks(trust, hr_director, talent_team):
    """Data with every optional field left empty: a holder with no departure reason or expected
    departure, a person with no work email, a pool member with no employer, nine-box placed by
    no one, development with no cohort or mentor, a plan never reviewed."""
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    holder = PersonFactory(organisation=trust, work_email="")
    incumbency = succession_services.incumbency_start(
        post=post, person=holder, kind=IncumbencyKind.SUBSTANTIVE, started_on=TODAY
    )
    loner = pool_member(first_name="Una", last_name="Attached", work_email="")
    loner.organisation = None  # someone from outside the service's organisations
    loner.save(update_fields=["organisation"])
    pool_services.nine_box_place(person=loner, performance=2, potential=3, reason="Appraisal")
    pool_services.development_add(
        person=loner,
        kind="coaching",
        title="Executive coaching",
        status="planned",
        starts_on=TODAY + dt.timedelta(days=7),
    )
    nomination = succession_services.nomination_add(
        plan=post.plan, person=loner, readiness=Readiness.READY_NOW, by=hr_director
    )
    return {
        "post": post,
        "holder": holder,
        "incumbency": incumbency,
        "loner": loner,
        "nomination": nomination,
    }


def test_answers_with_empty_values_fit_the_schema_with_null_for_nothing(
    api, talent_team, hr_director, blanks
):
    nadia = api(talent_team)
    incumbency = nadia.get(f"/api/incumbencies/{blanks['incumbency'].pk}/").json()
    holder = nadia.get(f"/api/people/{blanks['holder'].pk}/").json()
    member = nadia.get(f"/api/talent-pool/{blanks['loner'].pk}/").json()
    nomination = nadia.get(f"/api/nominations/{blanks['nomination'].pk}/").json()
    plan = nadia.get(f"/api/plans/{blanks['post'].pk}/").json()
    for url in (
        "/api/posts/",
        "/api/incumbencies/",
        "/api/people/",
        "/api/plans/",
        "/api/nominations/",
        "/api/talent-pool/",
    ):
        assert nadia.get(url).status_code == 200
        assert api(hr_director).get(url).status_code == 200

    assert incumbency["departure_reason"] is None
    assert incumbency["expected_departure_on"] is None and incumbency["ended_on"] is None
    assert holder["work_email"] is None
    assert member["organisation"] is None
    assert member["history"][0]["placed_by"] is None
    assert member["development"][0]["cohort"] is None
    assert nomination["consent_method"] is None
    assert plan["last_reviewed_on"] is None and plan["last_reviewed_by"] is None


def test_an_hr_director_gets_the_pool_summary_and_it_fits_the_one_schema(api, hr_director, blanks):
    member = api(hr_director).get(f"/api/talent-pool/{blanks['loner'].pk}/").json()

    assert set(member) == {"id", "name", "current_posts", "readiness"}


def fuzzed(status_code: int, body: dict, url: str = "http://testserver/api/posts/"):
    return Response(
        status_code=status_code,
        headers={"Content-Type": ["application/json"]},
        content=json.dumps(body).encode(),
        request=requests.Request("GET", url).prepare(),
        elapsed=0.0,
        verify=False,
    )


def test_the_fuzzers_second_validator_finds_an_answer_that_breaks_the_schema():
    fits = {"count": 0, "next": None, "previous": None, "results": []}
    breaks = {"count": "none", "next": "", "results": [{"id": "one"}]}

    assert fuzzed_answer_errors(fuzzed(200, fits)) == []
    assert fuzzed_answer_errors(fuzzed(200, breaks))
    assert fuzzed_answer_errors(fuzzed(418, fits))  # a status code the schema does not name
    assert fuzzed_answer_errors(fuzzed(200, {**fits, "forgotten": 1}))  # a field it does not
    assert (
        fuzzed_answer_errors(fuzzed(404, {"detail": "Not found."}, "http://testserver/api/x/"))
        == []
    )
