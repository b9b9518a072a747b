"""axe-core on every page the succession journeys reach, for each role that reaches them, and in
the states a user meets there: forms showing their errors, search results, an upload preview
with bad rows, the 404 page. No serious or critical violation of WCAG 2.0, 2.1 or 2.2 at level
A or AA may remain (see axe.py for the rules and the one documented exception).

Each check is a test of its own, so a failure names the page and the role. Sign-ins are shared:
each account signs in once per module and the checks reuse its cookies. Nothing here changes
data: every form is sent with something missing, so it comes back with its errors shown."""

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.browser.conftest import OTHER_HR_DIRECTOR, sign_in_as

pytestmark = pytest.mark.browser

ANONYMOUS = ""
HR_DIRECTOR = "hr.director"
CHAIR = "chair"
TALENT_TEAM = "talent.team"
PLEDGE_LEAD = "pledge.lead"
ADMIN = "admin"


@dataclass(frozen=True)
class Visit:
    name: str
    user: str
    steps: Callable
    status: int = 200  # what the page's own response is (the 404 page's is 404)
    error_pages: bool = False  # on the service with DEBUG off

    def __str__(self) -> str:
        return f"{self.user or 'anonymous'}-{self.name}"


VISITS: list[Visit] = []


def visit(*users: str, status: int = 200, error_pages: bool = False):
    """Register the decorated steps as a page to check, once for each of `users`."""

    def register(steps):
        name = steps.__name__.replace("_", "-")
        VISITS.extend(Visit(name, user, steps, status, error_pages) for user in users)
        return steps

    return register


# --- Moving about ---------------------------------------------------------------------------------


def open_page(page, path: str, status: int = 200) -> None:
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}, not {status}"


def follow(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def send(page, button: str) -> None:
    """Send the form whose button is named `button`; it comes back with its errors."""
    follow(page.locator("main").get_by_role("button", name=button, exact=True))
    assert page.locator(".nhsuk-error-summary").is_visible(), "the form showed no errors"


def board(world) -> str:
    return f"/organisations/{world['trust']['ods_code']}/posts/"


def post(world) -> str:
    """A post of the demo trust with a slate, sign-offs and years of history."""
    return f"/posts/{world['conflict_post']['id']}/"


def plan(world) -> str:
    return f"{post(world)}plan/"


def first_successor(page, world, link: str) -> None:
    """From the plan page, the first successor's `link` (Change, Remove, Appoint)."""
    open_page(page, plan(world))
    row = page.locator("#slate-table tbody tr").first
    follow(row.get_by_role("link", name=re.compile(f"^{link} ")))


# --- Signed out -----------------------------------------------------------------------------------


@visit(ANONYMOUS)
def sign_in(page, world, tmp_path):
    open_page(page, "/accounts/sign-in/")


@visit(ANONYMOUS)
def sign_in_with_errors(page, world, tmp_path):
    # Nothing typed: the form's own errors, without a failed sign-in for the lock-out to count.
    open_page(page, "/accounts/sign-in/")
    send(page, "Sign in")


@visit(ANONYMOUS)
def accessibility_statement(page, world, tmp_path):
    open_page(page, "/accessibility/")


# --- Everyone signed in ---------------------------------------------------------------------------


@visit(HR_DIRECTOR, CHAIR, TALENT_TEAM, PLEDGE_LEAD, ADMIN, OTHER_HR_DIRECTOR)
def home(page, world, tmp_path):
    open_page(page, "/")


@visit(HR_DIRECTOR, CHAIR, TALENT_TEAM, PLEDGE_LEAD, ADMIN)
def organisations(page, world, tmp_path):
    open_page(page, "/organisations/")


@visit(HR_DIRECTOR, PLEDGE_LEAD)
def api_reference(page, world, tmp_path):
    # Drawn on the server from the schema (ADR 0021); every in-page link lands on a heading.
    open_page(page, "/api/docs/")
    assert page.get_by_role("heading", level=1).inner_text().endswith("API")
    missing = page.evaluate(
        """() => [...document.querySelectorAll('a[href^="#"]')]
          .map((link) => link.getAttribute("href").slice(1))
          .filter((id) => id && !document.getElementById(id))"""
    )
    assert missing == []


@visit(HR_DIRECTOR, CHAIR, TALENT_TEAM, PLEDGE_LEAD)
def organisation(page, world, tmp_path):
    open_page(page, f"/organisations/{world['trust']['ods_code']}/")


# --- Notifications (issue 17; the worklists are on the home page above) ---------------------------


@visit(HR_DIRECTOR, CHAIR, TALENT_TEAM, PLEDGE_LEAD)
def notifications(page, world, tmp_path):
    open_page(page, "/notifications/")


@visit(HR_DIRECTOR, CHAIR, TALENT_TEAM, PLEDGE_LEAD)
def notification_preferences(page, world, tmp_path):
    open_page(page, "/notifications/preferences/")


@visit(OTHER_HR_DIRECTOR, status=404, error_pages=True)
def another_trusts_plan_not_found(page, world, tmp_path):
    open_page(page, plan(world), status=404)
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"


# --- The board, posts and plans -------------------------------------------------------------------


@visit(HR_DIRECTOR, CHAIR, TALENT_TEAM)
def board_of_posts(page, world, tmp_path):
    open_page(page, board(world))


@visit(HR_DIRECTOR)
def board_sorted_by_successors_ready_now(page, world, tmp_path):
    open_page(page, board(world))
    follow(page.get_by_role("link", name="Successors ready Now"))
    assert page.locator("th[aria-sort]").count() == 1


@visit(HR_DIRECTOR, CHAIR, TALENT_TEAM)
def post_page(page, world, tmp_path):
    open_page(page, post(world))


@visit(HR_DIRECTOR)
def plan_page(page, world, tmp_path):
    open_page(page, plan(world))


@visit(HR_DIRECTOR)
def plan_review_with_errors(page, world, tmp_path):
    open_page(page, plan(world))
    page.locator("main").get_by_label("Year", exact=True).fill("2099")
    send(page, "Record the review")


@visit(CHAIR)
def sign_off(page, world, tmp_path):
    open_page(page, f"{plan(world)}sign-off/")


@visit(HR_DIRECTOR)
def add_successor_search(page, world, tmp_path):
    open_page(page, f"{plan(world)}add/")


@visit(HR_DIRECTOR)
def add_successor_search_results(page, world, tmp_path):
    open_page(page, f"{plan(world)}add/?q=smith")
    assert page.locator("main table tbody tr").count() > 0


@visit(HR_DIRECTOR)
def add_successor_with_errors(page, world, tmp_path):
    open_page(page, f"{plan(world)}add/?q=smith")
    follow(
        page.locator("main table tbody tr").first.get_by_role("link", name=re.compile("^Choose"))
    )
    send(page, "Add to the slate")


@visit(HR_DIRECTOR)
def change_readiness(page, world, tmp_path):
    first_successor(page, world, "Change")


@visit(HR_DIRECTOR)
def remove_successor_with_errors(page, world, tmp_path):
    first_successor(page, world, "Remove")
    send(page, "Remove from the slate")


@visit(HR_DIRECTOR)
def appoint_with_errors(page, world, tmp_path):
    first_successor(page, world, "Appoint")
    page.locator("main").get_by_label("Day", exact=True).fill("")
    send(page, "Appoint")


@visit(HR_DIRECTOR)
def change_post_with_errors(page, world, tmp_path):
    open_page(page, f"{post(world)}edit/")
    page.get_by_label("Post title").fill("")
    send(page, "Save the post")


@visit(HR_DIRECTOR)
def add_post_with_errors(page, world, tmp_path):
    open_page(page, f"{board(world)}new/")
    send(page, "Add the post")


@visit(HR_DIRECTOR)
def new_holder_with_errors(page, world, tmp_path):
    open_page(page, f"{post(world)}holder/new/")
    send(page, "Record the holder")


@visit(HR_DIRECTOR)
def expected_departure(page, world, tmp_path):
    open_page(page, f"{post(world)}holder/departure/")


@visit(HR_DIRECTOR)
def holder_left_with_errors(page, world, tmp_path):
    open_page(page, f"{post(world)}holder/left/")
    send(page, "Record that they left")


# --- People ---------------------------------------------------------------------------------------


@visit(HR_DIRECTOR, CHAIR)
def people(page, world, tmp_path):
    open_page(page, "/people/")


@visit(HR_DIRECTOR, CHAIR)
def person(page, world, tmp_path):
    open_page(page, f"/people/{world['colleague']['id']}/")


# --- Upload -------------------------------------------------------------------------------------


@visit(HR_DIRECTOR)
def upload(page, world, tmp_path):
    open_page(page, f"{board(world)}import/")


@visit(HR_DIRECTOR)
def upload_with_errors(page, world, tmp_path):
    open_page(page, f"{board(world)}import/")
    send(page, "Upload and check")


@visit(HR_DIRECTOR)
def upload_preview_with_bad_rows(page, world, tmp_path):
    open_page(page, f"{board(world)}import/")
    upload = tmp_path / "posts.csv"
    with upload.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(
            [
                ["post_title", "role", "top_200"],
                ["Director of research", "other_executive_director", "no"],
                ["", "wizard", "maybe"],
            ]
        )
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Upload your spreadsheet")).click()
    chooser.value.set_files(upload)
    follow(page.get_by_role("button", name="Upload and check"))
    assert page.get_by_role("heading", level=1).inner_text() == "Check the posts in your file"
    assert page.locator(".nhsuk-error-summary").is_visible()


# --- The checks -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def signed_in(browser, live_server_url):
    """signed_in(username) -> the cookies of a session of that account, made once per module."""
    states = {}

    def state(username: str):
        if username not in states:
            context = browser.new_context(base_url=live_server_url)
            try:
                sign_in_as(context.new_page(), username)
                states[username] = context.storage_state()
            finally:
                context.close()
        return states[username]

    return state


@pytest.mark.parametrize("visit", VISITS, ids=str)
def test_page_has_no_serious_or_critical_accessibility_violations(
    visit, new_page, signed_in, world, error_pages_url, a11y, screenshot, page_problems, tmp_path
):
    options = {"storage_state": signed_in(visit.user)} if visit.user else {}
    if visit.error_pages:
        options["base_url"] = error_pages_url
    page = new_page(**options)

    visit.steps(page, world, tmp_path)
    screenshot(page, f"a11y-{visit}")
    a11y.check(page, f"{visit.name} as {visit.user or 'anonymous'}")

    assert a11y.violations == [], a11y.report()
    # The page's own error status (a 404 page) is expected, in the responses and the console.
    allowed = (f"{visit.status} for ", f"status of {visit.status} ") if visit.status >= 400 else ()
    assert [p for p in page_problems if not any(text in p for text in allowed)] == []


def test_axe_reports_a_violation_planted_in_a_page(page, a11y):
    """The check can fail: an image without alternative text, added to the sign-in page."""
    open_page(page, "/accounts/sign-in/")
    page.evaluate(
        """() => {
          const image = document.createElement("img");
          image.src = "/static/dist/images/favicon.svg";
          document.querySelector("main").append(image);
        }"""
    )

    found = a11y.check(page, "sign-in with an image planted")

    assert [(violation.rule, violation.impact) for violation in found] == [
        ("image-alt", "critical")
    ]
    assert "image-alt [critical]" in a11y.report()


def test_the_reflow_check_reports_a_page_wider_than_a_phone(page, a11y):
    """The check can fail: a box 600 px wide, added to the sign-in page, widens it at 320 and 375."""
    open_page(page, "/accounts/sign-in/")
    page.evaluate(
        """() => {
          const box = document.createElement("div");
          box.id = "planted";
          box.style.width = "600px";
          box.textContent = "Too wide";
          document.querySelector("main").append(box);
        }"""
    )

    found = a11y.check(page, "sign-in with a wide box planted")

    assert [(violation.rule, violation.impact) for violation in found] == [("reflow", "serious")]
    assert found[0].targets[0].startswith("6")
    assert "at 320 px (sticking out: div#planted)" in found[0].targets[0]
    assert "at 375 px" in found[0].targets[1]
    assert page.viewport_size == {"width": 1280, "height": 900}, "the tab was not put back"
