"""Beat's reminders go once per thing per period, whatever the number of runs, and stop when the
thing is done; the daily summary gathers what a user chose to hear of once a day."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django_celery_beat.models import PeriodicTask

from notifications import reminders, services
from notifications.models import Delivery, Kind, Notification, OutgoingEmail
from notifications.tasks import send_daily_summaries, send_reminders
from succession import services as succession_services
from talent.models import PostRole
from tests.clock import LONDON, TODAY
from tests.notifications.helpers import ask_for_sign_off, committed
from tests.pledges.factories import make_pledge, make_update
from tests.succession.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    return lambda action: committed(django_capture_on_commit_callbacks, action)


def reviewed(post, on):
    post.plan.refresh_from_db()
    post.plan.last_reviewed_on = on
    post.plan.save()
    return post


def test_beat_has_the_reminder_summary_and_sweep_schedules():
    tasks = set(PeriodicTask.objects.values_list("task", flat=True))

    assert {
        "notifications.send_reminders",
        "notifications.send_daily_summaries",
        "notifications.send_waiting_emails",
    } <= tasks


def test_a_review_due_is_reminded_once_however_often_beat_runs_and_stops_after_the_review(
    run, trust, hr_director
):
    post = reviewed(
        make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive"), dt.date(2025, 12, 1)
    )

    for _ in range(3):
        run(send_reminders)

    reminder = Notification.objects.get(recipient=hr_director, kind=Kind.REVIEW_DUE)
    assert "was last reviewed on 1 December 2025" in reminder.text
    assert "due on 1 November 2026" in reminder.text
    assert [message.subject for message in mail.outbox] == [reminder.subject]

    post.plan.refresh_from_db()
    succession_services.plan_record_review(plan=post.plan, reviewed_on=TODAY, by=hr_director)
    run(send_reminders)

    assert Notification.objects.filter(kind=Kind.REVIEW_DUE).count() == 1
    assert len(mail.outbox) == 1


def test_a_plan_reviewed_less_than_11_months_ago_is_not_reminded(run, trust, hr_director):
    reviewed(make_post(trust, PostRole.CHIEF_EXECUTIVE), dt.date(2026, 1, 1))

    assert reminders.review_reminders_send(today=TODAY) == 0


def test_the_next_period_reminds_again_after_the_next_review_falls_due(trust, hr_director):
    post = reviewed(make_post(trust, PostRole.CHIEF_EXECUTIVE), dt.date(2025, 12, 1))
    assert reminders.review_reminders_send(today=TODAY) == 1

    reviewed(post, dt.date(2026, 11, 1))

    assert reminders.review_reminders_send(today=dt.date(2027, 10, 1)) == 1
    assert Notification.objects.filter(kind=Kind.REVIEW_DUE).count() == 2


def test_a_sign_off_waiting_over_14_days_reminds_the_chair_once_and_stops_once_signed(
    run, trust, hr_director, chair, clock
):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    ask_for_sign_off(post, by=hr_director)
    clock.shift(13 * 24 * 3600)
    assert reminders.sign_off_reminders_send() == 0

    clock.shift(2 * 24 * 3600)
    assert reminders.sign_off_reminders_send() == 1
    assert reminders.sign_off_reminders_send() == 0
    reminder = Notification.objects.get(kind=Kind.SIGN_OFF_WAITING)
    assert reminder.recipient == chair
    assert reminder.link == f"/posts/{post.pk}/plan/sign-off/"

    post.plan.refresh_from_db()
    succession_services.plan_sign_off(plan=post.plan, by=chair)
    clock.shift(20 * 24 * 3600)
    assert reminders.sign_off_reminders_send() == 0


def test_a_pledge_update_is_reminded_in_the_last_two_weeks_of_the_quarter_once(
    national_body, pledge_lead
):
    pledge = make_pledge(national_body, title="Our pledge")

    assert reminders.pledge_update_reminders_send(today=dt.date(2026, 12, 16)) == 0
    assert reminders.pledge_update_reminders_send(today=dt.date(2026, 12, 17)) == 1
    assert reminders.pledge_update_reminders_send(today=dt.date(2026, 12, 30)) == 0
    reminder = Notification.objects.get(kind=Kind.PLEDGE_UPDATE_DUE)
    assert reminder.recipient == pledge_lead
    assert "31 December 2026" in reminder.subject
    assert reminder.link == f"/pledges/{pledge.pk}/updates/new/"


def test_an_update_given_this_quarter_stops_the_reminder(national_body, pledge_lead):
    pledge = make_pledge(national_body)

    with time_machine.travel(dt.datetime(2026, 12, 10, 12, tzinfo=LONDON), tick=False):
        make_update(pledge, by=pledge_lead, days_ago=0)

    assert reminders.pledge_update_reminders_send(today=dt.date(2026, 12, 20)) == 0


def test_the_daily_summary_gathers_the_kinds_chosen_once_a_day(run, trust, hr_director, chair):
    services.preferences_save(user=chair, choices={Kind.SIGN_OFF_REQUESTED: Delivery.DAILY_SUMMARY})
    first = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    second = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")
    run(lambda: ask_for_sign_off(first, by=hr_director))
    run(lambda: ask_for_sign_off(second, by=hr_director))
    assert mail.outbox == []  # nothing at once

    run(send_daily_summaries)
    run(send_daily_summaries)

    assert [message.to for message in mail.outbox] == [[chair.email]]
    summary = mail.outbox[0]
    assert summary.subject.endswith(": 2 items")
    assert "Please sign off the succession plan for Chief executive" in summary.body
    assert "Please sign off the succession plan for Finance director" in summary.body
    assert "/notifications/" in summary.body


def test_a_summary_has_only_what_came_since_the_last_one(run, trust, hr_director, chair, clock):
    services.preferences_save(user=chair, choices={Kind.SIGN_OFF_REQUESTED: Delivery.DAILY_SUMMARY})
    run(lambda: ask_for_sign_off(make_post(trust, PostRole.CHIEF_EXECUTIVE), by=hr_director))
    run(send_daily_summaries)
    clock.shift(24 * 3600)
    run(send_daily_summaries)  # nothing new: no email

    run(
        lambda: ask_for_sign_off(
            make_post(trust, PostRole.CHIEF_NURSE, "Chief nurse"), by=hr_director
        )
    )
    clock.shift(24 * 3600)
    run(send_daily_summaries)

    assert len(mail.outbox) == 2
    assert "Chief nurse" in mail.outbox[1].body
    assert mail.outbox[1].subject.endswith(": 1 item")
    assert OutgoingEmail.objects.filter(key__startswith="summary:").count() == 2
