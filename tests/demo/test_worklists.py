"""The demo leaves work waiting for every demo account, so that a new user sees a worklist at
once (issue 17's Demo section), and doing it again adds nothing."""

import pytest
from django.core.management import call_command
from django.db import transaction

from accounts.models import User
from notifications.models import Kind, Notification
from notifications.worklists import worklist_for

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module in a transaction that is rolled back after it (each
    test's own transaction is a savepoint inside it, as in Django's TestCase): a flush would also
    take the migrations' own data (framework conditions, risk method, schedules) from the tests
    that run after these on the same worker."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("setup_service", demo=True, demo_organisations=3)
        yield
        transaction.set_rollback(True)


def counts(username: str) -> dict[str, int]:
    worklist = worklist_for(User.objects.get(username=username))
    return {section.key: section.count for section in worklist.sections}


def test_the_demo_chair_has_a_plan_waiting_and_one_changed_since_sign_off(demo):
    waiting = counts("chair")

    assert waiting["sign_off"] >= 1
    assert waiting["changed_since_sign_off"] >= 1
    assert Notification.objects.filter(
        recipient__username="chair", kind=Kind.SIGN_OFF_REQUESTED
    ).exists()


def test_the_demo_hr_director_has_overdue_reviews_and_a_departure_without_a_successor(demo):
    waiting = counts("hr.director")

    assert waiting["unreviewed"] >= 1
    assert waiting["departures"] >= 1


def test_the_demo_pledge_lead_has_a_report_to_answer(demo):
    assert counts("pledge.lead")["reports"] >= 1


def test_the_demo_national_team_has_new_high_risk_posts(demo):
    assert counts("talent.team")["newly_high_risk"] >= 1


def test_setting_up_again_leaves_nothing_twice(demo):
    before = Notification.objects.count()

    call_command("setup_demo", force=True)

    assert Notification.objects.count() == before
    assert counts("chair")["sign_off"] == 1
