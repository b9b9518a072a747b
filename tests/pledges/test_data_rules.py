"""A second progress update for the same pledge and period corrects the first (both kept); a
pledge whose start date is still to come reads "Not started", not "Active"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.pages import text_of
from tests.pledges.factories import make_pledge, make_update

pytestmark = pytest.mark.django_db


def test_a_second_update_for_the_same_period_corrects_the_first(pledge, pledge_lead):
    first = make_update(pledge, by=pledge_lead, days_ago=10, rag="red")
    second = make_update(pledge, by=pledge_lead, days_ago=3, rag="green", period_days=97)
    second_period = (second.period_start, second.period_end)
    again = make_update(
        pledge,
        by=pledge_lead,
        days_ago=1,
        rag="amber",
        period_start=second_period[0],
        period_end=second_period[1],
    )

    assert first.corrects is None
    assert second.corrects is None
    assert again.corrects == second
    assert set(pledge.updates.all()) == {first, second, again}


def test_the_correction_says_when_it_was_corrected_and_the_pledge_reads_it_once(
    pledge, pledge_lead, client_for
):
    first = make_update(pledge, by=pledge_lead, days_ago=10, rag="red")
    make_update(
        pledge,
        by=pledge_lead,
        days_ago=2,
        rag="green",
        period_start=first.period_start,
        period_end=first.period_end,
    )

    page = text_of(client_for(pledge_lead).get(reverse("pledges:pledge_detail", args=[pledge.pk])))

    corrected_on = timezone.localtime(timezone.now() - dt.timedelta(days=2)).date()
    assert f"Corrected on {corrected_on:%-d %B %Y}." in page
    assert page.count("See the correction of") == 1


def test_a_pledge_that_starts_later_reads_not_started(national_body, pledge_lead, client_for):
    today = timezone.localdate()
    later = make_pledge(
        national_body,
        title="Inclusive board recruitment",
        start_on=today + dt.timedelta(days=30),
        target_on=today + dt.timedelta(days=400),
    )

    detail = text_of(client_for(pledge_lead).get(reverse("pledges:pledge_detail", args=[later.pk])))
    tracker = text_of(client_for(pledge_lead).get(reverse("pledges:tracker")))

    assert later.shown_status == "not_started"
    assert "Not started" in detail
    assert "Active" not in detail.split("Inclusive board recruitment", 2)[1][:200]
    assert "Not started" in tracker


def test_a_pledge_that_has_started_reads_active(pledge):
    assert pledge.shown_status == "active"
