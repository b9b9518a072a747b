"""Smoke test in a real browser: every demo account signs in and finds its navigation, the design
system's styles and scripts load under the Content-Security-Policy, and /healthz answers."""

import json
import re

import pytest

from accounts.models import Role
from demo.accounts import DEMO_ACCOUNTS, DEMO_ADMIN_CODES, DEMO_PASSWORD

pytestmark = pytest.mark.browser

EVERYONE = ["Home", "Organisations"]
ADMIN_ONLY = ["Administration"]
NHS_BLUE = "rgb(0, 94, 184)"


def navigation_labels(page) -> list[str]:
    """The menu's link texts, without the to-do count that Home carries ("Home 16 to do")."""
    menu = page.get_by_role("navigation", name="Menu")
    return [
        re.sub(r"\s+[\d,]+ to do$", "", " ".join(label.split()))
        for label in menu.get_by_role("link").all_inner_texts()
    ]


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.username)
def test_demo_account_signs_in_and_sees_its_navigation(
    page, sign_in, screenshot, page_problems, account
):
    sign_in(page, account.username)

    assert page.evaluate("location.pathname") == "/"
    assert page.get_by_role("heading", level=1).inner_text()
    account_text = page.get_by_role("navigation", name="Account").inner_text()
    assert Role(account.role).label in account_text

    labels = navigation_labels(page)
    for label in EVERYONE:
        assert label in labels, f"{account.username} should see {label!r}; sees {labels}"
    for label in ADMIN_ONLY:
        if account.role == Role.ADMINISTRATOR:
            assert label in labels, f"{account.username} should see {label!r}; sees {labels}"
        else:
            assert label not in labels, f"{account.username} should not see {label!r}"

    # The NHS.UK design system: its CSS is served, and its JavaScript ran (no inline script).
    header_colour = page.locator(".nhsuk-header").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert header_colour == NHS_BLUE
    assert "js-enabled" in page.locator("body").get_attribute("class")
    screenshot(page, f"{account.username}-home")

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Organisations").click()
    page.wait_for_load_state()
    assert page.evaluate("location.pathname") == "/organisations/"
    assert page.get_by_role("heading", level=1).inner_text()
    screenshot(page, f"{account.username}-organisations")

    if account.role == Role.ADMINISTRATOR:
        page.get_by_role("navigation", name="Menu").get_by_role(
            "link", name="Administration"
        ).click()
        page.wait_for_load_state()
        # The admin asks staff for a second factor: password again plus a one-time code.
        assert page.evaluate("location.pathname") == "/admin/login/"
        page.fill("#id_username", account.username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.fill("#id_otp_token", DEMO_ADMIN_CODES[0])
        page.locator("input[type=submit]").click()
        page.wait_for_load_state()
        assert page.evaluate("location.pathname") == "/admin/"
        screenshot(page, f"{account.username}-administration")

    page.goto("/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.evaluate("location.pathname") == "/accounts/sign-in/"
    assert page_problems == []


def test_signed_out_visitor_is_sent_to_sign_in(page, page_problems):
    page.goto("/organisations/")

    assert page.evaluate("location.pathname") == "/accounts/sign-in/"
    assert page.get_by_role("heading", level=1, name="Sign in").is_visible()
    assert page_problems == []


def test_wrong_password_is_refused(page, sign_in):
    with pytest.raises(AssertionError, match="could not sign in"):
        sign_in(page, "chair", password="not-the-password-2026")


def test_healthz_answers_in_the_browser(page, screenshot):
    response = page.goto("/healthz")

    assert response.status == 200
    assert json.loads(response.text()) == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "ok"},
    }
    screenshot(page, "healthz")
