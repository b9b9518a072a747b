"""Worklists and notifications tried as their users would, in a real browser (issue 17's "Done
when"): the HR director asks for sign-off; the chair's home page lists the plan with a count in
the navigation; the chair signs off from there; the HR director sees it in their notifications
(and its email is in the outbox, sent by the worker), marks it read, and chooses how to hear of
each kind. Every page reached is checked with axe-core (serious or critical WCAG 2.2 AA
violations fail) and photographed into test-results/."""

import json
import re

import pytest

from tests.browser.journey import Steps, banner, follow, heading, unexpected

pytestmark = pytest.mark.browser

HR_DIRECTOR = "hr.director"
CHAIR = "chair"
MARK = "WORKLIST="

# A post of the demo trust that no other journey uses, and that is not waiting for sign-off.
PICK_POST = """
import json
import re
from accounts.models import Role
from demo.accounts import DEMO_ACCOUNTS
from succession.models import Post

trust = next(a.organisation for a in DEMO_ACCOUNTS if a.role == Role.HR_DIRECTOR)
post = (
    Post.objects.filter(organisation__ods_code=trust, abolished_on__isnull=True)
    .exclude(pk__in=USED)
    .filter(plan__sign_off_requested_at__isnull=True)
    .order_by("-pk")
    .first()
)
print(MARK + json.dumps({"id": post.pk, "title": post.title}))
"""

SEND_EMAILS = """
import json
import re
from notifications import services
from notifications.models import OutgoingEmail

emails = OutgoingEmail.objects.filter(
    recipient__username=USERNAME, subject=SUBJECT, sent_at__isnull=True
)
sent = [services.email_send(email_id=email.pk) for email in emails]
print(MARK + json.dumps({"sent": sent}))
"""


def run_script(manage_py, script: str, **names) -> dict:
    header = "".join(f"{name} = {value!r}\n" for name, value in names.items())
    output = manage_py("shell", "-c", f"MARK = {MARK!r}\n{header}{script}")
    line = next(line for line in output.splitlines() if line.startswith(MARK))
    return json.loads(line.removeprefix(MARK))


@pytest.fixture(scope="module")
def journey_post(manage_py, world) -> dict:
    used = [
        world[key]["id"] for key in ("story_post", "conflict_post", "keyboard_post", "no_js_post")
    ]
    used += [world["appointment"]["post"]["id"], world["appointment"]["left_post"]["id"]]
    return run_script(manage_py, PICK_POST, USED=used)


def nav_link(page, name: str):
    return page.get_by_role("navigation", name="Menu").get_by_role("link", name=name)


def test_sign_off_asked_shows_on_the_chairs_worklist_and_its_sign_off_in_the_hr_directors_notifications(  # noqa: E501
    page, new_page, sign_in, journey_post, manage_py, screenshot, a11y, page_problems
):
    post = journey_post
    steps = Steps("worklist-journey", screenshot, a11y)

    # The HR director asks the chair to sign off the plan.
    sign_in(page, HR_DIRECTOR)
    steps.see(page, "hr-director-home")
    page.goto(f"/posts/{post['id']}/plan/")
    follow(page.get_by_role("button", name="Ask the chair to sign off"))
    assert "You asked the chair to sign off this plan" in banner(page)

    # The chair's home page lists it, with the count in the navigation.
    chair = new_page()
    sign_in(chair, CHAIR)
    assert heading(chair)
    worklist = chair.locator("section", has=chair.locator("#worklist-sign_off"))
    item = worklist.get_by_role("link", name=f"Sign off the plan for {post['title']}")
    assert item.count() == 1
    count = re.search(r"Home (\d+) to do", nav_link(chair, "Home").text_content())
    assert count and int(count.group(1)) >= 1, nav_link(chair, "Home").text_content()
    steps.see(chair, "chair-home-with-worklist")

    follow(item)
    assert heading(chair) == "Sign off the succession plan"
    follow(chair.get_by_role("button", name="Sign off this plan"))
    assert f"You signed off the succession plan for {post['title']}" in banner(chair)
    chair.goto("/")
    assert chair.get_by_role("link", name=f"Sign off the plan for {post['title']}").count() == 0, (
        "the item goes once it is done"
    )
    steps.see(chair, "chair-home-after")

    # The HR director sees it in their notifications, and it is emailed.
    page.goto("/")
    account = page.get_by_role("navigation", name="Account")
    assert "unread" in account.get_by_role("link", name="Notifications").text_content()
    follow(account.get_by_role("link", name="Notifications"))
    assert heading(page) == "Notifications"
    subject = f"The succession plan for {post['title']} is signed off"
    card = page.locator(".nhsuk-card", has=page.get_by_role("heading", name=subject))
    assert card.count() == 1
    steps.see(page, "notifications")
    sent = run_script(manage_py, SEND_EMAILS, USERNAME=HR_DIRECTOR, SUBJECT=subject)["sent"]
    assert sent == [True], "one email, sent once"

    follow(card.get_by_role("button", name="Mark as read"))
    card = page.locator(".nhsuk-card", has=page.get_by_role("heading", name=subject))
    assert card.get_by_role("button").count() == 0
    steps.see(page, "notifications-after-read")

    follow(page.get_by_role("link", name="Choose how you hear of each kind"))
    assert heading(page) == "How you hear of notifications"
    steps.see(page, "preferences")
    page.get_by_role("group", name="A plan you look after is signed off").get_by_label(
        "Email me a daily summary"
    ).check()
    follow(page.get_by_role("button", name="Save my choices"))
    assert "Your choices are saved" in banner(page)

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()
