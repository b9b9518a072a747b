"""Nothing personal stays in a browser's cache, and the browser features the service never uses
are turned off.

On a shared ward or office computer, the back button or the browser's cache would show the next
person a board, a talent profile or an export. So every answer to a signed-in request (pages, the
API, CSV and XLSX exports, error pages) says `Cache-Control: no-store, private`, and every answer
carries a `Permissions-Policy` that turns off the camera, microphone, location, payments and the
rest. Static files, which hold nothing personal, keep their caching."""

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client, override_settings
from django.urls import path, reverse

from tests.access_matrix_probe import build_world, url_for, url_patterns

pytestmark = pytest.mark.django_db

SIGNED_IN_PERSONAS = ["hr_director", "talent_team", "pledge_lead", "administrator"]
TURNED_OFF = ("camera", "microphone", "geolocation", "payment", "usb", "display-capture")


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def turned_off(response) -> set[str]:
    policy = response.get("Permissions-Policy", "")
    return {
        entry.split("=")[0].strip() for entry in policy.split(",") if entry.strip().endswith("=()")
    }


def header_problems(response, where: str) -> list[str]:
    problems = []
    if not {"no-store", "private"} <= cache_directives(response):
        problems.append(f"{where}: Cache-Control is {response.get('Cache-Control')!r}")
    if not set(TURNED_OFF) <= turned_off(response):
        problems.append(f"{where}: Permissions-Policy is {response.get('Permissions-Policy')!r}")
    return problems


def every_url(world):
    for name, pattern in url_patterns():
        url = url_for(name, pattern, world)
        yield name, url
        if "file_format" in pattern.pattern.converters:
            yield f"{name} (xlsx)", url.replace(".csv", ".xlsx")


def test_every_signed_in_answer_on_every_url_is_not_stored_and_carries_the_policy(
    request, client, trust, other_trust
):
    world = build_world(trust)
    problems = []
    statuses = set()
    for persona in SIGNED_IN_PERSONAS:
        user = request.getfixturevalue(persona)
        for name, url in every_url(world):
            for method in ("GET", "POST"):
                client.force_login(user)
                response = send(client, method, url)
                statuses.add(response.status_code)
                problems += header_problems(response, f"{method} {name} as {persona}")

    assert problems == []
    assert {200, 302, 403, 404, 405} <= statuses  # pages, redirects and error pages were all seen


def send(client, method, url):
    if url.startswith("/api/"):
        return getattr(client, method.lower())(url, data={}, content_type="application/json")
    return getattr(client, method.lower())(url)


def test_the_csv_and_xlsx_exports_are_not_stored(client, talent_team, trust):
    client.force_login(talent_team)
    exports = [
        reverse("risk:export", args=["csv"]),
        reverse("risk:export", args=["xlsx"]),
        reverse("talent:equality_export"),
        reverse("pledges:export"),
    ]

    for url in exports:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].split(";")[0] in (
            "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        assert header_problems(response, url) == []


def test_a_page_that_does_not_exist_is_not_stored_for_a_signed_in_user(client, hr_director):
    client.force_login(hr_director)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert header_problems(response, "404") == []


def test_a_csrf_failure_page_is_not_stored_for_a_signed_in_user(hr_director):
    client = Client(enforce_csrf_checks=True)
    client.force_login(hr_director)

    response = client.post(reverse("succession:post_create", args=["RJ1"]))

    assert response.status_code == 403
    assert header_problems(response, "CSRF failure") == []


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken_view)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_page_is_not_stored_for_a_signed_in_user(hr_director):
    client = Client(raise_request_exception=False)
    client.force_login(hr_director)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert header_problems(response, "500") == []


def test_signing_in_and_signing_out_answers_are_not_stored(client, hr_director):
    from tests.accounts.factories import PASSWORD

    signed_in = client.post(
        reverse("accounts:login"), {"username": hr_director.username, "password": PASSWORD}
    )
    signed_out = client.post(reverse("accounts:logout"))

    assert signed_in.status_code == signed_out.status_code == 302
    assert header_problems(signed_in, "sign-in") == []
    assert header_problems(signed_out, "sign-out") == []


@pytest.mark.parametrize("url", ["/accounts/sign-in/", "/privacy/", "/healthz", "/no-such-page/"])
def test_anonymous_answers_carry_the_permissions_policy_too(client, url):
    response = client.get(url)

    assert set(TURNED_OFF) <= turned_off(response)


def test_static_files_keep_their_caching_and_carry_the_policy(client, hr_director):
    assert finders.find("js/app.mjs")
    client.force_login(hr_director)

    response = client.get(f"/{settings.STATIC_URL}js/app.mjs".replace("//", "/"))

    assert response.status_code == 200
    directives = cache_directives(response)
    assert "no-store" not in directives
    assert any(d.startswith("max-age=") and d != "max-age=0" for d in directives)
    assert set(TURNED_OFF) <= turned_off(response)


def test_the_policy_turns_off_only_what_no_page_uses():
    """Our pages use none of these; a feature a page starts using must come off this list."""
    off = set(settings.PERMISSIONS_POLICY)

    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= off
    assert all(allowed == [] for allowed in settings.PERMISSIONS_POLICY.values())
    assert "clipboard-write" not in off  # copy buttons, should a page add one


def test_the_probe_reaches_each_export(trust):
    world = build_world(trust)
    names = {name for name, _ in every_url(world)}

    assert {"risk:export", "risk:export (xlsx)"} <= names
    assert {"talent:equality_export", "pledges:export"} <= names
