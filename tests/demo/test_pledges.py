"""The pledge tracker's demo data: every sponsoring body's pledges, a year of quarterly updates,
two reports (one answered), and something for each of the tracker's flags."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from demo.accounts import demo_accounts_ensure
from demo.pledges import last_quarters
from orgs.models import Organisation
from pledges import selectors
from pledges.models import InconsistencyReport, Pledge, ProgressUpdate, ReportStatus
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("load_organisations", stdout=None)
    demo_accounts_ensure()
    call_command("load_pledge_demo_data", force=True)


def test_every_sponsoring_body_has_pledges(loaded):
    # The framework's sponsors of 2016, as they are today: NHS England took in Health Education
    # England (and its Leadership Academy pledges); the abolished bodies keep theirs as history.
    sponsors = ["X24", "NB-NHSI", "NB-CQC", "NB-NICE", "NB-PHE", "NB-DH"]
    bodies = Organisation.objects.national_bodies().filter(ods_code__in=sponsors)

    assert bodies.count() == 6
    for body in bodies:
        assert Pledge.objects.filter(body=body).count() >= 2, body.display_name


def test_there_is_a_year_of_quarterly_updates_with_a_mix_of_rag(loaded):
    quarters = last_quarters(timezone.localdate())
    periods = set(ProgressUpdate.objects.values_list("period_start", "period_end"))

    assert periods == set(quarters)
    assert set(ProgressUpdate.objects.values_list("rag", flat=True)) == {"red", "amber", "green"}
    assert ProgressUpdate.objects.filter(corrects__isnull=False).exists()


def test_the_demo_has_an_overdue_pledge_and_a_stale_one(loaded):
    user = UserFactory()
    pledges = selectors.with_tracking(selectors.pledges_visible_to(user))

    assert pledges.filter(is_overdue=True).exists()
    assert pledges.filter(is_stale=True).exists()


def test_there_are_two_reports_and_one_is_answered(loaded):
    reports = InconsistencyReport.objects.all()

    assert reports.count() == 2
    assert reports.filter(status=ReportStatus.AWAITING_RESPONSE).count() == 1
    assert reports.filter(status=ReportStatus.ACTION_TAKEN).get().responses.count() == 2
    # The open one is for the demo pledge lead's body, so they have something to answer.
    assert reports.get(status=ReportStatus.AWAITING_RESPONSE).pledge.body.ods_code == "X24"


def test_loading_the_demo_twice_adds_nothing(loaded):
    counts = (
        Pledge.objects.count(),
        ProgressUpdate.objects.count(),
        InconsistencyReport.objects.count(),
    )

    call_command("load_pledge_demo_data", force=True)

    assert (
        Pledge.objects.count(),
        ProgressUpdate.objects.count(),
        InconsistencyReport.objects.count(),
    ) == counts


@override_settings(DEBUG=False)
def test_the_demo_is_not_loaded_on_a_live_service_by_mistake():
    with pytest.raises(CommandError, match="only loaded with DEBUG on"):
        call_command("load_pledge_demo_data")
