"""The national talent team's journeys in a real browser (issue 7): filter and sort the risk
dashboard, drill into a post to see why it scores, export the filtered table as CSV and XLSX,
recalculate now, search the talent pool, and calibrate a cohort on the nine-box grid, once by
dragging a name (JavaScript on) and once with the forms alone (JavaScript off). Then the equality
analyst's page: regional small numbers suppressed, nobody shown one by one.

Every page reached is checked with axe-core on the way (serious or critical WCAG 2.2 AA
violations fail the journey, after its own assertions) and photographed into test-results/.
Each calibration journey works on a cohort of its own, so the journeys run in any order."""

import csv
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from tests.browser.journey import (
    Steps,
    banner,
    follow,
    heading,
    summary_value,
    unexpected,
)

pytestmark = pytest.mark.browser

TALENT_TEAM = "talent.team"
TALENT_TEAM_NAME = "Nadia Okafor"
EQUALITY_ANALYST = "equality.analyst"
LONDON = "London"
FILTERS = {"Region": LONDON, "Risk band": "High", "Factor that applies": "Post vacant"}
# The cohorts the two calibration journeys calibrate: the programme's current cohort.
DRAG_PROGRAMME = "NExT Director"
NO_JS_PROGRAMME = "Nye Bevan Programme"
HIGH_HIGH = ("3", "3")


def today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def menu(page, name: str) -> None:
    follow(page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True))


# --- The risk dashboard ---------------------------------------------------------------------------


def shown_count(page) -> tuple[int, int]:
    """(rows on this page, rows in all) from "Showing 1 to 17 of 17 posts"."""
    text = page.locator("#risk-table-count").inner_text()
    match = re.search(r"Showing ([\d,]+) to ([\d,]+) of ([\d,]+) post", text)
    assert match, f"no count in {text!r}"
    first, last, total = (int(group.replace(",", "")) for group in match.groups())
    return last - first + 1, total


def risk_rows(page) -> list[dict]:
    """The at-risk table as the national team sees it (with organisation and region)."""
    rows = []
    for row in page.locator("#risk-table tbody tr").all():
        cells = [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        rows.append(
            {
                "post": cells[0].split("\n")[0].removesuffix(": risk breakdown").strip(),
                "organisation": cells[1],
                "region": cells[2],
                "role": cells[3],
                "score": int(cells[4]),
                "band": cells[5].split()[0],
                "factors": [line.strip() for line in cells[6].splitlines() if line.strip()],
            }
        )
    return rows


def assert_match_filters(rows: list[dict]) -> None:
    assert rows, "the filters left no posts to check"
    for row in rows:
        assert row["region"] == LONDON, row
        assert row["band"] == "High", row
        assert "Post vacant" in row["factors"], row
        assert row["score"] >= 60, row


def sort_header(page, label: str):
    return page.locator("#risk-table thead th").filter(
        has=page.get_by_role("link", name=re.compile(f"^{label}"))
    )


def exported_key(row: dict) -> tuple:
    return (row["post"], row["organisation"], row["score"])


def assert_export_matches(export: list[dict], table: list[dict]) -> None:
    """Every exported row matches the filters, and the first rows are the table's own."""
    for row in export:
        assert row["Region"] == LONDON, row
        assert row["Band"] == "High", row
        assert "Post vacant" in row["Factors"].split("; "), row
    shown = [(r["Post"], r["Organisation"], int(r["Score"])) for r in export[: len(table)]]
    assert shown == [exported_key(row) for row in table]


def test_national_team_filters_sorts_and_exports_the_risk_dashboard(
    page, sign_in, screenshot, a11y, page_problems, tmp_path
):
    steps = Steps("national1-risk-dashboard", screenshot, a11y)
    sign_in(page, TALENT_TEAM)
    menu(page, "Risk dashboard")
    assert heading(page) == "Succession risk"
    on_page, everything = shown_count(page)
    unfiltered = risk_rows(page)
    assert len(unfiltered) == on_page
    assert {row["region"] for row in unfiltered} - {LONDON}, "the first page is all London already"
    steps.see(page, "dashboard")

    form = page.locator("form.app-filter-panel")
    for label, option in FILTERS.items():
        form.get_by_label(label).select_option(label=option)
    follow(form.get_by_role("button", name="Apply filters"))
    assert "matching the filters" in page.locator("#risk-table-count").inner_text()
    on_page, matching = shown_count(page)
    assert 0 < matching < everything
    rows = risk_rows(page)
    assert len(rows) == on_page
    assert_match_filters(rows)
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True), "the table starts sorted by score, highest first"
    assert sort_header(page, "Score").get_attribute("aria-sort") == "descending"
    for label, option in FILTERS.items():  # the form says which filters are on
        assert form.get_by_label(label).locator("option:checked").inner_text() == option
    steps.see(page, "filtered")

    # Sorting keeps the filters: the same posts, lowest score first.
    follow(sort_header(page, "Score").get_by_role("link"))
    assert sort_header(page, "Score").get_attribute("aria-sort") == "ascending"
    assert shown_count(page) == (on_page, matching)
    sorted_rows = risk_rows(page)
    assert_match_filters(sorted_rows)
    assert [row["score"] for row in sorted_rows] == sorted(row["score"] for row in rows)
    if matching == on_page:  # one page: the same posts, in another order
        assert sorted(map(exported_key, sorted_rows)) == sorted(map(exported_key, rows))
    steps.see(page, "filtered-sorted-by-score")

    # The downloads hold every matching post, in the table's order, with the filters applied.
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download these .* as CSV$")).click()
    assert download.value.suggested_filename.endswith(".csv")
    text = download.value.path().read_text(encoding="utf-8-sig")
    csv_rows = list(csv.DictReader(text.splitlines()))
    assert len(csv_rows) == matching
    assert_export_matches(csv_rows, sorted_rows)

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download these .* \(XLSX\)$")).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = load_workbook(saved, read_only=True)["Posts at risk"]
    values = list(sheet.iter_rows(values_only=True))
    xlsx_rows = [dict(zip(values[0], row, strict=True)) for row in values[1:]]
    assert len(xlsx_rows) == matching
    assert_export_matches(xlsx_rows, sorted_rows)

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


def test_national_team_drills_into_a_post_and_sees_why_it_scores(
    page, sign_in, screenshot, a11y, page_problems
):
    steps = Steps("national2-post-risk", screenshot, a11y)
    sign_in(page, TALENT_TEAM)
    page.goto("/risk/")
    form = page.locator("form.app-filter-panel")
    form.get_by_label("Factor that applies").select_option(label="Post vacant")
    follow(form.get_by_role("button", name="Apply filters"))
    first = risk_rows(page)[0]
    # The visually hidden ": risk breakdown" makes each post's link name unique to its purpose.
    breakdown_link = re.compile(rf"^{re.escape(first['post'])}\s*: risk breakdown$")
    follow(page.locator("#risk-table tbody tr").first.get_by_role("link", name=breakdown_link))

    assert heading(page) == f"Succession risk: {first['post']}"
    assert first["organisation"] in page.locator(".nhsuk-caption-l").inner_text()
    score = page.locator("#score").inner_text()
    assert score.startswith(f"Score {first['score']} out of 100")
    assert first["band"] in score

    # The factor breakdown: the same factors as the table, adding up to the score.
    breakdown = {}
    for row in page.locator("#factor-breakdown tbody tr").all():
        label = row.locator("th").inner_text().strip()
        if label.startswith("Score"):
            assert row.locator("td").inner_text().strip() == str(first["score"])
            continue
        breakdown[label] = int(row.locator("td").inner_text())
    assert list(breakdown) == first["factors"]
    assert breakdown["Post vacant"] == 30
    assert min(sum(breakdown.values()), 100) == first["score"]

    # What would lower it, each with its points (how many depends on the cap at 100): for a
    # vacant post, appointing someone is always among them.
    improvements = page.locator("#improvements li").all_inner_texts()
    assert improvements, "a vacant post can always be improved"
    # A change that makes another factor apply says so: "removes 20 points, not 30, because ...".
    assert all(
        re.fullmatch(r".+ removes \d+ points?(, not \d+, because .+)?", line)
        for line in improvements
    ), improvements
    assert any(line.startswith("Appointing a substantive holder") for line in improvements)

    # The score history, newest first, starts with the latest score.
    history = page.locator("#score-history tbody tr")
    assert history.count() >= 1
    assert history.first.locator("td").first.inner_text().strip() == str(first["score"])
    assert page.locator("#history-chart, svg").first.is_visible()
    steps.see(page, "post-risk")

    follow(page.get_by_role("link", name="See the post, its holder and its succession plan"))
    assert heading(page) == first["post"]
    steps.see(page, "post")

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


# The worker's part, done by `manage.py shell` as a worker would: take the button's message off the
# broker (the live server's is `make run`'s filesystem broker in var/celery, so nothing may be left
# there for a developer's worker to run against their own database), then run the task it names.
# Other messages go back on the queue.
WORKER_SCRIPT = """
from config.celery import app
from risk.models import RecalculationRun
from risk.tasks import recalculate_risk

run = RecalculationRun.objects.filter(status="queued").latest("pk")
wanted = {"kind": run.kind, "run_id": run.pk}
taken, others = 0, []
with app.connection_for_read() as connection:
    channel = connection.default_channel
    while (message := channel.basic_get("celery", no_ack=False)) is not None:
        _args, kwargs, _embed = message.decode()
        if message.headers.get("task") == recalculate_risk.name and kwargs == wanted:
            taken += 1
            message.ack()
        else:
            others.append(message)
    for message in others:
        message.reject(requeue=True)
print(f"QUEUED={taken}")
if taken:
    print(f"RUN={recalculate_risk(**wanted)['run']}")
"""


def test_national_team_recalculates_now_and_sees_the_run_it_asked_for(
    page, sign_in, manage_py, screenshot, a11y, page_problems
):
    steps = Steps("national3-recalculate", screenshot, a11y)
    sign_in(page, TALENT_TEAM)
    menu(page, "Risk dashboard")
    follow(page.get_by_role("button", name="Recalculate now"))

    assert heading(page) == "Succession risk"
    assert "Recalculation queued" in banner(page)
    assert "waiting for the background worker" in page.locator("#latest-run").inner_text()
    steps.see(page, "queued")

    # The button queued a message for its run; the worker scores the run it names.
    output = manage_py("shell", "-c", WORKER_SCRIPT)
    assert re.search(r"^QUEUED=[1-9]\d*$", output, re.MULTILINE), output
    assert re.search(r"^RUN=\d+$", output, re.MULTILINE), output
    page.reload()
    latest = page.locator("#latest-run").inner_text()
    assert "Scores calculated" in latest, latest
    assert f"(recalculate now, asked for by {TALENT_TEAM_NAME})" in latest
    assert "posts scored" in latest
    steps.see(page, "recalculated")

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


# --- The talent pool ------------------------------------------------------------------------------


def pool_rows(page) -> list[dict]:
    rows = []
    for row in page.locator("#pool-results tbody tr").all():
        cells = [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        rows.append(
            {
                "name": cells[0].splitlines()[0].strip(),
                "readiness": cells[2].splitlines(),
                "regions": cells[4].splitlines(),
            }
        )
    return rows


def test_national_team_searches_the_talent_pool(page, sign_in, screenshot, a11y, page_problems):
    steps = Steps("national4-talent-pool", screenshot, a11y)
    sign_in(page, TALENT_TEAM)
    menu(page, "Talent pool")
    assert heading(page) == "National talent pool"
    everyone = int(re.search(r"of (\d+) pool members", page.locator("main").inner_text())[1])
    steps.see(page, "pool")

    page.get_by_label("Target role").select_option(label="Chief executive")
    page.get_by_label("Ready", exact=True).select_option(label="Ready now")
    page.get_by_label("Would work in").select_option(label=LONDON)
    follow(page.locator("main").get_by_role("button", name="Search", exact=True))
    status = page.locator("main [role=status]").first.inner_text()
    assert "matching your search" in status
    matching = int(re.search(r"of (\d+) pool member", status)[1])
    assert 0 < matching < everyone
    rows = pool_rows(page)
    assert rows
    for row in rows:
        assert "Chief executive: ready now" in row["readiness"], row
        assert LONDON in row["regions"], row
    steps.see(page, "pool-filtered")

    # A name from the results finds that person.
    name = rows[0]["name"]
    page.get_by_label("Name or work email").fill(name)
    follow(page.locator("main").get_by_role("button", name="Search", exact=True))
    assert name in [row["name"] for row in pool_rows(page)]
    assert len(pool_rows(page)) <= matching
    steps.see(page, "pool-name-search")

    follow(page.locator("#pool-results").get_by_role("link", name=name, exact=True).first)
    assert heading(page) == name
    steps.see(page, "pool-profile")

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


# --- Calibration ------------------------------------------------------------------------------------


def open_calibration(page, steps: Steps, programme: str) -> str:
    """From the talent pool: open a session for the programme's current cohort (the one with
    members). Returns the cohort's name."""
    menu(page, "Talent pool")
    follow(page.get_by_role("link", name="Calibration sessions"))
    assert heading(page) == "Calibration sessions"
    steps.see(page, "sessions")
    row = (
        page.locator("table")
        .filter(has_text="Current members")
        .locator("tbody tr")
        .filter(has=page.get_by_role("rowheader", name=re.compile(f"^{re.escape(programme)}, ")))
        .filter(has_not=page.locator("td.nhsuk-table__cell--numeric", has_text=re.compile(r"^0")))
    )
    assert row.count() == 1, f"{programme} has no cohort with members, or more than one"
    cohort = row.get_by_role("rowheader").inner_text().strip()
    follow(row.get_by_role("link", name=f"Calibrate {cohort}"))
    assert heading(page) == "Open a calibration session"
    chosen = page.get_by_label("Cohort to calibrate").locator("option:checked").inner_text()
    assert chosen == cohort
    held_on = page.get_by_role("group", name="Date of the session")
    typed = [
        held_on.get_by_label(part, exact=True).input_value() for part in ("Day", "Month", "Year")
    ]
    assert typed == [str(today().day), str(today().month), str(today().year)], "today, to start"
    steps.see(page, "open-session")
    follow(page.get_by_role("button", name="Open the session"))
    assert heading(page) == cohort
    assert f"Calibration of {cohort} opened" in banner(page)
    return cohort


def grid_person(page, *, not_in: tuple[str, str]) -> dict:
    """Someone on the grid who is not in the box `not_in` (performance, potential)."""
    for item in page.locator("#calibration-grid li[data-person]").all():
        box = item.locator("xpath=ancestor::td[1]")
        where = (box.get_attribute("data-performance"), box.get_attribute("data-potential"))
        if where != not_in:
            return {
                "id": item.get_attribute("data-person"),
                "name": item.get_by_role("link").inner_text().strip(),
            }
    raise AssertionError(f"everyone on the grid is already in box {not_in}")


def box(page, where: tuple[str, str]):
    performance, potential = where
    return page.locator(
        f'#calibration-grid td[data-performance="{performance}"][data-potential="{potential}"]'
    )


def box_label(page, where: tuple[str, str]) -> str:
    """The box's name ("High performance, high potential"), from its "…: 3 people"."""
    return box(page, where).get_attribute("aria-label").rsplit(":", 1)[0]


def move_form(page, person: dict):
    return page.locator(f'form[data-calibration-move="{person["id"]}"]')


def check_moved(page, steps: Steps, person: dict, where: tuple[str, str], reason: str) -> str:
    """After a move: the banner, the grid, the people table and the moves table agree."""
    label = box_label(page, where)
    assert f"{person['name']} moved to {label.lower()}" in banner(page)
    moved = box(page, where).locator(f'li[data-person="{person["id"]}"]')
    assert moved.count() == 1 and "Moved" in moved.inner_text()
    row = page.locator(f"#person-{person['id']}")
    assert label in row.locator("td").nth(1).inner_text()
    moves = page.locator("#moves ~ .nhsuk-scroll table tbody tr").first.inner_text()
    assert person["name"] in moves and reason in moves and TALENT_TEAM_NAME in moves
    steps.see(page, "moved")
    return label


def close_and_see_published(page, steps: Steps, cohort: str, person: dict, label: str) -> None:
    people = page.locator("#calibration-grid li[data-person]").count()
    follow(page.get_by_role("button", name="Close the session and publish"))
    assert heading(page) == "Close the session and publish the calibrated values?"
    moved = page.locator("main table tbody tr").filter(has_text=person["name"])
    assert moved.count() == 1 and moved.locator("td").last.inner_text() == label
    steps.see(page, "close")
    follow(page.get_by_role("button", name="Close and publish"))

    assert heading(page) == cohort
    assert f"Calibration of {cohort} closed: {people} calibrated values published" in banner(page)
    assert page.locator("h1 ~ p .nhsuk-tag", has_text="Closed").is_visible()
    assert page.locator("form[data-calibration-move]").count() == 0
    steps.see(page, "closed")

    follow(page.locator(f"#person-{person['id']}").get_by_role("link", name=person["name"]))
    assert heading(page) == person["name"]
    calibrated = summary_value(page, "Calibrated")
    assert calibrated.startswith(label), calibrated
    assert f"Calibrated {today().day} {today():%B %Y}" in calibrated
    steps.see(page, "profile-calibrated")


def test_national_team_calibrates_a_cohort_by_dragging_a_name(
    page, sign_in, screenshot, a11y, page_problems
):
    steps = Steps("national5-calibration-drag", screenshot, a11y)
    reason = "Strong evidence from the 360 review and the system leadership assignment."
    sign_in(page, TALENT_TEAM)
    cohort = open_calibration(page, steps, DRAG_PROGRAMME)
    assert page.locator("#calibration-drag-hint").is_visible()
    steps.see(page, "session")

    person = grid_person(page, not_in=HIGH_HIGH)
    name = page.locator(f'#calibration-grid li[data-person="{person["id"]}"]')
    assert name.get_attribute("draggable") == "true"
    name.drag_to(box(page, HIGH_HIGH))

    # The drop fills in the person's Move form and asks for the reason; nothing moves yet.
    form = move_form(page, person)
    assert form.is_visible()
    assert form.get_by_label("Performance").input_value() == HIGH_HIGH[0]
    assert form.get_by_label("Potential").input_value() == HIGH_HIGH[1]
    reason_box = form.get_by_label("Reason for the move")
    assert reason_box.evaluate("element => element === document.activeElement")
    assert "Moved" not in name.inner_text()
    steps.see(page, "dropped")

    # Sent without a reason: the error is shown and the chosen box is kept.
    follow(form.get_by_role("button", name=f"Move {person['name']}"))
    summary = page.locator(".nhsuk-error-summary")
    assert "Enter the reason for moving them" in summary.inner_text()
    form = move_form(page, person)
    assert form.is_visible(), "the form with the error should be open"
    assert form.get_by_label("Performance").input_value() == HIGH_HIGH[0]
    assert form.get_by_label("Potential").input_value() == HIGH_HIGH[1]
    steps.see(page, "move-without-reason")

    form.get_by_label("Reason for the move").fill(reason)
    follow(form.get_by_role("button", name=f"Move {person['name']}"))
    label = check_moved(page, steps, person, HIGH_HIGH, reason)
    close_and_see_published(page, steps, cohort, person, label)

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


def test_national_team_calibrates_a_cohort_without_javascript(
    new_page, sign_in, screenshot, a11y, page_problems
):
    steps = Steps("national6-calibration-no-javascript", screenshot, a11y, javascript=False)
    reason = "Moved to match peers with similar evidence across the cohort."
    page = new_page(java_script_enabled=False)
    sign_in(page, TALENT_TEAM)
    cohort = open_calibration(page, steps, NO_JS_PROGRAMME)
    # The drag-and-drop shortcut never appeared: the forms do the work.
    assert page.locator("#calibration-drag-hint").is_hidden()
    assert page.locator("#calibration-grid li[draggable=true]").count() == 0
    steps.see(page, "session")

    person = grid_person(page, not_in=HIGH_HIGH)
    row = page.locator(f"#person-{person['id']}")
    row.locator("summary").click()  # a details element opens without script
    form = move_form(page, person)
    assert form.is_visible()
    form.get_by_label("Performance").select_option(HIGH_HIGH[0])
    form.get_by_label("Potential").select_option(HIGH_HIGH[1])
    form.get_by_label("Reason for the move").fill(reason)
    steps.see(page, "move-form")
    follow(form.get_by_role("button", name=f"Move {person['name']}"))

    label = check_moved(page, steps, person, HIGH_HIGH, reason)
    close_and_see_published(page, steps, cohort, person, label)

    assert unexpected(page_problems) == []


# --- Equality ---------------------------------------------------------------------------------------


def equality_tables(page) -> dict[str, list[list[str]]]:
    """Each table's area ("national" or a region code) -> its count cells, row by row."""
    tables = {}
    for table in page.locator("main table[data-area]").all():
        rows = []
        for row in table.locator("tbody tr").all():
            cells = row.locator("td[data-count]").all_inner_texts()
            rows.append([cell.split("\n")[0].strip() for cell in cells])
        tables[table.get_attribute("data-area")] = rows
    return tables


def assert_suppressed(counts: list[str]) -> None:
    """Everywhere, England included: 1-7 shows as *, other counts are multiples of 5."""
    for count in counts:
        assert count == "*" or int(count.replace(",", "")) % 5 == 0, counts


def test_equality_analyst_sees_regions_suppressed_and_nobody_one_by_one(
    page, sign_in, world, screenshot, a11y, page_problems
):
    steps = Steps("national7-equality", screenshot, a11y)
    sign_in(page, EQUALITY_ANALYST)
    menu(page, "Equality")
    assert heading(page) == "Equality"

    tables = equality_tables(page)
    assert "national" in tables and len(tables) > 1, "England and each region"
    regional = [
        count
        for area, rows in tables.items()
        if area != "national"
        for row in rows
        for count in row
    ]
    assert "*" in regional, "some regional counts are small enough to suppress"
    assert_suppressed(regional)
    # England follows the same rule: the figures are a published, suppressed snapshot.
    assert_suppressed([count for row in tables["national"] for count in row])
    assert page.locator("main [data-published]").inner_text().startswith("Figures published on")
    steps.see(page, "equality")

    # One region, by disability: only that region's table, still suppressed.
    page.get_by_label("Breakdown by").select_option(label="Disability")
    page.get_by_label("Region", exact=True).select_option(label=LONDON)
    follow(page.get_by_role("button", name="Show"))
    tables = equality_tables(page)
    assert len(tables) == 1 and "national" not in tables
    caption = page.locator("main table caption").inner_text()
    assert caption.startswith(f"{LONDON}") and "disability" in caption and "* is 1 to 7" in caption
    assert_suppressed([count for rows in tables.values() for row in rows for count in row])
    steps.see(page, "equality-london-disability")

    # Nobody one by one: no person's page is linked and no person is named, even for an analyst
    # who may see a person's answers on their profile.
    main = page.locator("main")
    assert main.locator("a[href*='/people/']").count() == 0
    for person in (world["pool_member"], world["colleague"]):
        assert person["name"] not in main.inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these tables (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
    text = download.value.path().read_text(encoding="utf-8-sig")
    published, header, *rows = list(csv.reader(text.splitlines()))
    assert published[0].startswith("Figures published on")
    numbers = [index for index, column in enumerate(header) if column.endswith(": number")]
    assert rows and numbers
    for row in rows:
        assert LONDON in row[0] and row[1] == "Rounded to 5; * is 1 to 7", row
    # The download holds the figures on the page, no more.
    assert [[row[index] for index in numbers] for row in rows] == next(iter(tables.values()))
    for person in (world["pool_member"], world["colleague"]):
        assert person["name"] not in text

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()
