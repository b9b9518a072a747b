"""Fixtures for the API tests: a JSON client per persona, and a post in each trust.

alice (hr_director) and carol (chair) act for `trust` (RJ1), bob (other_hr_director) for
`other_trust`; nadia is the national talent team (see tests/conftest.py)."""

import json

import pytest
from django.test import Client

from talent.models import PostRole
from tests.succession.factories import make_post

from .schema_validation import assert_answer_fits_schema


class SchemaCheckedClient(Client):
    """Django's test client, checking every /api/ answer against the OpenAPI schema."""

    def request(self, **request):
        response = super().request(**request)
        assert_answer_fits_schema(response)
        return response


class JsonClient:
    """A signed-in test client that sends and reads JSON; every answer is checked against the
    schema (tests/api/schema_validation.py)."""

    def __init__(self, user=None):
        self.client = SchemaCheckedClient()
        if user is not None:
            self.client.force_login(user)

    def get(self, url, params=None, **extra):
        return self.client.get(url, params or {}, **extra)

    def post(self, url, data=None):
        return self.client.post(url, json.dumps(data or {}), content_type="application/json")

    def put(self, url, data):
        return self.client.put(url, json.dumps(data), content_type="application/json")

    def patch(self, url, data):
        return self.client.patch(url, json.dumps(data), content_type="application/json")

    def delete(self, url, data=None):
        if data is None:
            return self.client.delete(url)
        return self.client.delete(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def api():
    """api(user) is a JSON client signed in as `user`; api() is an anonymous one."""
    return JsonClient


@pytest.fixture
def post(trust):
    """Alice's trust's chief executive post."""
    return make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")


@pytest.fixture
def other_post(other_trust):
    """Bob's trust's chief executive post."""
    return make_post(other_trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")


def ids(response) -> list:
    """The ids of the results on a page of a list answer."""
    return [item["id"] for item in response.json()["results"]]
