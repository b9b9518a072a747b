"""Error pages, the accessibility statement, the privacy notice and the messages banner."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.exceptions import PermissionDenied
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.test import override_settings
from django.urls import reverse
from django.views import defaults

from tests.accounts.factories import UserFactory

# An empty URLconf: 500.html must render even when no URL can be reversed.
urlpatterns = []


def test_the_500_page_renders_with_an_empty_context():
    html = get_template("500.html").template.render(Context())

    assert "Sorry, there is a problem with the service" in html
    assert "nhsuk-header" in html
    assert "dist/css/main.css" in html
    assert "Try again later." in html


@override_settings(ROOT_URLCONF=__name__)
def test_the_500_page_needs_no_urls_so_it_renders_when_routing_is_broken(rf):
    response = defaults.server_error(rf.get("/"))

    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b'href="/"' in response.content


def test_the_500_page_names_the_service_from_settings(settings):
    settings.SERVICE_NAME = "NHS Leadership Talent"

    html = get_template("500.html").template.render(Context())

    assert "<title>Sorry, there is a problem with the service – NHS Leadership Talent – NHS" in html


@override_settings(ROOT_URLCONF=__name__)
def test_the_400_page_renders_without_urls_or_context_processors(rf):
    response = defaults.bad_request(rf.get("/"), Exception("bad"))

    assert response.status_code == 400
    assert b"Sorry, there is a problem with your request" in response.content


@pytest.mark.django_db
def test_an_unknown_address_shows_the_nhs_page_not_found_when_signed_in(client):
    client.force_login(UserFactory())

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert "If you entered a web address, check it was correct." in html
    assert 'class="nhsuk-header"' in html
    assert f'href="{reverse("home")}"' in html
    assert "Sign out" in html  # the normal signed-in header, from base.html


@pytest.mark.django_db
def test_the_403_page_explains_that_the_role_does_not_allow_it(rf):
    request = rf.get("/somewhere/")
    request.user = AnonymousUser()

    response = defaults.permission_denied(request, PermissionDenied("secret detail"))

    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have permission to see this page" in html
    assert "administrator" in html
    assert "secret detail" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "heading", "must_say"),
    [
        ("accessibility", "Accessibility statement for", ["WCAG", "2.2", "23 November 2026"]),
        ("privacy", "Privacy notice", ["Article 6(1)(e)", "special category", "ico.org.uk"]),
    ],
)
def test_the_accessibility_and_privacy_pages_are_public(client, name, heading, must_say):
    response = client.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}" in html
    for words in must_say:
        assert words in html


@pytest.mark.django_db
def test_the_accessibility_statement_says_how_to_report_a_problem_and_who_enforces(client):
    html = client.get(reverse("accessibility")).content.decode()

    assert "Reporting accessibility problems with this service" in html
    assert "Equality Advisory and Support Service" in html
    assert "There is no content that we know to be non-accessible." in html


@pytest.mark.django_db
def test_the_privacy_notice_lists_the_personal_data_the_service_holds(client):
    html = client.get(reverse("privacy")).content.decode()

    for held in ("work email address", "career history", "talent assessments"):
        assert held in html
    assert (
        "only totals for groups of people" in html and "never anything about an individual" in html
    )
    assert "England’s included, numbers from 1 to 7 are shown as *" in html
    assert "published once a night" in html and "until the next publication" in html
    assert "How long we keep it" in html
    assert "england.dpo@nhs.net" in html


@pytest.mark.django_db
def test_the_footer_links_to_the_accessibility_statement_and_privacy_notice(client):
    html = client.get(reverse("accounts:login")).content.decode()

    assert f'href="{reverse("accessibility")}"' in html
    assert f'href="{reverse("privacy")}"' in html


def test_a_service_contact_email_appears_when_settings_have_one(settings, rf):
    settings.SERVICE_CONTACT_EMAIL = "talent.service@example.nhs.uk"

    html = render_to_string("core/accessibility.html", {"service_name": "NHS Leadership Talent"})

    assert 'href="mailto:talent.service@example.nhs.uk"' in html


def test_a_success_message_is_a_success_notification_banner():
    html = render_to_string(
        "components/messages.html", {"messages": [Message(constants.SUCCESS, "Plan saved")]}
    )

    assert 'class="nhsuk-notification-banner nhsuk-notification-banner--success"' in html
    assert 'data-module="nhsuk-notification-banner"' in html
    assert 'role="alert"' in html
    assert 'aria-labelledby="message-1-title"' in html
    assert 'id="message-1-title"' in html
    assert "Success" in html
    assert "Plan saved" in html


def test_an_information_message_is_an_important_banner_and_a_landmark():
    html = render_to_string(
        "components/messages.html", {"messages": [Message(constants.INFO, "Import started")]}
    )

    assert 'class="nhsuk-notification-banner"' in html
    assert 'role="region"' in html
    assert "Important" in html


def test_an_error_message_is_an_error_summary():
    html = render_to_string(
        "components/messages.html", {"messages": [Message(constants.ERROR, "Import failed")]}
    )

    assert 'class="nhsuk-error-summary"' in html
    assert '<div role="alert">' in html
    assert "There is a problem" in html
    assert "Import failed" in html
