"""A client generated from our schema by a tool nobody here wrote (openapi-python-client) imports
and works against the service over HTTP (its WSGI application): it lists organisations, posts,
plans and the talent pool, makes one write as each role that may, and reads a refusal as a
refusal. It signs in as a browser does: the session cookie, and the CSRF cookie with its value in
the X-CSRFToken header that the schema's csrfHeader scheme names. The generator runs offline,
with no formatter after it."""

import datetime as dt
import importlib
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from accounts.models import Role
from succession.models import Post, SuccessionPlan
from tests.accounts.factories import user_with_role
from tests.api_fuzz.conftest import world, wsgi_app  # noqa: F401 - the fuzzers' fixtures

from .schema_validation import api_schema

# The generated client speaks HTTP to the service's real WSGI application (as the fuzzers do), in
# the test's own transaction: no server thread, so no flush that would take the migrations' own
# data (the framework's conditions, the risk method, the schedules) from the tests after it.
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("world")]
BASE_URL = "http://testserver"

PACKAGE = "talent_api_client"
CONFIG = (
    f"package_name_override: {PACKAGE}\nproject_name_override: talent-api-client\npost_hooks: []\n"
)
GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture(scope="module")
def generated(tmp_path_factory, django_db_blocker):
    """The generated package, imported: (its api modules' parent, its models, its client)."""
    root = tmp_path_factory.mktemp("generated")
    with django_db_blocker.unblock():
        (root / "schema.json").write_text(json.dumps(api_schema()))
    (root / "config.yaml").write_text(CONFIG)
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(root / "schema.json"),
            "--output-path",
            str(root / PACKAGE),
            "--meta",
            "none",
            "--config",
            str(root / "config.yaml"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


@pytest.fixture
def service(wsgi_app):  # noqa: F811 - the fuzzers' fixture: the WSGI app, in the test's transaction
    return wsgi_app


def signed_in(package, app, user):
    """The generated AuthenticatedClient for `user`: session cookie, CSRF cookie and header,
    its requests answered by the service's WSGI application."""
    browser = Client()
    browser.force_login(user)
    csrf = _get_new_csrf_string()
    cookies = {"sessionid": browser.cookies["sessionid"].value, "csrftoken": csrf}
    client = package.AuthenticatedClient(
        base_url=BASE_URL,
        token=csrf,
        prefix="",
        auth_header_name="X-CSRFToken",
        cookies=cookies,
        raise_on_unexpected_status=True,
    )
    client.set_httpx_client(
        httpx.Client(
            base_url=BASE_URL,
            transport=httpx.WSGITransport(app=app),
            cookies=cookies,
            headers={"X-CSRFToken": csrf},
        )
    )
    return client


def api(package, module: str):
    return importlib.import_module(f"{package.__name__}.api.{module}")


def model(package, name: str):
    return getattr(importlib.import_module(f"{package.__name__}.models"), name)


def test_the_generated_client_lists_organisations_posts_plans_and_the_pool_for_each_role(
    generated, service, hr_director, chair, talent_team
):
    for user in (hr_director, chair, talent_team):
        client = signed_in(generated, service, user)

        organisations = api(generated, "organisations.organisations_list").sync(client=client)
        posts = api(generated, "posts.posts_list").sync(client=client)
        plans = api(generated, "plans.plans_list").sync(client=client)
        pool = api(generated, "talent_pool.talent_pool_list").sync(client=client)

        assert {o.ods_code for o in organisations.results} >= {"RJ1", "RH8", "NHSI"}
        assert posts.count >= 2 and all(p.title for p in posts.results)
        assert plans.count == posts.count
        assert pool.count >= 1 and all(member.name for member in pool.results)

    incumbencies = api(generated, "incumbencies.incumbencies_list").sync(
        client=signed_in(generated, service, talent_team)
    )
    # An unset departure reason reads as nothing, not as a value outside the enum.
    assert all(i.departure_reason is None or i.departure_reason.value for i in incumbencies.results)


def test_each_role_that_may_write_does_so_through_the_generated_client(
    generated, service, hr_director, chair, talent_team, pledge_lead
):
    today = dt.date.today()
    hr = signed_in(generated, service, hr_director)
    created = api(generated, "posts.posts_create").sync_detailed(
        client=hr,
        body=model(generated, "PostCreate").from_dict(
            {"organisation": "RJ1", "role": "chief_nurse", "title": "Chief nurse"}
        ),
    )
    assert created.status_code == 201
    assert created.parsed.title == "Chief nurse"

    chief = Post.objects.get(organisation__ods_code="RJ1", title="Chief executive")
    plan = SuccessionPlan.objects.get(post=chief)
    signed = api(generated, "plans.plans_sign_off_create").sync_detailed(
        chief.pk,
        client=signed_in(generated, service, chair),
        body=model(generated, "PlanSignOff").from_dict(
            {"comment": "Seen at the board.", "version": plan.version}
        ),
    )
    assert signed.status_code in (200, 201)
    assert signed.parsed.comment == "Seen at the board."

    pledged = api(generated, "pledges.pledges_create").sync_detailed(
        client=signed_in(generated, service, talent_team),
        body=model(generated, "PledgeCreate").from_dict(
            {
                "body": "NHSI",
                "condition": 5,
                "title": "Time and space to improve",
                "commitment": "We will never ask for an improvement plan in under four weeks.",
                "accountable_owner": "Director of Improvement",
                "start_on": str(today - dt.timedelta(days=30)),
                "target_on": str(today + dt.timedelta(days=300)),
                "success_measure": "No request for a plan in under four weeks.",
            }
        ),
    )
    assert pledged.status_code == 201

    recorded = api(generated, "pledge_updates.pledge_updates_create").sync_detailed(
        client=signed_in(generated, service, pledge_lead),
        body=model(generated, "ProgressUpdateCreate").from_dict(
            {
                "pledge": pledged.parsed.id,
                "period_start": str(today - dt.timedelta(days=28)),
                "period_end": str(today - dt.timedelta(days=1)),
                "rag": "green",
                "narrative": "The first four weeks went as planned.",
            }
        ),
    )
    assert recorded.status_code == 201


def test_a_refusal_reaches_the_generated_client_as_a_403_it_can_read(
    generated, service, chair, national_body
):
    administrator = user_with_role(Role.ADMINISTRATOR, national_body, username="adam")
    for user in (chair, administrator):
        refused = api(generated, "posts.posts_create").sync_detailed(
            client=signed_in(generated, service, user),
            body=model(generated, "PostCreate").from_dict(
                {"organisation": "RJ1", "role": "chief_nurse", "title": "Chief nurse"}
            ),
        )

        assert refused.status_code == 403
        assert refused.parsed.detail
    assert not Post.objects.filter(title="Chief nurse").exists()
