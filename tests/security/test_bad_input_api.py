"""Bad input to the API is a 400 with a reason, never a server error (docs/adr/0014-bad-input.md):
bodies nested thousands deep, dates of many digits, control characters, text over its limit.
Every write operation in the schema is tried, as each role that might be allowed to do it."""

import re

import pytest
from django.test import Client

from core.parsers import json_depth_exceeds
from succession import services
from succession.models import PostRole, Readiness
from tests.api.conftest import JsonClient
from tests.api_fuzz.conftest import world  # noqa: F401 - the fuzzers' world, a fixture
from tests.succession.factories import make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("post", "put", "patch", "delete")
DEEP = 5_000
FIFTY_DIGITS = "9" * 50


def _schema(user):
    client = Client()
    client.force_login(user)
    return client.get("/api/schema/", {"format": "json"}).json()


def _resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _request_properties(schema, operation) -> dict:
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if not body:
        return {}
    return _resolve(schema, body["schema"]).get("properties", {})


def _write_operations(schema):
    for path, item in schema["paths"].items():
        for method in WRITE_METHODS:
            if method in item:
                yield method, path, item[method]


def _ids_for(client, path) -> dict[str, object]:
    """Values for the path's parameters: an object of that resource the client may see."""
    names = re.findall(r"{(\w+)}", path)
    if not names:
        return {}
    resource = "/api/posts/" if names == ["post_id"] else path.split("{", 1)[0]
    results = client.get(resource).json().get("results", [])
    if not results:
        return None
    return {name: results[0]["id"] for name in names}


def _send(client, method, url, body: bytes):
    return getattr(client.client, method)(url, body, content_type="application/json")


@pytest.fixture
def writers(world, hr_director, chair, talent_team, pledge_lead):  # noqa: F811
    return [JsonClient(user) for user in (hr_director, chair, talent_team, pledge_lead)]


def _try_everyone(writers, method, path, body: bytes):
    """The answers to sending `body` to the operation, as every role that can reach it."""
    answers = []
    for client in writers:
        ids = _ids_for(client, path)
        if ids is None:
            continue
        response = _send(client, method, path.format(**ids), body)
        assert response.status_code < 500, (method, path, response.content[:300])
        answers.append(response)
    return answers


def test_the_schema_has_write_operations_to_try(talent_team):
    assert len(list(_write_operations(_schema(talent_team)))) >= 20


def test_a_body_nested_five_thousand_deep_is_refused_by_every_write_operation(writers, talent_team):
    """json.loads recursed into it and raised RecursionError: a server error on every write."""
    deep_list = b"[" * DEEP + b"]" * DEEP
    deep_value = b'{"notes": ' + b'{"a": ' * DEEP + b"1" + b"}" * DEEP + b"}"
    for method, path, _operation in _write_operations(_schema(talent_team)):
        for body in (deep_list, deep_value):
            answers = _try_everyone(writers, method, path, body)
            refused = [
                r
                for r in answers
                if r.status_code == 400 and "nested too deeply" in r.json()["detail"]
            ]
            assert refused, (method, path, [(r.status_code, r.content[:200]) for r in answers])
            assert "at most 64 levels" in refused[0].json()["detail"]


def test_a_body_nested_to_the_limit_is_read_as_usual():
    limit = 64
    assert not json_depth_exceeds(b"[" * limit + b"]" * limit, limit)
    assert json_depth_exceeds(b"[" * (limit + 1) + b"]" * (limit + 1), limit)
    # Brackets inside strings are text, not nesting.
    assert not json_depth_exceeds(b'{"notes": "' + b"[" * 1000 + b'\\"{"}', limit)


def test_a_body_larger_than_a_form_may_send_is_refused_unread(hr_director):
    body = b'{"title": "' + b"x" * 2_700_000 + b'"}'

    response = _send(JsonClient(hr_director), "post", "/api/posts/", body)

    assert response.status_code == 400
    assert response.json() == {"detail": "The body is too large: it must be 2.5 MB or smaller."}


def test_a_body_with_no_length_given_is_still_read_no_further_than_the_limit(settings):
    import io

    from rest_framework.exceptions import ParseError

    from core.parsers import JSONParser

    stream = io.BytesIO(b'{"title": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10))
    with pytest.raises(ParseError, match="The body is too large"):
        JSONParser().parse(stream)
    assert stream.tell() == settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1


def test_a_date_part_of_fifty_digits_is_a_400_naming_the_date_on_every_write_with_a_date(
    writers, talent_team
):
    schema = _schema(talent_team)
    tried = 0
    for method, path, operation in _write_operations(schema):
        dates = [
            name
            for name, prop in _request_properties(schema, operation).items()
            if prop.get("format") == "date" and not prop.get("readOnly")
        ]
        for name in dates:
            for value in (
                f"{FIFTY_DIGITS}-01-01",
                f"2026-{FIFTY_DIGITS}-01",
                f"2026-01-{FIFTY_DIGITS}",
            ):
                body = f'{{"{name}": "{value}"}}'.encode()
                answers = _try_everyone(writers, method, path, body)
                assert any(r.status_code == 400 and name in r.json() for r in answers), (
                    method,
                    path,
                    name,
                    [(r.status_code, r.content[:200]) for r in answers],
                )
                tried += 1
    assert tried >= 12


def test_control_characters_in_text_are_a_400_naming_the_field_on_every_write_with_text(
    writers, talent_team
):
    schema = _schema(talent_team)
    tried = 0
    for method, path, operation in _write_operations(schema):
        texts = [
            name
            for name, prop in _request_properties(schema, operation).items()
            if prop.get("type") == "string"
            and not prop.get("format")
            and not prop.get("enum")
            and not prop.get("readOnly")
            and "$ref" not in prop
        ]
        for name in texts:
            body = f'{{"{name}": "Ready\\u0000now\\u0001"}}'.encode()
            answers = _try_everyone(writers, method, path, body)
            refused = [r for r in answers if r.status_code == 400 and name in r.json()]
            assert refused, (
                method,
                path,
                name,
                [(r.status_code, r.content[:200]) for r in answers],
            )
            messages = [m for r in refused for m in r.json()[name]]
            # A field naming another record by its code (organisation: RJ1) is looked up, and
            # nothing is found (SQLite), or the driver refuses the NUL and DRF says the value is
            # invalid (PostgreSQL); no text is stored either way.
            assert any(
                "must not contain control characters" in m
                or "does not exist" in m
                or m == "Invalid value."
                for m in messages
            ), (
                method,
                path,
                name,
                messages,
            )
            tried += 1
    assert tried >= 10


def test_notes_over_two_thousand_characters_are_a_400_with_the_limit(hr_director, trust):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    nomination = services.nomination_add(
        plan=post.plan,
        person=PersonFactory(organisation=post.organisation),
        readiness=Readiness.READY_NOW,
        by=hr_director,
    )
    response = JsonClient(hr_director).patch(
        f"/api/nominations/{nomination.pk}/",
        {"notes": "x" * 2001, "plan_version": post.plan.version},
    )

    assert response.status_code == 400
    assert response.json()["notes"] == ["Notes must be 2,000 characters or fewer"]
    multi_line = JsonClient(hr_director).patch(
        f"/api/nominations/{nomination.pk}/",
        {"notes": "Line one\n\tLine two", "plan_version": post.plan.version},
    )
    assert multi_line.status_code == 200, multi_line.content


def test_a_version_of_fifty_digits_is_never_a_server_error_on_any_change(writers, talent_team):
    """A PATCH needs only the version and one change, so a version too large for any database
    column reaches the compare-and-swap: it must be refused, or found out of date (409)."""
    schema = _schema(talent_team)
    tried = 0
    for method, path, operation in _write_operations(schema):
        if method != "patch":
            continue
        properties = _request_properties(schema, operation)
        change = next(
            name
            for name, prop in properties.items()
            if prop.get("type") == "string" and not prop.get("format") and not prop.get("enum")
        )
        for name, prop in properties.items():
            if prop.get("type") == "integer" and "version" in name:
                for value in (10**50, 2**63, 2**31):
                    body = f'{{"{name}": {value}, "{change}": "Changed"}}'.encode()
                    answers = _try_everyone(writers, method, path, body)
                    assert any(r.status_code in (400, 409) for r in answers), (
                        method,
                        path,
                        [(r.status_code, r.content[:200]) for r in answers],
                    )
                tried += 1
    assert tried >= 3
