"""Signing in, the schema and the documentation page."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.html import escape

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


def test_the_documentation_page_is_the_reference_drawn_from_the_schema(client_for, pledge_lead):
    schema = client_for(pledge_lead).get("/api/schema/", {"format": "json"}).json()

    response = client_for(pledge_lead).get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{schema['info']['title']}</h1>" in html
    assert escape(str(pledge_lead)) in html, "the header does not show who is signed in"
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                anchor = f'id="operation-{operation["operationId"]}"'
                assert anchor in html, f"{method.upper()} {path} is not on the page"
    for name in schema["components"]["schemas"]:
        assert f'id="schema-{name}"' in html, f"the schema {name} is not on the page"


def test_every_link_within_the_documentation_page_has_its_target(client_for, pledge_lead):
    html = client_for(pledge_lead).get("/api/docs/").content.decode()

    targets = set(re.findall(r'\sid="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))

    assert len(links) > 100
    assert links - targets == set()


def test_the_documentation_page_needs_no_script_and_no_inline_style(client_for, pledge_lead):
    html = client_for(pledge_lead).get("/api/docs/").content.decode()

    # Only the scripts every page loads (ours and the design system's), which it works without.
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    assert [source for source in sources if not source.startswith("/static/js/")] == []
    # The one inline script is every page's js-enabled marker, allowed by its CSP hash (ADR 0022).
    inline = re.findall(r"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    assert inline == [settings.JS_ENABLED_SCRIPT]
    assert "<style" not in html
    assert "style=" not in html
    assert "swagger" not in html.lower()


def test_the_documentation_page_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/api/docs/")

    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


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
