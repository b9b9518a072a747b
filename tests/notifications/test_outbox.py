"""An email is sent once, however many times its task runs: the row is claimed (locked), sent
and marked sent before the task's message is acknowledged. A failed send is recorded and left
to be sent again; a broker that is down when the change commits loses nothing."""

from unittest import mock

import pytest
from django.core import mail

from notifications import services
from notifications.models import Kind, OutgoingEmail
from notifications.tasks import send_email, send_waiting_emails

pytestmark = pytest.mark.django_db


def waiting_email(user, django_capture_on_commit_callbacks):
    message = services.Message(
        kind=Kind.PLAN_SIGNED_OFF, subject="Signed off", text="It is signed off.", link="/posts/1/"
    )
    # Made without running the on-commit send: as if the broker had not delivered it yet.
    with django_capture_on_commit_callbacks(execute=False):
        services.notify(recipients=[user], message=message, event_key="signed:1")
    return OutgoingEmail.objects.get()


def test_a_task_run_twice_sends_the_email_once(hr_director, django_capture_on_commit_callbacks):
    email = waiting_email(hr_director, django_capture_on_commit_callbacks)

    assert send_email.apply(args=[email.pk]).get() is True
    assert send_email.apply(args=[email.pk]).get() is False

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1


def test_the_email_has_the_full_address_of_the_page(
    hr_director, django_capture_on_commit_callbacks, settings
):
    settings.SERVICE_URL = "https://talent.example.nhs.uk"
    email = waiting_email(hr_director, django_capture_on_commit_callbacks)

    services.email_send(email_id=email.pk)

    assert "https://talent.example.nhs.uk/posts/1/" in mail.outbox[0].body


def test_a_failed_send_is_recorded_and_left_to_send_again(
    hr_director, django_capture_on_commit_callbacks
):
    email = waiting_email(hr_director, django_capture_on_commit_callbacks)

    with (
        mock.patch("django.core.mail.send_mail", side_effect=ConnectionRefusedError("refused")),
        pytest.raises(ConnectionRefusedError),
    ):
        services.email_send(email_id=email.pk)

    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts == 1 and "refused" in email.last_error
    assert services.email_send(email_id=email.pk) is True
    assert len(mail.outbox) == 1


def test_a_broker_down_at_commit_does_not_undo_the_change_and_the_sweep_sends_it(
    hr_director, django_capture_on_commit_callbacks, clock
):
    message = services.Message(kind=Kind.PLAN_SIGNED_OFF, subject="S", text="T", link="/")
    with (
        mock.patch(
            "notifications.tasks.send_email.apply_async", side_effect=OSError("broker down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.notify(recipients=[hr_director], message=message, event_key="k")

    assert mail.outbox == []
    assert OutgoingEmail.objects.get().sent_at is None

    clock.shift(10 * 60)
    with django_capture_on_commit_callbacks(execute=True):
        send_waiting_emails.apply()

    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().sent_at is not None


def test_a_user_without_an_email_address_is_told_in_the_service_only(
    hr_director, django_capture_on_commit_callbacks
):
    hr_director.email = ""
    hr_director.save()
    message = services.Message(kind=Kind.PLAN_SIGNED_OFF, subject="S", text="T", link="/")

    with django_capture_on_commit_callbacks(execute=True):
        made = services.notify(recipients=[hr_director], message=message, event_key="k")

    assert len(made) == 1
    assert not OutgoingEmail.objects.exists()
