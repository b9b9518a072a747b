import pytest
from django.core.management import call_command

from accounts.models import Membership, Role, User
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_accounts_ensure
from tests.orgs.factories import NationalBodyFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_organisations():
    OrganisationFactory(ods_code="RJ1", name="GUY'S AND ST THOMAS' NHS FOUNDATION TRUST")
    NationalBodyFactory(ods_code="X24", name="NHS ENGLAND")


def test_there_is_one_demo_account_per_role(demo_organisations):
    accounts = demo_accounts_ensure()

    assert sorted(m.role for _, m in accounts) == sorted(Role.values)
    for user, _ in accounts:
        assert user.check_password(DEMO_PASSWORD)


def test_creating_demo_accounts_twice_duplicates_nothing(demo_organisations):
    demo_accounts_ensure()
    demo_accounts_ensure()

    assert User.objects.count() == len(DEMO_ACCOUNTS)
    assert Membership.objects.count() == len(DEMO_ACCOUNTS)


def test_the_demo_administrator_can_use_the_admin(demo_organisations, client):
    demo_accounts_ensure()
    admin = User.objects.get(username="admin")

    assert admin.is_staff and admin.is_superuser


def test_setup_service_is_safe_to_run_twice_and_prints_the_accounts(capsys):
    call_command("setup_service", demo=True, demo_organisations=3)
    first = (User.objects.count(), Membership.objects.count())
    call_command("setup_service", demo=True, demo_organisations=3)

    assert (User.objects.count(), Membership.objects.count()) == first
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    for account in DEMO_ACCOUNTS:
        assert account.username in out
