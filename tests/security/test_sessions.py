"""Idle expiry as a user meets it. tests/accounts/test_sign_in.py checks the settings (30 minutes,
saved on every request); these check what they do: a session left alone for 30 minutes no longer
signs anyone in, and any request before then starts the 30 minutes again."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

IDLE = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)


def idle_for(client, idle: dt.timedelta) -> None:
    """Make the client's session look as if its last request was `idle` ago."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() + IDLE - idle
    )


def test_a_session_idle_for_thirty_minutes_no_longer_signs_anyone_in(client, hr_director):
    client.force_login(hr_director)
    assert client.get(reverse("home")).status_code == 200

    idle_for(client, IDLE + dt.timedelta(seconds=1))

    page = client.get(reverse("succession:board", args=["RJ1"]))
    api = client.get(reverse("api-post-list"))
    assert page.status_code == 302 and page.url.startswith(reverse("accounts:login"))
    assert api.status_code == 403


def test_a_request_before_the_thirty_minutes_are_up_starts_them_again(client, hr_director):
    client.force_login(hr_director)
    idle_for(client, IDLE - dt.timedelta(minutes=1))

    response = client.get(reverse("home"))

    assert response.status_code == 200
    expires = Session.objects.get(session_key=client.session.session_key).expire_date
    assert expires - timezone.now() > IDLE - dt.timedelta(seconds=30)
