"""Fixtures for the pledge tracker: priya leads `national_body`'s pledges (tests/conftest.py);
`other_body` is a second national body with its own pledge lead, olivia."""

import pytest

from accounts.models import Role
from tests.accounts.factories import user_with_role
from tests.orgs.factories import NationalBodyFactory

from .factories import make_pledge


@pytest.fixture
def other_body(db):
    return NationalBodyFactory(ods_code="NB-CQC", name="CARE QUALITY COMMISSION")


@pytest.fixture
def other_pledge_lead(other_body):
    return user_with_role(Role.PLEDGE_LEAD, other_body, username="olivia")


@pytest.fixture
def pledge(national_body):
    """priya's body's pledge."""
    return make_pledge(national_body, title="Compassionate oversight meetings")


@pytest.fixture
def other_pledge(other_body):
    """Another body's pledge."""
    return make_pledge(
        other_body, title="Regulation that gives time to improve", condition_number=5
    )
