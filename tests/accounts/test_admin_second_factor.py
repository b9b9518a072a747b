import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from demo.accounts import demo_admin_codes_ensure
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
ADMIN_LOGIN = reverse("admin:login")


def test_a_signed_in_administrator_still_needs_a_second_factor_for_the_admin(client, administrator):
    client.force_login(administrator)

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response.url.startswith(ADMIN_LOGIN)


def test_the_admin_sign_in_refuses_a_password_without_a_one_time_code(client, administrator):
    demo_admin_codes_ensure(user=administrator)

    response = client.post(
        ADMIN_LOGIN, {"username": administrator.username, "password": PASSWORD, "next": ADMIN}
    )

    assert response.status_code == 200
    assert client.get(ADMIN).status_code == 302


def test_an_administrator_with_password_and_code_reaches_the_admin(client, administrator):
    codes = demo_admin_codes_ensure(user=administrator)
    device = StaticDevice.objects.get(user=administrator)

    response = client.post(
        ADMIN_LOGIN,
        {
            "username": administrator.username,
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": codes[0],
            "next": ADMIN,
        },
    )

    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_a_backup_code_works_once(client, administrator):
    codes = demo_admin_codes_ensure(user=administrator)
    device = StaticDevice.objects.get(user=administrator)
    form = {
        "username": administrator.username,
        "password": PASSWORD,
        "otp_device": device.persistent_id,
        "otp_token": codes[0],
    }
    client.post(ADMIN_LOGIN, form)
    client.logout()

    client.post(ADMIN_LOGIN, form)

    assert client.get(ADMIN).status_code == 302


def test_staff_without_the_admin_role_cannot_use_the_admin(client, hr_director):
    client.force_login(hr_director)

    assert client.get(ADMIN).status_code == 302


def test_someone_with_one_device_is_not_asked_to_choose_it(client, administrator):
    codes = demo_admin_codes_ensure(user=administrator)

    response = client.post(
        ADMIN_LOGIN,
        {
            "username": administrator.username,
            "password": PASSWORD,
            "otp_token": codes[1],
            "next": ADMIN,
        },
    )

    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_is_refused_with_a_message(client, administrator):
    demo_admin_codes_ensure(user=administrator)

    response = client.post(
        ADMIN_LOGIN,
        {
            "username": administrator.username,
            "password": PASSWORD,
            "otp_token": "not-a-code",
            "next": ADMIN,
        },
    )

    assert response.status_code == 200
    assert (
        "Invalid token. Please make sure you have entered it correctly."
        in response.content.decode()
    )
    assert client.get(ADMIN).status_code == 302
