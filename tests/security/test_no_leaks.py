"""No page, list, search, API response or export leaks another organisation's data, or anyone's
equality monitoring answers; equality breakdowns below national level suppress small numbers.

Trust B's posts, people, plans and nominations carry the marker ZQXB in every text field. The HR
director and the chair of trust A follow every link they are offered, try every filter and search
with B's values and open every address with B's ids: the marker must never reach them. Equality
answers use the rarest categories (Roma; Gypsy or Irish Traveller; disabled), which only a holder
of the explicit permission may see for a person."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from pledges import services as pledge_services
from risk import recalculation
from succession import services
from succession.equality_snapshots import equality_snapshot_publish_nightly
from succession.models import IncumbencyKind
from succession.selectors.equality import DIMENSIONS
from talent import services as talent_services
from talent.equality import SUPPRESSED
from talent.models import Disability, Ethnicity, PostRole, Readiness, Sex
from talent.services import calibration as calibration_services
from talent.services import pool as pool_services
from tests.access_matrix_probe import build_world, url_for, url_patterns
from tests.accounts.factories import user_with_role
from tests.pledges.factories import make_pledge
from tests.security.crawl import Page, as_text, crawl, parameterless_urls
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import (
    CohortFactory,
    EqualityRecordFactory,
    PersonFactory,
    aspirations_saved,
    pool_member,
)

pytestmark = pytest.mark.django_db

MARKER = "zqxb"  # compared in lower case: names are shown as typed, emails in lower case
A_ONLY = "HR director and chair of trust A"


# A CSRF token is 64 random letters and digits, fresh on every page: with ~2,000 pages crawled, about
# one run in eight met a token reading "zqxb" once lower-cased. Tokens are not data: left out.
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def contains_marker(text: str) -> bool:
    return MARKER in CSRF_TOKEN.sub("", text).lower()


def test_the_marker_check_ignores_csrf_tokens_but_not_data():
    token = '<input type="hidden" name="csrfmiddlewaretoken" value="a8ZqXb3f">'

    assert not contains_marker(f"<form>{token}</form>")
    assert contains_marker(f"<form>{token}<p>Zqxbholder Bravo</p></form>")


@pytest.fixture
def other_chair(other_trust):
    return user_with_role(Role.CHAIR, other_trust, username="bea")


@pytest.fixture
def trust_b(other_trust, other_hr_director, other_chair, talent_team, national_body):
    """Trust B: a held post and a vacant one, a plan with a nomination, a removed nomination and a
    chair's sign-off, a holder with career history, a pool member who did not agree to be seen
    and one who did (whose name and readiness others may see, but nothing else), and a report of
    inconsistency by B's HR director. Every text that is B's own carries the marker."""
    today = timezone.localdate()
    held = make_post(other_trust, PostRole.CHIEF_EXECUTIVE, "ZQXB Chief Executive Officer")
    vacant = make_post(other_trust, PostRole.FINANCE_DIRECTOR, "ZQXB Director of Finance")
    holder = talent_services.person_create(
        organisation=other_trust,
        first_name="Zqxbholder",
        last_name="Bravo",
        work_email="zqxb.holder@bravo.example",
    )
    holding = services.incumbency_start(
        post=held,
        person=holder,
        kind=IncumbencyKind.INTERIM,
        started_on=dt.date(2021, 4, 1),
        expected_departure_on=today + dt.timedelta(days=120),
    )
    talent_services.career_entry_add(
        person=holder, title="ZQXB Deputy chief executive", organisation_name="ZQXB Hospital"
    )
    nominee = talent_services.person_create(
        organisation=other_trust, first_name="Zqxbnominee", last_name="Bravo"
    )
    nomination = services.nomination_add(
        plan=vacant.plan,
        person=nominee,
        readiness=Readiness.READY_NOW,
        is_emergency_cover=True,
        notes="ZQXB needs board experience first",
        by=other_hr_director,
    )
    removed = services.nomination_add(
        plan=vacant.plan,
        person=holder,
        readiness=Readiness.ONE_TO_TWO_YEARS,
        by=other_hr_director,
    )
    services.nomination_remove(nomination=removed, reason="ZQXB moving to another region")
    vacant.plan.refresh_from_db()
    services.plan_sign_off(plan=vacant.plan, by=other_chair, comment="ZQXB agreed at the board")

    hidden = pool_member(
        other_trust,
        visible=False,
        first_name="Zqxbhidden",
        last_name="Bravo",
        readiness={"chief_executive": Readiness.READY_NOW},
        performance=3,
        potential=3,
    )
    aspirations_saved(hidden, "ZQXB wants a chief executive post", visible=False)
    # Vera agreed to be visible: others may see her name and readiness, nothing else of hers.
    visible = pool_member(
        other_trust,
        first_name="Vera",
        last_name="Visible",
        work_email="vera.visible@nhs.example",
        readiness={"chief_executive": Readiness.ONE_TO_TWO_YEARS},
    )
    aspirations_saved(visible, "ZQXB aspires to lead an ambulance trust")
    pool_services.target_readiness_set(
        person=visible,
        role=PostRole.FINANCE_DIRECTOR,
        readiness=Readiness.THREE_TO_FIVE_YEARS,
        notes="ZQXB needs a finance qualification",
    )
    pool_services.nine_box_place(
        person=visible, performance=1, potential=3, reason="ZQXB placed by the panel"
    )
    cohort = CohortFactory()
    membership = pool_services.cohort_membership_add(
        person=visible, cohort=cohort, joined_on=cohort.starts_on
    )
    activity = pool_services.development_add(
        person=visible,
        kind="coaching",
        title="ZQXB executive coaching",
        status="planned",
        starts_on=dt.date(2025, 3, 1),
        notes="ZQXB coach booked",
    )
    session = calibration_services.calibration_session_open(cohort=cohort, held_on=today)

    other_hr_director.first_name, other_hr_director.last_name = "Zqxbreporter", "Bravo"
    other_hr_director.save()
    pledge = make_pledge(national_body)
    report = pledge_services.report_create(
        pledge=pledge,
        what_happened="A three-day deadline landed in our improvement week.",
        happened_on=today - dt.timedelta(days=5),
        by=other_hr_director,
        reporter_organisation=other_trust,
    )
    recalculation.recalculate_all()
    return {
        "ods_code": other_trust.ods_code,
        "pk": vacant.pk,
        "post_id": vacant.pk,
        "held_pk": held.pk,
        "nomination_pk": nomination.pk,
        "incumbency_pk": holding.pk,
        "token": "no-such-upload",
        "file_format": "csv",
        "person_pk": holder.pk,
        "nominee_pk": nominee.pk,
        "pool_person_pk": hidden.pk,
        "visible_pk": visible.pk,
        "membership_pk": membership.pk,
        "activity_pk": activity.pk,
        "session_pk": session.pk,
        "plan_pk": vacant.plan.pk,
        "region": other_trust.region.code,
        "other_trust_pk": other_trust.pk,
        "pledge_pk": pledge.pk,
        "milestone_pk": 0,
        "pledge_update_pk": 0,
        "report_pk": report.pk,
    }


@pytest.fixture
def trust_a(trust, hr_director, chair, talent_team, pledge_lead, administrator):
    """Trust A's own world (the access matrix's): a post with a holder, a plan and a nomination."""
    return build_world(trust)


def b_addresses(b: dict) -> list[str]:
    """Every URL pattern with B's ids (and each of B's people and posts where a pattern takes
    one), plus every page and API list filtered or searched by B's values."""
    addresses = []
    for name, pattern in url_patterns():
        if not pattern.pattern.converters:
            continue
        addresses.append(url_for(name, pattern, b))
        if "pk" in pattern.pattern.converters:
            for key in ("held_pk", "person_pk", "nominee_pk", "visible_pk", "plan_pk"):
                kwargs = {k: b[k] for k in pattern.pattern.converters}
                kwargs["pk"] = b[key]
                addresses.append(reverse(name, kwargs=kwargs))
    filters = [
        {"q": "Bravo"},
        {"q": "bravo.example"},
        {"search": "Bravo"},
        {"organisation": b["ods_code"]},
        {"organisation": b["other_trust_pk"]},
        {"region": b["region"]},
        {"post": b["pk"]},
        {"post": b["held_pk"]},
        {"person": b["person_pk"]},
        {"person": b["nominee_pk"]},
        {"plan": b["plan_pk"]},
        {"role": "chief_executive", "readiness": "ready_now"},
        {"mine": "false"},
        {"history": "all"},
    ]
    for url in parameterless_urls():
        for query in filters:
            addresses.append(f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}")
    return addresses


@pytest.mark.slow
@pytest.mark.parametrize("persona", ["hr_director", "chair"])
def test_trust_a_never_sees_trust_bs_posts_people_plans_or_nominations(
    request, client, trust_a, trust_b, persona
):
    """Every page, list, search, API response and export (CSV and XLSX) trust A's HR director or
    chair can reach, and every address of B's records: none shows anything of B's."""
    client.force_login(request.getfixturevalue(persona))
    own_post = reverse("succession:post_detail", args=[trust_a["pk"]])
    seeds = ["/", own_post, *parameterless_urls(), *b_addresses(trust_b)]

    pages = crawl(client, seeds, limit=2000)

    leaks = [f"{page.url} ({page.status})" for page in pages.values() if contains_marker(page.text)]
    assert leaks == []
    reached = {page.url.split("?")[0] for page in pages.values() if page.status == 200}
    # The crawl did reach the exports, the API and A's own records.
    for address in (
        reverse("risk:export", args=["csv"]),
        reverse("risk:export", args=["xlsx"]),
        reverse("pledges:export"),
        reverse("api-post-list"),
        reverse("api-nomination-list"),
        reverse("api-talent-pool-list"),
        own_post,
    ):
        assert address in reached, address
    for key in ("held_pk", "pk"):
        assert pages[reverse("succession:post_detail", args=[trust_b[key]])].status == 404


def test_the_same_crawl_finds_trust_bs_records_as_trust_bs_own_hr_director(
    client, other_hr_director, trust_a, trust_b
):
    """The check above can fail: crawling the same way, B's HR director meets B's records."""
    client.force_login(other_hr_director)

    pages = crawl(client, ["/", *parameterless_urls()], limit=400)

    text = "\n".join(page.text for page in pages.values())
    for record in (
        "ZQXB Chief Executive Officer",  # a post
        "Zqxbholder Bravo",  # a holder
        "ZQXB needs board experience first",  # a nomination's notes
        "ZQXB agreed at the board",  # a sign-off
    ):
        assert record in text, record


def test_a_visible_pool_member_of_trust_b_shows_only_name_post_and_readiness_to_trust_a(
    client_for, hr_director, trust_b
):
    """Consent lets other organisations see a pool member's name, current post and readiness:
    not their aspirations, notes, nine-box, programmes or development."""
    client = client_for(hr_director)

    profile = client.get(reverse("talent:pool_profile", args=[trust_b["visible_pk"]]))
    search = client.get(reverse("talent:pool_search"), {"q": "Visible"})
    api = client.get(reverse("api-talent-pool-detail", args=[trust_b["visible_pk"]]))

    for response in (profile, search, api):
        assert response.status_code == 200
        assert "Visible" in response.content.decode()
        assert not contains_marker(response.content.decode())
    assert set(api.json()) == {"id", "name", "current_posts", "readiness"}


# --- Equality monitoring answers ------------------------------------------------------------

# The rarest answers, so that nothing else on a page could contain them.
EQUALITY_VALUES = [
    Ethnicity.WHITE_GYPSY_OR_IRISH_TRAVELLER.value,
    Ethnicity.WHITE_GYPSY_OR_IRISH_TRAVELLER.label,
    Ethnicity.WHITE_ROMA.value,
    Disability.YES.label,
]
ROMA = re.compile(r"\bRoma\b")
EQUALITY_KEYS = ('"ethnicity"', '"sex"', '"disability"', '"equality')
EQUALITY_PAGES = ("/talent-pool/equality/",)  # the breakdowns: every category, as figures


def equality_leaks(pages) -> list[str]:
    leaks = []
    for page in pages.values():
        if page.url.startswith(EQUALITY_PAGES):
            continue
        found = [value for value in EQUALITY_VALUES if value in page.text]
        if ROMA.search(page.text):
            found.append("Roma")
        if "json" in page.content_type:
            found += [key for key in EQUALITY_KEYS if key in page.text]
        if found:
            leaks.append(f"{page.url}: {found}")
    return leaks


@pytest.fixture
def equality_world(trust, other_trust, trust_a, trust_b):
    """Equality answers for people of both trusts: holders, nominees and pool members."""
    people = [
        trust_a["person_pk"],
        trust_a["pool_person_pk"],
        trust_b["person_pk"],
        trust_b["nominee_pk"],
        trust_b["visible_pk"],
        trust_b["pool_person_pk"],
    ]
    for index, pk in enumerate(people):
        EqualityRecordFactory(
            person_id=pk,
            ethnicity=Ethnicity.WHITE_ROMA
            if index % 2
            else Ethnicity.WHITE_GYPSY_OR_IRISH_TRAVELLER,
            sex=Sex.FEMALE,
            disability=Disability.YES,
        )
    return people


def grant_equality_permission(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="talent", codename="view_equality_data")
    )
    return type(user).objects.get(pk=user.pk)


def person_addresses(people) -> list[str]:
    addresses = []
    for pk in people:
        for name in ("talent:person_detail", "talent:pool_profile", "talent:person_edit"):
            addresses.append(reverse(name, args=[pk]))
        for name in ("api-person-detail", "api-talent-pool-detail"):
            addresses.append(reverse(name, args=[pk]))
    return addresses


@pytest.mark.parametrize(
    "persona",
    [
        "hr_director",
        "chair",
        "other_hr_director",
        "talent_team",
        "pledge_lead",
        "administrator",
    ],
)
def test_no_page_api_response_or_export_shows_anyones_equality_answers_without_the_permission(
    request, client, equality_world, persona
):
    """The national team and the administrator (a superuser) included: no role implies it."""
    client.force_login(request.getfixturevalue(persona))

    pages = crawl(client, ["/", *parameterless_urls(), *person_addresses(equality_world)])

    assert len(pages) > 20
    assert equality_leaks(pages) == []


def test_the_api_never_has_equality_answers_even_for_a_holder_of_the_permission(
    client, talent_team, equality_world
):
    analyst = grant_equality_permission(talent_team)
    client.force_login(analyst)

    pages = crawl(client, [reverse("api-root"), *person_addresses(equality_world)])

    api = {url: page for url, page in pages.items() if "json" in page.content_type}
    assert len(api) > 10
    assert equality_leaks(api) == []


def test_a_holder_of_the_permission_does_see_a_persons_answers(client, talent_team, equality_world):
    """The check above would catch a leak: the same answers show to the permission's holder."""
    client.force_login(grant_equality_permission(talent_team))

    response = client.get(reverse("talent:pool_profile", args=[equality_world[-1]]))

    assert response.status_code == 200
    assert equality_leaks({"profile": _page(response)}) != []


def _page(response):
    return Page(
        url=response.wsgi_request.path,
        status=response.status_code,
        content_type=response["Content-Type"],
        text=as_text(response),
    )


# --- Small numbers, in England and every region ----------------------------------------------


@pytest.fixture
def small_groups(trust, other_trust):
    """In trust A's region: 3 Roma board members and 9 others (boards); 6 disabled pool members
    and 11 others, 4 of them ready now (pool, pipeline). Trust B's region: 2 board members.
    Published as the night's snapshot, which is all the pages and the CSV show."""
    for index in range(12):
        post = make_post(trust, PostRole.NON_EXECUTIVE_DIRECTOR, f"Non-executive director {index}")
        ethnicity = Ethnicity.WHITE_ROMA if index < 3 else Ethnicity.WHITE_BRITISH
        EqualityRecordFactory(
            person=IncumbencyFactory(post=post).person,
            ethnicity=ethnicity,
            sex=Sex.MALE if index < 5 else Sex.FEMALE,
        )
    for index in range(17):
        readiness = {"chief_executive": Readiness.READY_NOW} if index < 4 else {}
        member = pool_member(trust, readiness=readiness)
        EqualityRecordFactory(
            person=member,
            ethnicity=Ethnicity.BLACK_AFRICAN if index < 6 else Ethnicity.ASIAN_INDIAN,
            disability=Disability.YES if index < 6 else Disability.NO,
        )
    for index in range(2):
        post = make_post(other_trust, PostRole.NON_EXECUTIVE_DIRECTOR, f"NED {index}")
        EqualityRecordFactory(person=IncumbencyFactory(post=post).person)
    PersonFactory(organisation=trust)  # not in any group
    equality_snapshot_publish_nightly()


def published(value: str) -> bool:
    """A figure as it may be published anywhere: *, 0 or a multiple of 5 from 10."""
    value = value.strip()
    if value in (SUPPRESSED, "0"):
        return True
    return value.isdigit() and int(value) % 5 == 0 and int(value) >= 10


def area_figures(html: str, region_code: str) -> list[str]:
    table = re.search(rf'<table[^>]*data-area="{region_code}".*?</table>', html, re.S)
    assert table, f"no table for region {region_code}"
    return [value.strip() for value in re.findall(r"data-count>([^<]*)", table.group(0))]


@pytest.mark.parametrize("dimension", sorted(DIMENSIONS))
def test_every_figure_on_the_page_is_suppressed_or_rounded_in_every_dimension(
    client_for, talent_team, trust, other_trust, small_groups, dimension
):
    """Boards, pipeline and pool, by ethnic group (grouped and detailed), sex and disability."""
    client = client_for(talent_team)

    everywhere = client.get(reverse("talent:equality"), {"dimension": dimension})
    one_region = client.get(
        reverse("talent:equality"), {"dimension": dimension, "region": trust.region.code}
    )

    for response in (everywhere, one_region):
        for region in (trust.region.code, other_trust.region.code):
            if f'data-area="{region}"' not in response.text:
                assert response is one_region and region == other_trust.region.code
                continue
            figures = area_figures(response.text, region)
            assert figures and all(published(value) for value in figures), (region, figures)
            assert SUPPRESSED in figures
    national = area_figures(everywhere.text, "national")
    assert national and all(published(value) for value in national), national
    assert SUPPRESSED in national


@pytest.mark.parametrize("dimension", sorted(DIMENSIONS))
def test_every_figure_in_the_export_is_suppressed_or_rounded_in_every_dimension(
    client_for, talent_team, trust, small_groups, dimension
):
    response = client_for(talent_team).get(
        reverse("talent:equality_export"), {"dimension": dimension}
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0].startswith("Figures published on ")
    header, body = rows[1], rows[2:]
    numbers = [i for i, heading in enumerate(header) if heading.endswith(": number")]
    regional = [row for row in body if row[0] != "England"]
    national = [row for row in body if row[0] == "England"]
    assert regional and national
    for row in body:
        assert all(published(row[i]) for i in numbers), row
    # England too is rounded: 12 + 2 board members show as 15, never as the real 14.
    totals = next(row for row in national if row[2] == "Total")
    assert totals[numbers[0]] == "15"


def test_the_equality_page_shows_no_persons_name_or_post(client_for, talent_team, small_groups):
    """The breakdowns are figures only: nobody in a small group can be named from them."""
    response = client_for(talent_team).get(reverse("talent:equality"), {"dimension": "ethnicity"})

    assert "Non-executive director" not in response.text
    assert not re.search(r'href="/(people|talent-pool/people)/\d+/', response.text)


def test_the_api_schema_has_no_equality_fields(client_for, talent_team):
    """No endpoint of the API can carry equality answers: its schema never names them."""
    response = client_for(talent_team).get(reverse("api-schema"), {"format": "json"})

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert "components" in schema and "paths" in schema
    text = json.dumps(schema).lower()
    for word in ("ethnic", "disab", '"sex"'):
        assert word not in text, word
