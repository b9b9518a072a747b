"""CSRF protection: every URL refuses a POST without the form's token and changes nothing, the API
refuses unsafe requests made with the session and no token, every POST form on every page carries
its token, and real forms sent with the token from the page still work (so the refusals are the
token's doing, not something else's)."""

import datetime as dt
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pledges.models import InconsistencyReport
from risk.models import RecalculationRun
from succession.models import Post
from talent.models import PostRole
from tests.access_matrix_probe import PERSONAS, build_world, url_for, url_patterns
from tests.accounts.factories import PASSWORD
from tests.test_access_matrix import expected_matrix

pytestmark = pytest.mark.django_db

# Who sends each form that changes data: a persona the access matrix lets POST there. Every URL
# a persona may POST to (by the matrix) must be here, so a new form cannot be left out.
POSTED_BY = {
    "accounts:login": "anonymous",
    "accounts:logout": "hr_director",
    "orgs:segments_import": "talent_team",
    "succession:post_create": "hr_director",
    "succession:import_upload": "hr_director",
    "succession:import_preview": "hr_director",
    "succession:post_edit": "hr_director",
    "succession:holder_new": "hr_director",
    "succession:holder_departure": "hr_director",
    "succession:holder_left": "hr_director",
    "succession:nomination_add": "hr_director",  # an empty POST is a 404 (no one chosen)
    "succession:slate_reorder": "hr_director",
    "succession:plan_review": "hr_director",
    "succession:plan_request_sign_off": "hr_director",
    "succession:plan_sign_off": "chair",
    "succession:nomination_edit": "hr_director",
    "succession:nomination_move": "hr_director",
    "succession:nomination_emergency_cover": "hr_director",
    "succession:nomination_remove": "hr_director",
    "succession:nomination_appoint": "hr_director",
    "risk:recalculate": "talent_team",
    "risk:method_edit": "talent_team",
    "talent:person_create": "hr_director",
    "talent:person_edit": "hr_director",
    "talent:career_entry_add": "hr_director",
    "talent:pool_profile_edit": "talent_team",
    "talent:readiness_set": "talent_team",
    "talent:nine_box_place": "talent_team",
    "talent:cohort_membership_add": "talent_team",
    "talent:cohort_membership_end": "talent_team",
    "talent:development_add": "talent_team",
    "talent:development_edit": "talent_team",
    "talent:equality_record_edit": "equality_analyst",  # needs the explicit permission
    "talent:equality_publish": "equality_analyst",  # needs the explicit permission
    "talent:pool_nominate": "talent_team",  # an empty POST is a 404 (no post chosen)
    "talent:calibration_open": "talent_team",
    "talent:calibration_move": "talent_team",
    "talent:calibration_close": "talent_team",
    "pledges:pledge_create": "pledge_lead",
    "pledges:pledge_edit": "pledge_lead",
    "pledges:milestone_add": "pledge_lead",
    "pledges:milestone_edit": "pledge_lead",
    "pledges:update_add": "pledge_lead",
    "pledges:report_create": "hr_director",
    "pledges:report_respond": "pledge_lead",
    "notifications:read_all": "hr_director",
    "notifications:preferences": "hr_director",
}
ALLOWED = {200, 302, 400, 409}  # the form was taken in (saved, redirected or re-shown)
UNSAFE_METHODS = ["post", "put", "patch", "delete"]
# Rows the CSRF check leaves alone: the session itself, and django-axes' own sign-in records.
IGNORED_APPS = {"sessions", "axes", "admin", "contenttypes", "auth"}

PAGE_NAMES = sorted(name for name, _ in url_patterns() if not name.startswith("api"))
API_NAMES = sorted(name for name, _ in url_patterns() if name.startswith("api"))
PATTERNS = dict(url_patterns())


@pytest.fixture
def equality_analyst(talent_team):
    talent_team.user_permissions.add(
        Permission.objects.get(content_type__app_label="talent", codename="view_equality_data")
    )
    return type(talent_team).objects.get(pk=talent_team.pk)


@pytest.fixture
def world(trust, other_trust, hr_director, chair, other_hr_director, talent_team, pledge_lead):
    return build_world(trust)


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def signed_in(client, request, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


def snapshot() -> dict:
    """Every row of every table the service keeps (history tables too), to compare."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in IGNORED_APPS or model._meta.proxy:
            continue
        rows[model._meta.label] = list(model._base_manager.order_by("pk").values_list(flat=False))
    return rows


def is_csrf_refusal(response) -> bool:
    return response.status_code == 403 and "Your form could not be sent" in response.text


# --- Every URL --------------------------------------------------------------------------------


def test_every_url_a_role_may_post_to_has_a_sender_in_the_table():
    """Derived from the access matrix: a URL some persona may POST to but missing from
    POSTED_BY fails here (and a URL missing from the matrix fails the matrix's own test)."""
    may_post = {
        name
        for name, cells in expected_matrix().items()
        if not name.startswith("api")
        and any(cells[persona][1] in ALLOWED for persona in PERSONAS if persona != "anonymous")
    }
    may_post.add("accounts:login")  # signing in is the anonymous visitor's form

    assert may_post - set(POSTED_BY) == set()
    assert set(POSTED_BY) - set(PAGE_NAMES) == set(), "these URLs no longer exist"


def test_every_sender_in_the_table_is_allowed_to_post_there():
    matrix = expected_matrix()
    for name, persona in POSTED_BY.items():
        if persona in PERSONAS and name in matrix:
            got = matrix[name][persona][1]
            assert got in ALLOWED or got == 404, f"{name}: {persona} may not POST there ({got})"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_a_post_without_the_token_is_refused_and_changes_nothing(request, world, csrf_client, name):
    """Every page's URL, as the persona who sends its form (or an HR director), with the POST
    the form would send minus the token."""
    client = signed_in(csrf_client, request, POSTED_BY.get(name, "hr_director"))
    url = url_for(name, PATTERNS[name], world)
    before = snapshot()

    response = client.post(url, {"version": 1, "confirm": "yes"})

    assert is_csrf_refusal(response), f"{url}: {response.status_code}"
    assert snapshot() == before


def test_the_empty_posts_refused_above_would_change_data_with_the_token(request, world):
    """The refusals matter: without CSRF checks, some of the same empty POSTs do change data
    (a recalculation is queued, a review recorded), so 'changes nothing' is the token's doing."""
    client = Client()
    client.force_login(request.getfixturevalue("talent_team"))
    url = url_for("risk:recalculate", PATTERNS["risk:recalculate"], world)
    before = RecalculationRun.objects.count()

    response = client.post(url)

    assert response.status_code == 302
    assert RecalculationRun.objects.count() == before + 1


# --- Forms sent with the token from the page ---------------------------------------------------

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def token_from(response) -> str:
    match = TOKEN.search(response.content.decode())
    assert match, "the page has no CSRF token"
    return match.group(1)


def test_signing_in_needs_the_token_from_the_sign_in_page(csrf_client, hr_director):
    url = reverse("accounts:login")
    credentials = {"username": hr_director.username, "password": PASSWORD}

    refused = csrf_client.post(url, credentials)
    assert is_csrf_refusal(refused)
    assert "_auth_user_id" not in csrf_client.session

    token = token_from(csrf_client.get(url))
    accepted = csrf_client.post(url, {**credentials, "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
    assert csrf_client.session["_auth_user_id"] == str(hr_director.pk)


def test_signing_out_needs_the_token_from_the_page(csrf_client, hr_director):
    csrf_client.force_login(hr_director)
    url = reverse("accounts:logout")

    assert is_csrf_refusal(csrf_client.post(url))
    assert csrf_client.get(reverse("home")).status_code == 200  # still signed in

    token = token_from(csrf_client.get(reverse("home")))  # the header's sign-out form
    assert csrf_client.post(url, {"csrfmiddlewaretoken": token}).status_code == 302
    assert csrf_client.get(reverse("home")).status_code == 302  # signed out


def test_adding_a_post_needs_the_token_from_its_form(csrf_client, hr_director, trust):
    csrf_client.force_login(hr_director)
    url = reverse("succession:post_create", args=[trust.ods_code])
    data = {"title": "Chief nurse", "role": PostRole.CHIEF_NURSE, "criticality": "high"}

    assert is_csrf_refusal(csrf_client.post(url, data))
    assert not Post.objects.filter(organisation=trust).exists()

    token = token_from(csrf_client.get(url))
    response = csrf_client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Post.objects.get(organisation=trust).title == "Chief nurse"


def test_recalculating_now_needs_the_token_from_the_dashboard(csrf_client, talent_team):
    csrf_client.force_login(talent_team)
    url = reverse("risk:recalculate")

    assert is_csrf_refusal(csrf_client.post(url))
    assert not RecalculationRun.objects.exists()

    token = token_from(csrf_client.get(reverse("risk:dashboard")))
    assert csrf_client.post(url, {"csrfmiddlewaretoken": token}).status_code == 302
    assert RecalculationRun.objects.count() == 1


# --- The API (session authentication) ----------------------------------------------------------


def api_sender(name: str) -> str:
    cells = expected_matrix()[name]
    for persona in PERSONAS[1:]:
        if cells[persona][1] in ALLOWED:
            return persona
    return "hr_director"


# POST to every API address; every unsafe method to a list and an object (DRF checks the token
# when it authenticates, before it looks at the method, so the other methods take the same path).
API_REQUESTS = [(name, "post") for name in API_NAMES] + [
    (name, method)
    for name in ("api-post-list", "api-post-detail", "api-plan-detail")
    for method in UNSAFE_METHODS[1:]
]


@pytest.mark.parametrize(("name", "method"), API_REQUESTS)
def test_an_unsafe_api_request_with_the_session_and_no_token_is_refused(
    request, world, csrf_client, name, method
):
    client = signed_in(csrf_client, request, api_sender(name))
    url = url_for(name, PATTERNS[name], world)
    before = snapshot()

    response = getattr(client, method)(url, data={}, content_type="application/json")

    assert response.status_code == 403, f"{method.upper()} {url}: {response.status_code}"
    if response["Content-Type"] == "application/json":
        assert "CSRF" in response.json()["detail"]
    else:
        # The docs page answers in HTML: the same request with the token is not refused, so
        # the refusal was the token's.
        client.get(reverse("home"))
        token = client.cookies["csrftoken"].value
        again = getattr(client, method)(
            url, content_type="application/json", HTTP_X_CSRFTOKEN=token
        )
        assert again.status_code != 403
    assert snapshot() == before


def test_an_api_request_with_the_session_and_its_token_goes_through(
    csrf_client, hr_director, trust, national_body
):
    from tests.pledges.factories import make_pledge

    pledge = make_pledge(national_body)
    csrf_client.force_login(hr_director)
    csrf_client.get(reverse("home"))  # a page with a form sets the CSRF cookie
    url = reverse("api-pledge-report-list")
    report = {
        "pledge": pledge.pk,
        "what_happened": "A three-day deadline in our improvement week.",
        "happened_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
    }

    refused = csrf_client.post(url, report, content_type="application/json")
    assert refused.status_code == 403 and not InconsistencyReport.objects.exists()

    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(
        url, report, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201, response.content
    assert InconsistencyReport.objects.get().pledge == pledge


# --- Every form on every page carries the token --------------------------------------------

FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
POST_METHOD = re.compile(r"""method\s*=\s*["']?post""", re.I)


@pytest.mark.slow
def test_every_post_form_on_every_page_carries_the_token(request, client, world, equality_analyst):
    """Every page each persona can open (by the access matrix), every <form method="post">."""
    matrix = expected_matrix()
    forms_seen, missing = 0, []
    for name, pattern in url_patterns():
        url = url_for(name, pattern, world)
        for persona in [*PERSONAS, "equality_analyst"]:
            if persona in matrix[name] and matrix[name][persona][0] != 200:
                continue
            client.logout()
            signed_in(client, request, persona)
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for attributes, body in FORM.findall(response.content.decode()):
                if not POST_METHOD.search(attributes):
                    continue
                forms_seen += 1
                if 'name="csrfmiddlewaretoken"' not in body:
                    missing.append(f"{url} as {persona}: <form{attributes}>")

    assert forms_seen > 50  # the pages' forms were found (the header's sign-out form and more)
    assert missing == []
