"""The pledge tracker's journeys in a real browser (issue 7): the pledge lead adds a quarterly
progress update to one of their body's pledges (after a first try with fields missing, which
keeps what was typed) and sees it on the pledge and in the tracker's matrix; a trust's HR
director reports an inconsistency with a pledge and sees it on My reports; the national talent
team sees the report and who made it; the body's pledge lead sees it without the reporter and
responds, and the reporter reads the response.

Every page reached is checked with axe-core on the way (serious or critical WCAG 2.2 AA
violations fail the journey, after its own assertions) and photographed into test-results/.
The two journeys choose different pledges (see `body_pledges`), so they run in any order."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import OTHER_HR_DIRECTOR
from tests.browser.journey import (
    Steps,
    banner,
    follow,
    heading,
    summary_value,
    unexpected,
)

pytestmark = pytest.mark.browser

PLEDGE_LEAD = "pledge.lead"
PLEDGE_LEAD_NAME = "Priya Lal"
BODY = "NHS England"
TALENT_TEAM = "talent.team"
REPORTER_NAME = "Bob Marsh"  # the HR director of another trust that `world` adds
ANONYMOUS_REPORTER = "A trust or CCG user"
RAGS = ["Red", "Amber", "Green"]


def today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def this_quarter() -> tuple[dt.date, dt.date]:
    """The calendar quarter under way: it has started, so an update may cover it."""
    day = today()
    start = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    following = dt.date(start.year + (start.month + 3 > 12), (start.month + 2) % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def menu(page, name: str) -> None:
    follow(page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True))


def type_date(page, legend: str, day: dt.date | None) -> None:
    group = page.get_by_role("group", name=legend)
    values = (day.day, day.month, day.year) if day else ("", "", "")
    for part, value in zip(("Day", "Month", "Year"), values, strict=True):
        group.get_by_label(part, exact=True).fill(str(value))


def typed_date(page, legend: str) -> list[str]:
    group = page.get_by_role("group", name=legend)
    return [group.get_by_label(part, exact=True).input_value() for part in ("Day", "Month", "Year")]


# --- The tracker ----------------------------------------------------------------------------------


def pledge_list(page) -> list[dict]:
    """The tracker's list of pledges: id, title, body, condition, status, latest RAG, flags."""
    pledges = []
    for row in page.locator("#pledge-list tbody tr").all():
        cells = [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        pledges.append(
            {
                "id": int(row.get_attribute("id").removeprefix("pledge-")),
                "title": cells[0],
                "body": cells[1],
                "condition": int(re.match(r"\d+", cells[2]).group()),  # "2. Compassionate…"
                "status": cells[3],
                "rag": cells[4],
                "flags": " ".join(cells[7].split()),
            }
        )
    return pledges


def body_pledges(page, *, flagged: bool) -> list[dict]:
    """The body's active pledges, each alone under its condition (so the matrix cell is the
    pledge's own). The update journey takes one without flags; the report journey one that is
    flagged already (overdue or quiet) but has no open report, so neither takes the other's."""
    pledges = [pledge for pledge in pledge_list(page) if pledge["body"] == BODY]
    conditions = [pledge["condition"] for pledge in pledges]
    chosen = [
        pledge
        for pledge in pledges
        if pledge["status"] == "Active"
        and conditions.count(pledge["condition"]) == 1
        and bool(pledge["flags"]) == flagged
        and "open report" not in pledge["flags"]
    ]
    assert chosen, f"the demo data has no {'flagged' if flagged else 'quiet'} pledge of {BODY}"
    return chosen


def matrix_cell(page, body: str, condition: int) -> str:
    row = page.locator("#matrix tbody tr").filter(
        has=page.get_by_role("rowheader", name=body, exact=True)
    )
    return " ".join(row.locator("td").nth(condition - 1).inner_text().split())


def open_pledge(page, steps: Steps, pledge: dict) -> None:
    follow(page.locator("#pledge-list").get_by_role("link", name=pledge["title"], exact=True))
    assert heading(page) == pledge["title"]
    assert BODY in page.locator(".nhsuk-caption-l, main").first.inner_text()
    steps.see(page, "pledge")


# --- The pledge lead's quarterly update -------------------------------------------------------------


def test_pledge_lead_adds_a_quarterly_update_after_a_first_try_with_fields_missing(
    page, sign_in, screenshot, a11y, page_problems
):
    steps = Steps("pledge1-update", screenshot, a11y)
    start, end = this_quarter()
    narrative = (
        f"Quarter to {long_date(end)}: two of the three selection panels now include an "
        "inclusion adviser; the third is being trained."
    )
    evidence = "https://example.org/nb-hee/board-papers/pledge-report-browser-test.pdf"

    sign_in(page, PLEDGE_LEAD)
    menu(page, "Pledge tracker")
    assert heading(page) == "Pledge tracker"
    steps.see(page, "tracker")
    pledge = body_pledges(page, flagged=False)[0]
    rag = next(rag for rag in ("Amber", "Red") if rag != pledge["rag"])
    before = matrix_cell(page, BODY, pledge["condition"])
    assert f"{pledge['rag']}: 1" in before

    open_pledge(page, steps, pledge)
    follow(page.get_by_role("button", name="Add a progress update"))
    assert heading(page) == "Add a progress update"
    steps.see(page, "update-form")

    # First try: the end of the period and the RAG status left out.
    type_date(page, "Start of the period", start)
    page.get_by_label("What progress was made in the period?").fill(narrative)
    page.get_by_label("Links to evidence (optional)").fill(evidence)
    follow(page.get_by_role("button", name="Submit the update"))
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    summary_text = summary.inner_text()
    assert "Enter the date the period ends" in summary_text
    assert "Choose red, amber or green" in summary_text
    # Each error links to its field, and everything typed is still there.
    targets = [link.get_attribute("href") for link in summary.get_by_role("link").all()]
    assert len(targets) == 2
    for target in targets:
        assert target.startswith("#") and page.locator(target).count() == 1, target
    assert page.locator(".nhsuk-error-message").count() == 2
    assert typed_date(page, "Start of the period") == [
        str(x) for x in (start.day, start.month, start.year)
    ]
    assert page.get_by_label("What progress was made in the period?").input_value() == narrative
    assert page.get_by_label("Links to evidence (optional)").input_value() == evidence
    assert page.title().startswith("Error")
    steps.see(page, "update-with-errors")

    type_date(page, "End of the period", end)
    page.get_by_label(rag, exact=True).check()
    follow(page.get_by_role("button", name="Submit the update"))

    assert heading(page) == pledge["title"]
    assert f"Submitted the update for {long_date(start)} to {long_date(end)}" in banner(page)
    assert page.locator("#pledge-tags").inner_text().split("Latest RAG status:")[1].strip() == rag
    assert summary_value(page, "Last progress update") == long_date(today())
    newest = page.locator("#timeline ~ .nhsuk-card").first
    newest_text = newest.inner_text()
    assert f"Progress from {long_date(start)} to {long_date(end)}" in newest_text
    assert rag in newest_text and narrative in newest_text
    assert newest.get_by_role("link", name=evidence).count() == 1
    assert f"{long_date(today())} by {PLEDGE_LEAD_NAME}" in newest_text
    steps.see(page, "pledge-updated")

    # The tracker's matrix and list show the new RAG status.
    menu(page, "Pledge tracker")
    after = matrix_cell(page, BODY, pledge["condition"])
    assert f"{rag}: 1" in after and after != before
    row = next(row for row in pledge_list(page) if row["id"] == pledge["id"])
    assert row["rag"] == rag
    assert row["flags"] == ""
    steps.see(page, "tracker-updated")

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


# --- A report of inconsistency -------------------------------------------------------------------


def card_value(card, key: str) -> str:
    """A summary list value inside one card."""
    row = card.locator(".nhsuk-summary-list__row").filter(
        has=card.page.locator(".nhsuk-summary-list__key", has_text=key)
    )
    return row.locator(".nhsuk-summary-list__value").first.inner_text().strip()


def report_card(page, what_happened: str):
    cards = page.locator(".nhsuk-card[id^=report-]").filter(has_text=what_happened)
    assert cards.count() == 1, f"{cards.count()} reports say {what_happened!r}"
    return cards


def test_trust_user_reports_an_inconsistency_the_team_sees_who_and_the_body_does_not(
    new_page, sign_in, world, screenshot, a11y, page_problems
):
    steps = Steps("pledge2-report", screenshot, a11y)
    happened_on = today() - dt.timedelta(days=3)
    what_happened = (
        "The body cancelled our improvement faculty's funded places with a week's notice and no "
        "conversation, in the quarter it asked us to grow improvement skills."
    )
    trust = world["other_trust"]["name"]

    # The HR director of a trust reports it, from the tracker.
    reporter = new_page()
    sign_in(reporter, OTHER_HR_DIRECTOR)
    menu(reporter, "Pledge tracker")
    steps.see(reporter, "tracker")
    pledge = body_pledges(reporter, flagged=True)[0]
    follow(reporter.get_by_role("button", name="Report an inconsistency"))
    assert heading(reporter) == "Report an inconsistency"
    reporter.get_by_label("Which pledge does it go against?").select_option(
        label=f"{BODY}: {pledge['title']}"
    )
    type_date(reporter, "When did it happen?", happened_on)
    reporter.get_by_label("What happened?").fill(what_happened)
    steps.see(reporter, "report-form")
    follow(reporter.get_by_role("button", name="Send the report"))

    assert heading(reporter) == "My reports of inconsistency"
    assert f"Your report about {BODY} has been recorded" in banner(reporter)
    card = report_card(reporter, what_happened)
    assert pledge["title"] in card_value(card, "Pledge")
    assert card_value(card, "When it happened") == long_date(happened_on)
    assert card_value(card, "Reported by") == "You"
    assert "Awaiting a response" in card.inner_text()
    steps.see(reporter, "my-reports")

    # Everyone sees it on the tracker, flagged against the pledge.
    menu(reporter, "Pledge tracker")
    row = next(row for row in pledge_list(reporter) if row["id"] == pledge["id"])
    assert "1 open report" in row["flags"]
    open_reports = reporter.locator("#open-report-list tbody tr").filter(has_text=pledge["title"])
    assert open_reports.count() == 1
    assert what_happened[:60] in open_reports.inner_text()
    assert REPORTER_NAME not in reporter.locator("#open-report-list").inner_text()
    steps.see(reporter, "tracker-with-report")

    # The national talent team sees who reported it, and from where.
    team = new_page()
    sign_in(team, TALENT_TEAM)
    team.goto(f"/pledges/{pledge['id']}/")
    reported_by = card_value(report_card(team, what_happened), "Reported by")
    assert reported_by.startswith(REPORTER_NAME) and trust in reported_by
    steps.see(team, "pledge-as-talent-team")

    # The body's pledge lead sees the report but not who made it, and responds.
    lead = new_page()
    sign_in(lead, PLEDGE_LEAD)
    menu(lead, "Pledge tracker")
    open_pledge(lead, steps, pledge)
    card = report_card(lead, what_happened)
    assert card_value(card, "Reported by") == ANONYMOUS_REPORTER
    main = lead.locator("main").inner_text()
    assert REPORTER_NAME not in main and trust not in main
    steps.see(lead, "pledge-as-pledge-lead")

    response = "We have restored the places and will give a term's notice of any change."
    follow(card.get_by_role("link", name=re.compile("^Respond")))
    lead.get_by_label("Action taken: here is what we have done").check()
    lead.get_by_label("Response", exact=True).fill(response)
    steps.see(lead, "respond")
    follow(lead.get_by_role("button", name="Send the response"))
    assert "Sent the response" in banner(lead)
    assert REPORTER_NAME not in lead.locator("main").inner_text()

    # The reporter reads the response on My reports.
    reporter.goto("/pledges/reports/mine/")
    card = report_card(reporter, what_happened)
    answer = card_value(card, f"{BODY}’s response")
    assert answer.startswith("Action taken") and f"by {PLEDGE_LEAD_NAME}" in answer
    assert response in answer
    steps.see(reporter, "my-reports-answered")

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()
