"""The succession-planning capability tried as its users would, in a real browser (issue 3's "Done
when"): the HR director prepares a plan and asks for sign-off, the chair signs it off, a later
change shows as changed since sign-off, a stale save loses nothing, another trust gets 404, a bad
upload is refused row by row, and an appointment leaves the appointee's old post vacant and
linked. The HR director's journey is also done without JavaScript and with the keyboard alone.

Every page a journey reaches is checked with axe-core on the way (serious or critical WCAG 2.2 AA
violations fail the journey, after its own assertions) and photographed into test-results/.
Each journey works on its own post of the demo trust (see `world` in conftest.py), except the
sign-off story, journeys 1 to 3, which follow one plan in file order."""

import csv
import re

import pytest

from tests.browser.conftest import OTHER_HR_DIRECTOR
from tests.browser.journey import Steps, banner, follow, heading, summary_value, unexpected

pytestmark = pytest.mark.browser

HR_DIRECTOR = "hr.director"
HR_DIRECTOR_NAME = "Helen Reid"
CHAIR = "chair"
CHAIR_NAME = "Charles Ashworth"


@pytest.fixture(scope="module")
def story() -> dict:
    """What journey 1 leaves for journeys 2 and 3: they continue the same plan."""
    return {}


def needs(story: dict, step: str) -> None:
    if step not in story:
        pytest.skip(f"continues the plan of an earlier journey, which did not get to: {step}")


# --- Reading what the user sees -------------------------------------------------------------------


def slate(page, table: str = "#slate-table") -> list[dict]:
    """The slate table's rows: rank, name (the row header's first line), readiness, cover."""
    rows = []
    for row in page.locator(f"{table} tbody tr").all():
        cells = [cell.inner_text().strip() for cell in row.locator("td, th").all()]
        rows.append(
            {
                "rank": int(cells[0]),
                "name": cells[1].splitlines()[0].strip(),
                "organisation": cells[2],
                "readiness": cells[3],
                "emergency_cover": cells[4] == "Emergency cover",
            }
        )
    return rows


def slate_names(page, table: str = "#slate-table") -> list[str]:
    return [row["name"] for row in slate(page, table)]


# --- Steps shared by the journeys ---------------------------------------------------------------


def open_post_from_board(page, steps: Steps, title: str) -> None:
    """Home -> My organisation -> the post, as a user clicks through."""
    follow(page.get_by_role("navigation", name="Menu").get_by_role("link", name="My organisation"))
    assert heading(page) == "Posts and succession plans"
    steps.see(page, "board")
    follow(page.locator("table").get_by_role("link", name=title, exact=True))
    assert heading(page) == title
    steps.see(page, "post")


def add_successor(page, steps: Steps, person: dict, readiness: str, what: str) -> None:
    """From the plan page: search by name, choose the person, say how ready they are."""
    follow(page.get_by_role("button", name="Add a successor"))
    assert heading(page) == "Add a successor"
    page.get_by_label("Search for a person by name or work email address").fill(person["name"])
    follow(page.get_by_role("button", name="Search"))
    result = page.locator("table tbody tr").filter(
        has=page.get_by_role("rowheader", name=person["name"], exact=True)
    )
    assert result.count() == 1, f"{person['name']} is not among the results"
    in_pool_elsewhere = "National talent pool" in result.inner_text()
    assert in_pool_elsewhere == (what == "pool-member")
    steps.see(page, f"search-results-{what}")
    follow(result.get_by_role("link", name=f"Choose {person['name']}"))
    assert heading(page) == f"Add {person['name']} as a successor"
    assert person["organisation"] in summary_value(page, "Their organisation")
    page.get_by_label(readiness, exact=True).check()
    steps.see(page, f"add-{what}")
    follow(page.get_by_role("button", name="Add to the slate"))
    assert re.match(r"Succession plan: ", heading(page))
    assert f"Added {person['name']} to the slate" in banner(page)


def prepare_plan_and_ask_for_sign_off(page, steps: Steps, world: dict, post: dict) -> None:
    """The HR director's journey, from the post page: add a colleague and another trust's pool
    member, move the pool member up, name them emergency cover, record a review, ask the chair."""
    colleague, pool_member = world["colleague"], world["pool_member"]
    follow(page.get_by_role("button", name="Manage the succession plan"))
    assert heading(page) == f"Succession plan: {post['title']}"
    steps.see(page, "plan")

    add_successor(page, steps, colleague, "Ready in 3–5 years", "colleague")
    add_successor(page, steps, pool_member, "Ready in 1–2 years", "pool-member")
    names = slate_names(page)
    assert names[-2:] == [colleague["name"], pool_member["name"]]
    pool_row = next(row for row in slate(page) if row["name"] == pool_member["name"])
    assert pool_row["organisation"].startswith(pool_member["organisation"])
    assert "Another organisation" in pool_row["organisation"]
    steps.see(page, "plan-with-two-added")

    follow(page.get_by_role("button", name=f"Move up {pool_member['name']}", exact=True))
    names = slate_names(page)
    assert names.index(pool_member["name"]) == names.index(colleague["name"]) - 1
    assert f"{pool_member['name']} is now number {names.index(pool_member['name']) + 1}" in (
        banner(page)
    )
    steps.see(page, "plan-reordered")

    follow(page.get_by_role("button", name=f"Make {pool_member['name']} emergency cover"))
    assert f"{pool_member['name']} is now emergency cover" in banner(page)
    covers = [row["name"] for row in slate(page) if row["emergency_cover"]]
    assert covers == [pool_member["name"]]
    steps.see(page, "plan-emergency-cover")

    review = page.locator("#review ~ form, #review + p + form").first
    day, month, year = (
        review.get_by_label(part, exact=True).input_value() for part in ("Day", "Month", "Year")
    )
    assert day and month and year, "the review date should start as today"
    follow(review.get_by_role("button", name="Record the review"))
    assert "Recorded a review of the plan on" in banner(page)
    assert summary_value(page, "Last reviewed").endswith(f"by {HR_DIRECTOR_NAME}")

    follow(page.get_by_role("button", name="Ask the chair to sign off"))
    assert "You asked the chair to sign off this plan" in banner(page)
    assert summary_value(page, "Sign-off requested").startswith(f"Yes, by {HR_DIRECTOR_NAME}")
    steps.see(page, "sign-off-requested")


# --- 1-3: the plan, its sign-off, and a change after it --------------------------------------------


def test_hr_director_adds_a_pool_member_from_another_trust_and_asks_for_sign_off(
    page, sign_in, world, story, screenshot, a11y, page_problems
):
    steps = Steps("journey1-hr-director", screenshot, a11y)
    post = world["story_post"]

    sign_in(page, HR_DIRECTOR)
    steps.see(page, "home")
    open_post_from_board(page, steps, post["title"])
    prepare_plan_and_ask_for_sign_off(page, steps, world, post)
    story["sign_off_requested"] = post

    # The post page says it too, for anyone who looks.
    follow(page.get_by_role("link", name=f"Back to {post['title']}"))
    assert heading(page) == post["title"]
    assert slate_names(page, "#slate")[0] == world["pool_member"]["name"]
    assert "Asked of the chair on" in summary_value(page, "Sign-off")
    steps.see(page, "post-after")

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


def test_chair_signs_off_the_plan_and_the_post_page_lists_the_sign_off(
    page, sign_in, world, story, screenshot, a11y, page_problems
):
    needs(story, "sign_off_requested")
    steps = Steps("journey2-chair", screenshot, a11y)
    post, pool_member = story["sign_off_requested"], world["pool_member"]

    sign_in(page, CHAIR)
    open_post_from_board(page, steps, post["title"])
    follow(page.get_by_role("button", name="Sign off the plan"))
    assert heading(page) == "Sign off the succession plan"
    assert (
        f"{HR_DIRECTOR_NAME} asked you to sign off this plan" in page.locator("main").inner_text()
    )
    assert slate_names(page)[0] == pool_member["name"]
    steps.see(page, "sign-off")

    page.get_by_label("Comment (optional)").fill("Agreed at the board's private session.")
    follow(page.get_by_role("button", name="Sign off this plan"))

    assert heading(page) == post["title"]
    assert f"You signed off the succession plan for {post['title']}" in banner(page)
    sign_offs = page.locator("#sign-offs ~ p").first.inner_text()
    assert f"Last signed off by {CHAIR_NAME} on" in sign_offs
    assert "The slate has not changed since." in sign_offs
    assert "Agreed at the board's private session." in page.locator("main").inner_text()
    page.get_by_text("The slate as signed off on").click()
    signed = page.locator("details table tbody tr").first.inner_text()
    assert pool_member["name"] in signed and "Yes" in signed
    steps.see(page, "post-signed-off")
    story["signed_off"] = post

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


def test_hr_directors_later_change_shows_as_changed_since_sign_off(
    page, new_page, sign_in, world, story, screenshot, a11y, page_problems
):
    needs(story, "signed_off")
    steps = Steps("journey3-changed-since-sign-off", screenshot, a11y)
    post, name = story["signed_off"], world["pool_member"]["name"]
    difference = f"{name}: readiness changed from ready in 1–2 years to ready now"

    sign_in(page, HR_DIRECTOR)
    page.goto(f"/posts/{post['id']}/plan/")
    assert page.locator("#unchanged-since-sign-off").is_visible()
    follow(page.get_by_role("link", name=f"Change readiness and notes of {name}"))
    assert page.get_by_label("Ready in 1–2 years").is_checked()
    page.get_by_label("Ready now", exact=True).check()
    steps.see(page, "change-readiness")
    follow(page.get_by_role("button", name="Save"))

    assert f"Saved the readiness and notes of {name}" in banner(page)
    card = page.locator("#changed-since-sign-off")
    assert "Changed since sign-off" in card.inner_text()
    assert difference in card.inner_text()
    steps.see(page, "plan-changed-since-sign-off")

    follow(page.get_by_role("link", name=f"Back to {post['title']}"))
    sign_offs = page.locator("#sign-offs ~ p").first.inner_text()
    assert "Changed since sign-off" in sign_offs
    assert page.locator("#changes-since-sign-off li").all_inner_texts() == [difference]
    steps.see(page, "post-changed-since-sign-off")

    # The chair, on the page where they would sign off again, sees the same difference.
    chair = new_page()
    sign_in(chair, CHAIR)
    chair.goto(f"/posts/{post['id']}/plan/sign-off/")
    assert difference in chair.locator("#changed-since-sign-off").inner_text()
    steps.see(chair, "chair-sign-off-changed")

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


# --- 4: nothing lost ----------------------------------------------------------------------------


def test_second_editors_stale_save_is_refused_with_the_change_shown_and_nothing_lost(
    new_page, sign_in, world, screenshot, a11y, page_problems
):
    steps = Steps("journey4-two-editors", screenshot, a11y)
    post = world["conflict_post"]
    first, second = new_page(), new_page()
    for editor in (first, second):
        sign_in(editor, HR_DIRECTOR)
        editor.goto(f"/posts/{post['id']}/plan/")
    name = slate_names(first)[0]
    for editor in (first, second):
        follow(editor.get_by_role("link", name=f"Change readiness and notes of {name}"))
        assert heading(editor) == f"{name}: readiness and notes"
    steps.see(second, "both-editing")

    # Each chooses a readiness of their own, different from the one saved.
    scale = ["Ready now", "Ready in 1–2 years", "Ready in 3–5 years"]
    saved = next(label for label in scale if first.get_by_label(label, exact=True).is_checked())
    firsts, seconds = scale[(scale.index(saved) + 1) % 3], scale[(scale.index(saved) + 2) % 3]

    # The second editor starts typing; the first saves before they finish.
    second_notes = "Ready once the divisional restructure is done: see the appraisal."
    second.get_by_label(seconds, exact=True).check()
    second.get_by_label("Notes").fill(second_notes)
    first.get_by_label(firsts, exact=True).check()
    first.get_by_label("Notes").fill("Acted up for three months this winter.")
    follow(first.get_by_role("button", name="Save"))
    assert f"Saved the readiness and notes of {name}" in banner(first)

    follow(second.get_by_role("button", name="Save"))
    assert "Someone else changed this while you were editing it" in (
        second.locator(".nhsuk-error-summary").inner_text()
    )
    changes = second.locator("#edit-conflict").inner_text()
    assert "What the other person changed" in changes
    assert HR_DIRECTOR_NAME in changes and name in changes
    assert firsts.lower() in changes.lower()
    # Their own input is still on the form.
    assert second.get_by_label("Notes").input_value() == second_notes
    assert second.get_by_label(seconds, exact=True).is_checked()
    steps.see(second, "second-editor-refused")

    # Now they have seen the other change, saving again is their deliberate choice.
    follow(second.get_by_role("button", name="Save"))
    assert f"Saved the readiness and notes of {name}" in banner(second)
    row = next(row for row in slate(second) if row["name"] == name)
    assert row["readiness"] == seconds

    assert unexpected(page_problems, 409) == []
    assert len([p for p in page_problems if p.startswith("409 ")]) == 1
    assert a11y.violations == [], a11y.report()


# --- 5: another trust ---------------------------------------------------------------------------


def test_hr_director_of_another_trust_gets_404_for_the_plan_in_pages_and_api(
    new_page, sign_in, world, screenshot, a11y, page_problems, error_pages_url
):
    steps = Steps("journey5-other-trust", screenshot, a11y)
    post = world["story_post"]
    secret = [post["title"], world["pool_member"]["name"], world["colleague"]["name"]]

    # On the service with DEBUG off, as deployed: the service's own 404 page.
    page = new_page(base_url=error_pages_url)
    sign_in(page, OTHER_HR_DIRECTOR)
    assert world["other_trust"]["name"] in page.locator("main").inner_text()
    for path in (f"/posts/{post['id']}/plan/", f"/posts/{post['id']}/"):
        response = page.goto(path)
        assert response.status == 404, path
        assert heading(page) == "Page not found"
        text = page.locator("body").inner_text()
        assert not [word for word in secret if word in text], f"{path} shows RJ1's plan"
    steps.see(page, "404-page")

    # The API answers in JSON, and only for the user's own trust.
    response = page.goto(f"/api/plans/{post['id']}/")
    assert response.status == 404
    assert response.headers["content-type"].startswith("application/json")
    assert set(response.json()) == {"detail"}
    assert not [word for word in secret if word in response.text()]
    own = page.goto(f"/api/plans/{world['other_trust']['post_id']}/")
    assert own.status == 200
    steps.see(page, "api-own-plan", check=False)

    # And `make run`'s service (DEBUG on) refuses the same way. (Its technical 404 page is for
    # developers, with inline styles the CSP blocks: asked for, not shown.)
    debug = new_page()
    sign_in(debug, OTHER_HR_DIRECTOR)
    assert debug.request.get(f"/posts/{post['id']}/plan/").status == 404
    assert debug.request.get(f"/api/plans/{post['id']}/").status == 404

    refused = [problem for problem in page_problems if problem.startswith("404 ")]
    assert len(refused) == 3
    assert unexpected(page_problems, 404) == []
    assert a11y.violations == [], a11y.report()


# --- 6: an upload with bad rows -----------------------------------------------------------------


def test_upload_with_bad_rows_lists_every_bad_row_and_saves_nothing(
    page, sign_in, world, screenshot, a11y, page_problems, tmp_path
):
    steps = Steps("journey6-upload", screenshot, a11y)
    sign_in(page, HR_DIRECTOR)
    follow(page.get_by_role("navigation", name="Menu").get_by_role("link", name="My organisation"))
    board_before = page.locator("table").first.inner_text()
    follow(page.get_by_role("button", name="Upload posts and holders"))
    assert heading(page) == "Upload posts and holders"
    steps.see(page, "upload")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the template as a CSV file").click()
    assert download.value.suggested_filename.endswith(".csv")
    header = next(csv.reader(download.value.path().read_text(encoding="utf-8-sig").splitlines()))
    assert header[:2] == ["post_title", "role"]

    def row(**values) -> list[str]:
        return [values.get(column, "") for column in header]

    upload = tmp_path / "board.csv"
    with upload.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        rows = [
            # line 2: a good row, which must not be saved either
            row(post_title="Director of research", role="other_executive_director"),
            row(post_title="", role="chief_executive"),  # line 3: no title
            row(post_title="Chief wizard", role="wizard"),  # line 4: no such role
            row(  # line 5: a date in the wrong format
                post_title="Director of estates",
                role="other_executive_director",
                holder_first_name="Ada",
                holder_last_name="Lovelace",
                holder_status="interim",
                holder_started_on="31/02/2024",
            ),
            row(post_title="Director of digital", role="other_executive_director", top_200="maybe"),
        ]
        writer.writerows(rows)
    bad = {
        3: "post_title is missing",
        4: "“wizard” is not a role",
        5: "holder_started_on: 31/02/2024 is not a date",
        6: "top_200 must be yes or no",
    }

    # The design system's script turns the file input into a button that opens the file chooser.
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Upload your spreadsheet")).click()
    chooser.value.set_files(upload)
    follow(page.get_by_role("button", name="Upload and check"))
    assert heading(page) == "Check the posts in your file"
    summary = page.locator(".nhsuk-error-summary").inner_text()
    for line, reason in bad.items():
        assert f"Line {line}: {reason}" in summary, f"line {line} missing from:\n{summary}"
        assert reason in page.locator(f"#line-{line}").inner_text()
    assert "Line 2" not in summary
    assert "Problem" not in page.locator("#line-2").inner_text()
    assert page.get_by_role("button", name=re.compile("Confirm")).count() == 0
    assert "nothing from this file has been saved" in page.locator("main").inner_text()
    steps.see(page, "preview-with-bad-rows")

    page.goto(f"/organisations/{world['trust']['ods_code']}/posts/")
    assert page.locator("table").first.inner_text() == board_before
    assert page.get_by_role("link", name="Director of research").count() == 0

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


# --- 7: appointing a successor who holds another post -------------------------------------------


def test_appointing_a_successor_leaves_their_old_post_vacant_and_linked(
    page, sign_in, world, screenshot, a11y, page_problems
):
    steps = Steps("journey7-appointment", screenshot, a11y)
    appointment = world["appointment"]
    post, nominee, left = appointment["post"], appointment["nominee"], appointment["left_post"]

    sign_in(page, HR_DIRECTOR)
    page.goto(f"/posts/{post['id']}/plan/")
    follow(page.get_by_role("link", name=f"Appoint {nominee['name']} to {post['title']}"))
    assert heading(page) == f"Appoint {nominee['name']} to {post['title']}"
    assert f"{nominee['name']} holds {left['title']}" in page.locator("main").inner_text()
    steps.see(page, "appoint")
    follow(page.get_by_role("button", name="Appoint", exact=True))

    assert heading(page) == f"{nominee['name']} now holds {post['title']}"
    posts_left = page.locator("#posts-left").inner_text()
    assert left["title"] in posts_left and "is now vacant" in posts_left
    steps.see(page, "appointed")

    follow(page.locator("#posts-left").get_by_role("link", name=left["title"], exact=True))
    assert heading(page) == left["title"]
    assert page.locator("h1 ~ p .nhsuk-tag", has_text="Vacant").is_visible()
    assert f"This post is vacant: {nominee['name']} left on" in page.locator("main").inner_text()
    steps.see(page, "left-post-vacant")

    page.goto(f"/posts/{post['id']}/")
    assert nominee["name"] in page.locator("#holder ~ dl").first.inner_text()
    assert nominee["name"] not in slate_names(page, "#slate")

    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()


# --- 8 and 9: without JavaScript, and with the keyboard alone ----------------------------------


def test_hr_directors_journey_works_without_javascript(
    new_page, sign_in, world, screenshot, a11y, page_problems
):
    steps = Steps("journey8-no-javascript", screenshot, a11y, javascript=False)
    post = world["no_js_post"]
    page = new_page(java_script_enabled=False)

    sign_in(page, HR_DIRECTOR)
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    open_post_from_board(page, steps, post["title"])
    prepare_plan_and_ask_for_sign_off(page, steps, world, post)
    # The drag-and-drop shortcut never appeared: Move up and Move down did the work.
    assert page.locator("#slate-drag-hint").is_hidden()
    assert page.locator("#slate-table tr[draggable=true]").count() == 0

    assert unexpected(page_problems) == []


FOCUS_STYLE = r"""() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // The design system draws some focus rings on a pseudo-element (scrolling tables), and hides
  // radio and checkbox inputs to draw theirs on the label.
  const drawnOn = element.matches(".nhsuk-radios__input, .nhsuk-checkboxes__input")
    ? element.labels[0]
    : element;
  const styles = [null, "::before", "::after"]
    .map((pseudo) => getComputedStyle(drawnOn, pseudo))
    .filter((style, index) => index === 0 || (style.content !== "none" && style.display !== "none"));
  const shows = (style) =>
    (style.boxShadow && style.boxShadow !== "none")
    || (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
        && !/transparent|rgba\([^)]*, 0\)/.test(style.outlineColor));
  return {
    text: (element.innerText || element.value || element.name || element.id || "")
      .replace(/\s+/g, " ").trim().slice(0, 80),
    tag: element.tagName.toLowerCase(),
    focusVisible: element.matches(":focus-visible"),
    indicator: styles.some(shows),
  };
}"""


def tab_to(page, wanted, *, limit: int = 150) -> list[dict]:
    """Press Tab until the focused element's text matches `wanted`; every element passed on the
    way is returned with whether its focus could be seen."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused is None:
            continue
        passed.append(focused)
        if re.search(wanted, focused["text"]):
            return passed
    seen = list(dict.fromkeys(focused["text"] for focused in passed))
    raise AssertionError(f"Tab never reached {wanted!r} in {limit} presses; passed {seen}")


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_hr_director_signs_in_and_names_emergency_cover_with_the_keyboard_alone(
    page, world, screenshot, a11y, page_problems
):
    from demo.accounts import DEMO_PASSWORD

    steps = Steps("journey9-keyboard", screenshot, a11y)
    post = world["keyboard_post"]
    focus = []

    page.goto("/accounts/sign-in/")
    focus += tab_to(page, r"^username$")  # the username box, named so while it is empty
    page.keyboard.type(HR_DIRECTOR)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    focus += tab_to(page, r"^Sign in$")
    steps.see(page, "sign-in-button-focused", check=False)
    press_enter_and_wait(page)
    assert heading(page)

    focus += tab_to(page, r"^My organisation$")
    press_enter_and_wait(page)
    assert heading(page) == "Posts and succession plans"
    focus += tab_to(page, rf"^{re.escape(post['title'])}$")
    steps.see(page, "post-link-focused", check=False)
    press_enter_and_wait(page)
    assert heading(page) == post["title"]
    focus += tab_to(page, r"^Manage the succession plan$")
    press_enter_and_wait(page)
    assert heading(page) == f"Succession plan: {post['title']}"

    name = slate_names(page)[0]
    focus += tab_to(page, rf"^Make {re.escape(name)} emergency cover$")
    steps.see(page, "emergency-cover-button-focused")
    press_enter_and_wait(page)
    assert f"{name} is now emergency cover" in banner(page)
    assert [row["name"] for row in slate(page) if row["emergency_cover"]] == [name]
    steps.see(page, "emergency-cover-named")

    unseen = [f for f in focus if not (f["focusVisible"] and f["indicator"])]
    assert unseen == [], f"focus could not be seen on: {unseen}"
    assert unexpected(page_problems) == []
    assert a11y.violations == [], a11y.report()
