"""Sign-in that cannot lock everyone out, and sessions that end however busy they are.

Behind a trust's proxy or an HSCN gateway everyone arrives from one address: five typos by one
person must lock that person's account, not everyone at the address. The address is REMOTE_ADDR;
X-Forwarded-For counts only when a proxy of ours is configured. And a page that polls the API
keeps a session from ever going idle, so sessions also end 12 hours after sign-in."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.sessions import SIGNED_IN_AT
from core.durations import duration_in_words
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:login")
GATEWAY = "10.20.30.40"


def sign_in(client, user, password=PASSWORD, address=GATEWAY, **headers):
    return client.post(
        SIGN_IN,
        {"username": user.username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def five_typos(client, user, address=GATEWAY, **headers):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user, password="wrong-password", address=address, **headers)
        client.logout()


def test_five_typos_by_one_person_do_not_lock_out_others_at_the_same_address(client):
    alice, bob = UserFactory(), UserFactory()
    five_typos(client, alice)

    response = sign_in(client, bob)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bob.pk)


def test_the_account_that_was_tried_is_locked_even_with_the_right_password(client):
    alice = UserFactory()
    five_typos(client, alice)

    response = sign_in(client, alice)

    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_x_forwarded_for_header_does_not_dodge_the_lock_when_no_proxy_is_configured(client):
    alice = UserFactory()
    for hop in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, alice, password="wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{hop}")

    response = sign_in(client, alice, HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert response.status_code == 429


def test_an_x_forwarded_for_header_is_ignored_without_a_trusted_proxy(rf):
    from core.client_address import client_address

    request = rf.get("/", REMOTE_ADDR=GATEWAY, HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert settings.TRUSTED_PROXY_COUNT == 0
    assert client_address(request) == GATEWAY


def test_with_one_trusted_proxy_the_address_it_saw_is_used_not_what_the_client_wrote(rf, settings):
    from core.client_address import client_address

    settings.TRUSTED_PROXY_COUNT = 1
    forged = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    missing = rf.get("/", REMOTE_ADDR="10.0.0.2")
    nonsense = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")

    assert client_address(forged) == "198.51.100.7"
    assert client_address(missing) == "10.0.0.2"
    assert client_address(nonsense) == "10.0.0.2"


def test_behind_a_trusted_proxy_typos_lock_the_account_from_the_real_address_only(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    alice = UserFactory()
    five_typos(client, alice, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    from_there = sign_in(client, alice, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    client.logout()
    elsewhere = sign_in(client, alice, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8")

    assert from_there.status_code == 429
    assert elsewhere.status_code == 302


def test_the_locked_out_page_says_how_long_in_words(client):
    alice = UserFactory()
    five_typos(client, alice)

    page = sign_in(client, alice).content.decode()

    assert "try again in 15 minutes" in page
    assert "PT15M" not in page


@pytest.mark.parametrize(
    ("duration", "words"),
    [
        (dt.timedelta(minutes=15), "15 minutes"),
        (dt.timedelta(minutes=1), "1 minute"),
        (dt.timedelta(hours=1), "1 hour"),
        (dt.timedelta(hours=1, minutes=30), "1 hour 30 minutes"),
        (12 * 60 * 60, "12 hours"),
        (dt.timedelta(days=2), "2 days"),
        (30, "30 seconds"),
    ],
)
def test_durations_are_said_in_words(duration, words):
    assert duration_in_words(duration) == words


def signed_in_ago(client, ago: dt.timedelta) -> None:
    session = client.session
    session[SIGNED_IN_AT] = session[SIGNED_IN_AT] - ago.total_seconds()
    session.save()


def test_sessions_last_twelve_hours_from_sign_in_by_default():
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60


def test_signing_in_starts_the_sessions_absolute_lifetime(client):
    alice = UserFactory()

    sign_in(client, alice)

    assert SIGNED_IN_AT in client.session


def test_a_session_polling_the_api_still_ends_twelve_hours_after_sign_in(client, hr_director):
    client.post(SIGN_IN, {"username": hr_director.username, "password": PASSWORD})
    lifetime = dt.timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS)
    signed_in_ago(client, lifetime - dt.timedelta(minutes=1))
    assert client.get(reverse("api-post-list")).status_code == 200

    signed_in_ago(client, dt.timedelta(minutes=2))

    assert client.get(reverse("api-post-list")).status_code == 403
    page = client.get(reverse("home"))
    assert page.status_code == 302 and page.url.startswith(SIGN_IN)
    assert "_auth_user_id" not in client.session


def test_a_page_request_after_twelve_hours_is_sent_to_sign_in_with_the_reason(client, hr_director):
    client.force_login(hr_director)
    signed_in_ago(client, dt.timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS + 1))

    response = client.get(reverse("home"), follow=True)

    assert response.redirect_chain[-1][0].startswith(SIGN_IN)
    assert "more than 12 hours ago" in response.content.decode()


def test_signing_in_again_restarts_the_lifetime(client):
    alice = UserFactory()
    sign_in(client, alice)
    signed_in_ago(client, dt.timedelta(hours=11))

    client.logout()
    sign_in(client, alice)

    assert client.get(reverse("home")).status_code == 200
    signed_in_ago(client, dt.timedelta(hours=11))
    assert client.get(reverse("home")).status_code == 200
