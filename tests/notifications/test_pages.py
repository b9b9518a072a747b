"""The notifications page (unread first, mark one or all read, with forms that work without
JavaScript), the count in the header, and the preferences page."""

import pytest
from django.urls import reverse

from notifications import services
from notifications.models import Delivery, Kind, Notification, NotificationPreference
from tests.pages import text_of

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")


def tell(user, subject, *, key=None, kind=Kind.PLAN_SIGNED_OFF):
    message = services.Message(kind=kind, subject=subject, text=f"{subject}.", link="/")
    return services.notify(recipients=[user], message=message, event_key=key or subject)[0]


def test_the_page_lists_unread_first_then_read_newest_first(client_for, hr_director, clock):
    tell(hr_director, "Oldest, read")
    clock.shift(60)
    tell(hr_director, "Unread")
    clock.shift(60)
    newest = tell(hr_director, "Newest, read")
    services.notifications_mark_read(
        user=hr_director,
        ids=list(
            Notification.objects.filter(subject__contains="read,").values_list("pk", flat=True)
        ),
    )
    assert newest.pk

    page = text_of(client_for(hr_director).get(LIST))

    assert page.index("Unread") < page.index("Newest, read") < page.index("Oldest, read")


def test_a_user_sees_only_their_own_notifications(client_for, hr_director, chair):
    tell(chair, "For the chair")

    page = text_of(client_for(hr_director).get(LIST))

    assert "For the chair" not in page
    assert "You have no notifications" in page


def test_marking_one_read_is_a_post_form_and_the_header_count_goes_down(client_for, hr_director):
    first = tell(hr_director, "First")
    tell(hr_director, "Second")
    client = client_for(hr_director)
    assert "Notifications 2 unread" in text_of(client.get(LIST))

    response = client.post(reverse("notifications:read", args=[first.pk]))

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.is_read
    assert "Notifications 1 unread" in text_of(client.get(LIST))


def test_no_one_can_mark_another_users_notification_read(client_for, hr_director, chair):
    theirs = tell(chair, "For the chair")

    response = client_for(hr_director).post(reverse("notifications:read", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_mark_all_read_marks_every_unread_one(client_for, hr_director, chair):
    tell(hr_director, "One")
    tell(hr_director, "Two")
    tell(chair, "The chair's")

    response = client_for(hr_director).post(reverse("notifications:read_all"), follow=True)

    assert "Marked 2 notifications as read" in text_of(response)
    assert not Notification.objects.filter(recipient=hr_director, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=chair, read_at__isnull=True).count() == 1


def test_the_header_shows_no_count_when_nothing_is_unread(client_for, hr_director):
    page = text_of(client_for(hr_director).get(LIST))

    assert "Notifications" in page
    assert " unread " not in page.replace("unread first", "")


def test_preferences_ask_about_the_kinds_of_the_users_roles_and_save_them(client_for, chair):
    client = client_for(chair)
    page = text_of(client.get(reverse("notifications:preferences")))
    assert Kind.SIGN_OFF_REQUESTED.label in page
    assert Kind.PLEDGE_UPDATE_DUE.label not in page

    choices = {
        Kind.SIGN_OFF_REQUESTED: Delivery.DAILY_SUMMARY,
        Kind.SIGN_OFF_WAITING: Delivery.SERVICE_ONLY,
        Kind.REPORT_ANSWERED: Delivery.EMAIL_NOW,
    }
    response = client.post(reverse("notifications:preferences"), choices)

    assert response.status_code == 302
    saved = dict(NotificationPreference.objects.filter(user=chair).values_list("kind", "delivery"))
    assert saved == choices


def test_an_unanswered_preference_is_an_error_saying_what_to_choose(client_for, chair):
    response = client_for(chair).post(
        reverse("notifications:preferences"), {Kind.SIGN_OFF_REQUESTED: Delivery.EMAIL_NOW}
    )

    assert response.status_code == 200
    assert "There is a problem" in text_of(response)
    assert not NotificationPreference.objects.exists()
