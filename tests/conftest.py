"""Shared fixtures: one persona per role, as the demo accounts are.

alice is the HR director and carol the chair of one trust; bob is the HR director of another;
nadia is in the national talent team; priya is a national body's pledge lead; adam administers.

Every test starts factory-boy's Faker from the same seed, so a run is repeatable: set TEST_SEED to
try other names and dates (a run with every surname O'Neill passed, for instance). Every test also
runs with the clock stopped at one instant (tests/clock.py; TEST_NOW tries another). Hypothesis has
no deadline: a property is about the answer, not how fast a busy CI machine finds it."""

import os

import factory.random
import pytest
import time_machine
from hypothesis import settings as hypothesis_settings

from accounts.models import Role
from tests.accounts.factories import user_with_role
from tests.clock import NOW, TODAY
from tests.orgs.factories import NationalBodyFactory, OrganisationFactory

hypothesis_settings.register_profile("project", deadline=None)
hypothesis_settings.load_profile("project")


@pytest.fixture(autouse=True)
def _repeatable_factories(request):
    factory.random.reseed_random(
        f"{os.environ.get('TEST_SEED', 'nhs-talent')}:{request.node.nodeid}"
    )


# These suites drive servers and workers in other processes, which read the machine's clock: a
# stopped clock in this process only would make the test and the service disagree about the day.
REAL_CLOCK_MARKERS = ("browser", "integration", "load", "fuzz", "real_clock")
STOPPED_CLOCK = pytest.StashKey[time_machine.Traveller]()


@pytest.fixture(autouse=True)
def today(request):
    """The suite's fixed day (tests/clock.py), with the clock stopped at its NOW for the whole test,
    so that dates made by factories and by the service agree. A test that needs another moment
    travels further with `time_machine.travel(..., tick=False)` or moves it on with `clock`; one
    marked real_clock (and the browser, integration, load and fuzz suites) keeps the machine's
    clock."""
    if any(request.node.get_closest_marker(name) for name in REAL_CLOCK_MARKERS):
        yield None
        return
    with time_machine.travel(NOW, tick=False) as stopped:
        request.node.stash[STOPPED_CLOCK] = stopped
        yield TODAY


@pytest.fixture
def clock(request, today):
    """The stopped clock, for a test about what happened after what: clock.shift(seconds) moves
    it on (two changes in one stopped instant have no order), clock.move_to(moment) elsewhere."""
    return request.node.stash[STOPPED_CLOCK]


@pytest.fixture
def trust(db):
    return OrganisationFactory(ods_code="RJ1", name="GUY'S AND ST THOMAS' NHS FOUNDATION TRUST")


@pytest.fixture
def other_trust(db):
    return OrganisationFactory(ods_code="RH8", name="ROYAL DEVON AND EXETER NHS FOUNDATION TRUST")


@pytest.fixture
def national_body(db):
    return NationalBodyFactory(ods_code="NHSI", name="NHS IMPROVEMENT")


@pytest.fixture
def hr_director(trust):
    return user_with_role(Role.HR_DIRECTOR, trust, username="alice")


@pytest.fixture
def chair(trust):
    return user_with_role(Role.CHAIR, trust, username="carol")


@pytest.fixture
def other_hr_director(other_trust):
    return user_with_role(Role.HR_DIRECTOR, other_trust, username="bob")


@pytest.fixture
def talent_team(national_body):
    return user_with_role(Role.NATIONAL_TALENT_TEAM, national_body, username="nadia")


@pytest.fixture
def pledge_lead(national_body):
    return user_with_role(Role.PLEDGE_LEAD, national_body, username="priya")


@pytest.fixture
def administrator(national_body):
    return user_with_role(Role.ADMINISTRATOR, national_body, username="adam")


@pytest.fixture
def client_for(client):
    """client_for(user) signs `user` in and returns the test client."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
