"""Schemathesis against the OpenAPI schema at /api/schema/, as every role and as no one: the API
never answers with a server error, and every answer's status code and body are ones the schema
documents for the operation; the answers to schema-valid requests are checked a second time by
openapi-core, strictly (tests/api/schema_validation.py).

Each role reads its own copy of the schema (the same for every role: tests/api/test_contract.py),
then every operation in it is fuzzed: schema-valid and schema-breaking requests, with path
parameters drawn from the objects that exist as well as made up. The run is bounded (MAX_EXAMPLES per operation and
mode) and derandomized, so it finds the same things each time.

Schemathesis's own pytest plugin is not used for the loop: its lazy (fixture-loaded) schemas do
not work with pytest 9.2, and the schema here can only be read at run time, from a session."""

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from orgs.models import Organisation
from pledges.models import InconsistencyReport, Pledge, ProgressUpdate
from succession.models import Incumbency, Nomination, Post
from talent.models import CalibrationSession, Person
from tests.api.schema_validation import fuzzed_answer_errors

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Bounded: about 5 minutes for the seven runs on a 2-core machine. derandomize=True makes each run
# generate the same cases, so a failure is repeatable and a pass means the same every time.
MAX_EXAMPLES = 10
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]

# The objects that exist, for each resource's path parameter: most fuzzed ids find nothing, so
# half the cases use a real one and reach the code behind the 404.
REAL_IDS = {
    "/api/organisations/": lambda: list(Organisation.objects.values_list("ods_code", flat=True)),
    "/api/posts/": lambda: list(Post.objects.values_list("pk", flat=True)),
    "/api/plans/": lambda: list(Post.objects.values_list("pk", flat=True)),
    "/api/incumbencies/": lambda: list(Incumbency.objects.values_list("pk", flat=True)),
    "/api/nominations/": lambda: list(Nomination.objects.values_list("pk", flat=True)),
    "/api/people/": lambda: list(Person.objects.values_list("pk", flat=True)),
    "/api/talent-pool/": lambda: list(Person.objects.values_list("pk", flat=True)),
    "/api/calibration-sessions/": lambda: list(
        CalibrationSession.objects.values_list("pk", flat=True)
    ),
    "/api/pledges/": lambda: list(Pledge.objects.values_list("pk", flat=True)),
    "/api/pledge-updates/": lambda: list(ProgressUpdate.objects.values_list("pk", flat=True)),
    "/api/pledge-reports/": lambda: list(InconsistencyReport.objects.values_list("pk", flat=True)),
}


def case_strategy(operation, mode: GenerationMode):
    """Cases for one operation: with a real object's id in the path half the time."""
    made_up = operation.as_strategy(generation_mode=mode)
    names = [p.name for p in operation.path_parameters]
    if not names:
        return made_up
    prefix = "/".join(operation.path.split("/")[:3]) + "/"
    real = REAL_IDS[prefix]()
    assert real, f"the world has nothing for {prefix}"
    with_real_id = st.sampled_from(real).flatmap(
        lambda value: operation.as_strategy(generation_mode=mode, path_parameters={names[0]: value})
    )
    return st.one_of(with_real_id, made_up)


def fuzz(operation, mode: GenerationMode, acting, app) -> None:
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=case_strategy(operation, mode))
    def run(case):
        # Uncompressed answers: schemathesis's WSGI client does not undo gzip (ADR 0022), and
        # compression is tested in tests/core/test_compression.py.
        headers = {**acting.headers, "Accept-Encoding": "identity"}
        response = case.call(app=app, cookies=acting.cookies, headers=headers)
        case.validate_response(response, checks=CHECKS)
        if mode == GenerationMode.POSITIVE:
            # A second, strict validator (openapi-core) on the answers to requests that fit the
            # schema. Negative-mode requests are left to schemathesis's checks above: a request
            # the schema does not allow may get an answer the schema does not describe either
            # (a 200 to a query string with an extra parameter, say), and that is no breach.
            errors = fuzzed_answer_errors(response)
            assert not errors, f"{case.method} {case.formatted_path}: " + "\n".join(errors)

    run()


def test_every_operation_answers_each_role_as_the_schema_says(api_schema, acting, wsgi_app):
    """No 5xx, and every status code and body is one the schema documents for the operation."""
    failures = []
    operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                fuzz(operation, mode, acting, wsgi_app)
            except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - report them all
                failures.append(f"{operation.method.upper()} {operation.path} ({mode}): {error}")

    assert operations >= 40, "the schema lost its operations"
    assert not failures, f"{len(failures)} failing operations as {acting.role}:\n\n" + "\n\n".join(
        failures
    )
