import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Role
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:login")
SIGN_OUT = reverse("accounts:logout")


def test_anonymous_visitor_is_sent_to_sign_in_from_every_private_page(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)


def test_signing_in_rotates_the_session_key(client):
    user = UserFactory()
    client.get(SIGN_IN)
    client.session.save()
    before = client.session.session_key

    response = client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signing_out_ends_the_session(client):
    user = UserFactory()
    client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
    old_key = client.session.session_key

    response = client.post(SIGN_OUT)

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.session.session_key != old_key
    assert client.get(reverse("home")).status_code == 302


def test_signing_out_needs_a_post_so_a_link_cannot_sign_anyone_out(client):
    user = UserFactory()
    client.force_login(user)

    assert client.get(SIGN_OUT).status_code == 405


def test_sessions_expire_after_thirty_idle_minutes_and_each_request_extends_them(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("home"))

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert client.session.get_expiry_age() == 30 * 60


def test_a_wrong_password_is_refused_with_a_message(client):
    user = UserFactory()

    response = client.post(SIGN_IN, {"username": user.username, "password": "wrong"})

    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failed_sign_ins_lock_the_account_even_with_the_right_password(client):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(SIGN_IN, {"username": user.username, "password": "wrong"})

    response = client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lock_out_settings_are_explicit():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("hr_director", ["Home", "Organisations"]),
        ("chair", ["Home", "Organisations"]),
        ("talent_team", ["Home", "Organisations"]),
        ("pledge_lead", ["Home", "Organisations"]),
        ("administrator", ["Home", "Organisations", "Administration"]),
    ],
)
def test_navigation_shows_what_each_role_can_use(request, client, persona, expected):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    navigation = response_navigation(client.get(reverse("home")))

    for label in expected:
        assert label in navigation
    if persona != "administrator":
        assert "Administration" not in navigation


def test_home_page_says_who_the_user_acts_for(client, hr_director, trust):
    client.force_login(hr_director)

    page = client.get(reverse("home")).content.decode()

    assert "hr director for" in page.lower()
    assert trust.display_name.replace("'", "&#x27;") in page


def test_a_user_without_a_membership_is_told_to_ask_for_one(client):
    client.force_login(UserFactory())

    page = client.get(reverse("home")).content.decode()

    assert "has no role yet" in page


def test_roles_come_from_memberships_not_code(hr_director, trust):
    from accounts.roles import organisations_for, roles_of

    assert roles_of(hr_director) == {Role.HR_DIRECTOR}
    assert organisations_for(hr_director, Role.HR_DIRECTOR) == [trust]
    assert organisations_for(hr_director, Role.CHAIR) == []


def response_navigation(response) -> str:
    page = response.content.decode()
    start = page.index('aria-label="Menu"')
    return page[start : page.index("</nav>", start)]


def test_the_board_and_post_pages_mark_my_organisation_as_the_current_section(hr_director):
    from accounts.navigation import navigation_for

    for path in ("/organisations/RJ1/posts/", "/posts/12/plan/"):
        current = [item["label"] for item in navigation_for(hr_director, path) if item["current"]]
        assert current == ["My organisation"]
    current = [i["label"] for i in navigation_for(hr_director, "/organisations/") if i["current"]]
    assert current == ["Organisations"]
