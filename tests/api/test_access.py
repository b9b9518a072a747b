"""Signing in, the schema and the documentation page."""

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/organisations/",
    "/api/posts/",
    "/api/incumbencies/",
    "/api/people/",
    "/api/plans/",
    "/api/nominations/",
    "/api/schema/",
    "/api/",
]


@pytest.mark.parametrize("url", LISTS)
def test_an_anonymous_client_is_told_403_in_json_not_sent_to_sign_in(api, url):
    response = api().get(url)

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_an_anonymous_client_cannot_write_or_read_one_object(api, post):
    anonymous = api()

    assert anonymous.get(f"/api/posts/{post.pk}/").status_code == 403
    assert anonymous.get(f"/api/plans/{post.pk}/").status_code == 403
    response = anonymous.post("/api/posts/", {"organisation": "RJ1", "title": "Chair"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")


def test_the_schema_is_openapi_3_and_lists_the_posts(api, hr_director):
    response = api(hr_director).get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/posts/", "/api/posts/{id}/", "/api/plans/{post_id}/sign-off/"):
        assert path in schema["paths"]


def test_the_schema_generates_without_warnings_or_errors():
    """`manage.py spectacular --validate --fail-on-warn`, as CI would run it."""
    out, err = io.StringIO(), io.StringIO()

    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out, stderr=err)

    assert "openapi: 3" in out.getvalue()
    assert "Warning" not in err.getvalue()
    assert "Error" not in err.getvalue()


def test_the_documentation_page_shows_swagger_ui_for_a_signed_in_user(client_for, pledge_lead):
    response = client_for(pledge_lead).get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<main id="swagger-ui"' in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    # The Content-Security-Policy allows no inline script or style: every script has a src.
    assert re.findall(r"<script(?![^>]*\ssrc=)", html) == []
    assert "<style" not in html
    assert "style=" not in html


def test_the_documentation_start_up_script_is_a_file_of_its_own(client_for, pledge_lead):
    response = client_for(pledge_lead).get("/api/docs/", {"script": ""})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    script = response.content.decode()
    assert "SwaggerUIBundle" in script
    assert "/api/schema/" in script


def test_the_documentation_page_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/api/docs/")

    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_swagger_ui_comes_from_our_own_static_files():
    """Needs drf-spectacular-sidecar installed and "drf_spectacular_sidecar" in INSTALLED_APPS."""
    for name in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        assert finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{name}"), (
            f"{name} is not among the static files: install drf-spectacular-sidecar and add "
            '"drf_spectacular_sidecar" to INSTALLED_APPS'
        )


@pytest.mark.parametrize("url", ["/api/", "/api/posts/", "/api/organisations/RJ1/"])
def test_a_browser_gets_json_not_drfs_browsable_pages_which_break_the_csp(
    client_for, hr_director, trust, url
):
    response = client_for(hr_director).get(url, HTTP_ACCEPT="text/html,*/*;q=0.8")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_the_api_root_lists_every_resource(client_for, hr_director):
    response = client_for(hr_director).get("/api/")

    assert set(response.json()) == {
        "organisations",
        "posts",
        "incumbencies",
        "people",
        "plans",
        "nominations",
        "pledges",
        "pledge-updates",
        "pledge-reports",
        "talent-pool",
        "calibration-sessions",
    }
