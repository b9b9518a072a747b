"""Pledges, updates and reports made the way the service makes them (through its services)."""

import datetime as dt

from django.utils import timezone

from pledges import services
from pledges.models import FrameworkCondition, Rag
from tests.orgs.factories import NationalBodyFactory


def condition(number: int = 2) -> FrameworkCondition:
    """One of the five framework conditions (loaded by a migration)."""
    return FrameworkCondition.objects.get(number=number)


def make_pledge(
    body=None, *, title="Compassionate oversight meetings", condition_number=2, **fields
):
    today = timezone.localdate()
    values = {
        "commitment": "We will model compassionate, inclusive leadership in every oversight meeting.",
        "accountable_owner": "Director of Leadership and People",
        "start_on": today - dt.timedelta(days=365),
        "target_on": today + dt.timedelta(days=365),
        "success_measure": "Trust leaders rate our meetings as supportive in the annual survey.",
    }
    values.update(fields)
    return services.pledge_create(
        body=body or NationalBodyFactory(),
        condition=condition(condition_number),
        title=title,
        **values,
    )


def make_update(pledge, *, by, rag=Rag.GREEN, days_ago=10, period_days=90, **fields):
    """A progress update submitted `days_ago` days ago for the `period_days` before that."""
    submitted_at = timezone.now() - dt.timedelta(days=days_ago)
    period_end = timezone.localtime(submitted_at).date() - dt.timedelta(days=1)
    values = {
        "period_start": period_end - dt.timedelta(days=period_days),
        "period_end": period_end,
        "narrative": "Two of four oversight meetings used the framework's behaviours.",
        "evidence_links": ["https://www.england.nhs.uk/publication/example/"],
    }
    values.update(fields)
    return services.progress_update_submit(
        pledge=pledge, rag=rag, by=by, submitted_at=submitted_at, **values
    )


def make_report(pledge, *, by, organisation=None, what_happened=None, **fields):
    values = {
        "happened_on": timezone.localdate() - dt.timedelta(days=7),
        "reported_at": timezone.now() - dt.timedelta(days=1),
    }
    values.update(fields)
    return services.report_create(
        pledge=pledge,
        what_happened=what_happened
        or "The regional team asked for a new recovery plan in three days, in our improvement week.",
        by=by,
        reporter_organisation=organisation,
        **values,
    )
