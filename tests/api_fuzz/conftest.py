"""Fixtures for fuzzing the API with schemathesis: a small world with data in every resource, and
one session per role, including none.

The requests go through the project's real WSGI application (not Django's test client), so CSRF
is checked as it is in production: a signed-in role sends the CSRF cookie and header as a browser
does. The world lives in the test's database transaction, as in any other test here."""

import datetime as dt
from dataclasses import dataclass

import pytest
import schemathesis
from django.contrib.auth.models import Permission
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from accounts.models import Role
from pledges.models import Rag
from succession import services as succession_services
from succession.models import IncumbencyKind
from talent.models import PostRole, Readiness
from talent.services import calibration as calibration_services
from tests.accounts.factories import user_with_role
from tests.pledges.factories import make_pledge, make_report, make_update
from tests.succession.factories import make_post
from tests.talent.factories import (
    CohortMembershipFactory,
    EqualityRecordFactory,
    PersonFactory,
    pool_member,
)

SCHEMA_URL = "/api/schema/?format=json"
ANONYMOUS = "anonymous"
# Every role the service knows, and no role at all.
ROLES = [
    Role.HR_DIRECTOR,
    Role.CHAIR,
    Role.NATIONAL_TALENT_TEAM,
    Role.PLEDGE_LEAD,
    "equality_analyst",
    Role.ADMINISTRATOR,
    ANONYMOUS,
]


@dataclass(frozen=True)
class Acting:
    """Who the fuzzer acts as: the role's name, and the cookies and headers it sends."""

    role: str
    cookies: dict[str, str]
    headers: dict[str, str]


@pytest.fixture
def wsgi_app():
    """The service's WSGI application, kept inside the test's transaction: Django's test client
    also stops request_started/request_finished closing the connection mid-test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(trust, other_trust, national_body, hr_director, chair, talent_team, pledge_lead):
    """Data in every resource the API serves: posts with holders and slates in two trusts,
    pool members with nine-box placements and equality answers, a calibration session, and a
    national body's pledge with an update and a report."""
    today = dt.date(2026, 3, 2)
    posts = {}
    for organisation in (trust, other_trust):
        chief = make_post(
            organisation, PostRole.CHIEF_EXECUTIVE, "Chief executive", is_top_200=True
        )
        finance = make_post(organisation, PostRole.FINANCE_DIRECTOR, "Director of finance")
        holder = PersonFactory(organisation=organisation)
        succession_services.incumbency_start(
            post=chief,
            person=holder,
            kind=IncumbencyKind.INTERIM,
            started_on=today - dt.timedelta(days=400),
            expected_departure_on=today + dt.timedelta(days=200),
            departure_reason="retirement",
        )
        ready = PersonFactory(organisation=organisation)
        later = pool_member(
            organisation, performance=3, potential=2, readiness={"chief_executive": "ready_now"}
        )
        EqualityRecordFactory(person=later)
        first = succession_services.nomination_add(
            plan=chief.plan, person=ready, readiness=Readiness.READY_NOW, by=hr_director
        )
        succession_services.nomination_add(
            plan=chief.plan, person=later, readiness=Readiness.ONE_TO_TWO_YEARS, by=hr_director
        )
        succession_services.nomination_set_emergency_cover(
            nomination=first, is_emergency_cover=True
        )
        posts[organisation.ods_code] = (chief, finance)

    hidden = pool_member(other_trust, visible=False, performance=1, potential=3)
    membership = CohortMembershipFactory(person=hidden)
    calibration_services.calibration_session_open(cohort=membership.cohort, held_on=today)

    pledge = make_pledge(national_body)
    make_update(pledge, by=pledge_lead, rag=Rag.AMBER)
    make_report(pledge, by=hr_director, organisation=trust)
    return posts


def _user_for(role: str, national_body, hr_director, chair, talent_team, pledge_lead):
    if role == Role.HR_DIRECTOR:
        return hr_director
    if role == Role.CHAIR:
        return chair
    if role == Role.NATIONAL_TALENT_TEAM:
        return talent_team
    if role == Role.PLEDGE_LEAD:
        return pledge_lead
    if role == Role.ADMINISTRATOR:
        return user_with_role(Role.ADMINISTRATOR, national_body, username="adam")
    if role == "equality_analyst":
        analyst = user_with_role(Role.NATIONAL_TALENT_TEAM, national_body, username="esther")
        analyst.user_permissions.add(
            Permission.objects.get(content_type__app_label="talent", codename="view_equality_data")
        )
        return analyst
    return None


@pytest.fixture(params=ROLES, ids=str)
def acting(request, world, national_body, hr_director, chair, talent_team, pledge_lead):
    """The role under test, signed in (a session cookie, and the CSRF cookie and header that a
    browser's JavaScript sends with a write), or anonymous (no cookies at all)."""
    user = _user_for(request.param, national_body, hr_director, chair, talent_team, pledge_lead)
    if user is None:
        return Acting(role=ANONYMOUS, cookies={}, headers={})
    client = Client()
    client.force_login(user)
    csrf = _get_new_csrf_string()
    return Acting(
        role=request.param,
        cookies={"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf},
        headers={"X-CSRFToken": csrf},
    )


@pytest.fixture
def api_schema(wsgi_app, acting, talent_team):
    """The schema as the service serves it at /api/schema/, read by the role itself. An anonymous
    client may not read it (403), so the anonymous run uses the national team's copy."""
    reader = Client()
    if acting.role == ANONYMOUS:
        reader.force_login(talent_team)
    else:
        reader.cookies["sessionid"] = acting.cookies["sessionid"]
    response = reader.get(SCHEMA_URL)
    assert response.status_code == 200, response.content[:500]
    schema = schemathesis.openapi.from_dict(response.json())
    schema.app = wsgi_app
    return schema
