"""Every API answer a test gets is checked against the OpenAPI schema the service publishes, by a
validator nobody here wrote (openapi-core): status code, content type and body, with nullable,
enum, format and additionalProperties as the schema says. JsonClient (tests/api/conftest.py) calls
`assert_answer_fits_schema` on every response, so each API test is also a contract test."""

from __future__ import annotations

import json
from functools import cache
from urllib.parse import parse_qsl, urlsplit

from django.core.exceptions import RequestDataTooBig
from django.http.request import RawPostDataException
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from openapi_core import OpenAPI
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from openapi_core.testing import MockRequest, MockResponse

# Answers to addresses or methods the schema does not have: nothing in it to check them against.
UNROUTED = {404, 405}
# The list of resources' addresses, a convenience for people that the schema leaves out.
API_ROOT = "/api/"


@cache
def api_schema() -> dict:
    """The schema as /api/schema/ serves it (one schema, whoever asks: ADR 0020), as JSON."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


@cache
def api_contract() -> OpenAPI:
    return OpenAPI.from_dict(api_schema())


def _messages(errors) -> list[str]:
    messages = []
    for error in errors:
        messages.append(str(error))
        for cause in getattr(error, "schema_errors", ()) or ():
            messages.append(f"  {cause.message} at {list(cause.absolute_path)}")
        if error.__cause__ is not None:
            messages.append(f"  {error.__cause__}")
            for cause in getattr(error.__cause__, "schema_errors", ()) or ():
                messages.append(f"    {cause.message} at {list(cause.absolute_path)}")
    return messages


def _errors(request, response, *, status_code: int, path: str) -> list[str]:
    try:
        errors = list(api_contract().iter_response_errors(request, response))
    except (PathNotFound, OperationNotFound) as error:
        errors = [error]
    if (status_code in UNROUTED or path == API_ROOT) and all(
        isinstance(error, PathNotFound | OperationNotFound) for error in errors
    ):
        return []
    return _messages(errors)


def schema_errors(response) -> list[str]:
    """What is wrong with a Django test client's answer to an /api/ request, by the schema."""
    from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

    try:
        response.wsgi_request.body  # noqa: B018 - read once here, or know it cannot be
    except (RequestDataTooBig, RawPostDataException):
        response.wsgi_request._body = b""  # the answer is checked, not the request
    return _errors(
        DjangoOpenAPIRequest(response.wsgi_request),
        DjangoOpenAPIResponse(response),
        status_code=response.status_code,
        path=response.wsgi_request.path,
    )


def fuzzed_answer_errors(response) -> list[str]:
    """The same for an answer schemathesis got (tests/api_fuzz): a second, independent
    validator beside schemathesis's own conformance check."""
    url = urlsplit(response.request.url)
    headers = {name.lower(): values for name, values in response.headers.items()}
    content_type = (headers.get("content-type") or ["application/json"])[0]
    request = MockRequest(
        f"{url.scheme}://{url.netloc}",
        response.request.method.lower(),
        url.path,
        args=dict(parse_qsl(url.query)),
    )
    answer = MockResponse(
        response.content,
        status_code=response.status_code,
        headers={name: values[0] for name, values in headers.items()},
        content_type=content_type,
    )
    return _errors(request, answer, status_code=response.status_code, path=url.path)


def assert_answer_fits_schema(response) -> None:
    request = response.wsgi_request
    if not request.path.startswith("/api/") or request.path.startswith("/api/docs/"):
        return
    if request.path.startswith("/api/schema/"):
        return
    errors = schema_errors(response)
    assert not errors, (
        f"{request.method} {request.get_full_path()} answered {response.status_code}, which "
        f"the schema does not allow:\n" + "\n".join(errors) + f"\n{response.content[:1000]!r}"
    )
