"""Who reported an inconsistency is for the national talent team's eyes only, so the Django admin
must not reveal it: not by a list filter, a lookup in the query string, a search, an ordering, a
related-object or history page, a delete summary, an autocomplete or an error message.

The trick each test tries: compare the admin's answer for the reporter with its answer for a user
(or organisation) who reported nothing. Any difference tells an administrator who reported."""

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.models import Role
from tests.accounts.factories import user_with_role
from tests.orgs.factories import OrganisationFactory
from tests.pledges.factories import make_pledge, make_report

pytestmark = pytest.mark.django_db

REPORTS = reverse("admin:pledges_inconsistencyreport_changelist")


@pytest.fixture
def admin_client(client, administrator):
    """The administrator signed in with a second factor, as the admin requires."""
    device = StaticDevice.objects.create(user=administrator, name="backup codes")
    client.force_login(administrator)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get(reverse("admin:index")).status_code == 200
    return client


@pytest.fixture
def reports(national_body, trust):
    """Two reports by one HR director of a trust, and a bystander who reported nothing."""
    reporter = user_with_role(Role.HR_DIRECTOR, trust, username="reporter-rita")
    bystander_org = OrganisationFactory(ods_code="RX9", name="QUIET NHS TRUST")
    bystander = user_with_role(Role.HR_DIRECTOR, bystander_org, username="bystander-ben")
    pledge = make_pledge(national_body)
    for _ in range(2):
        make_report(pledge, by=reporter, organisation=trust)
    return {
        "reporter": reporter,
        "bystander": bystander,
        "reporter_org": trust,
        "bystander_org": bystander_org,
        "pledge": pledge,
    }


def answer(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode().replace(url, "URL")


@pytest.mark.parametrize(
    "lookup",
    [
        "reported_by",
        "reported_by_id",
        "reported_by__id__exact",
        "reported_by__exact",
        "reported_by__in",
        "reported_by__pk",
        "reported_by__isnull",
    ],
)
def test_the_reports_list_cannot_be_filtered_by_who_reported(admin_client, reports, lookup):
    def ask(user):
        value = "False" if lookup.endswith("isnull") else user.pk
        return answer(admin_client, f"{REPORTS}?{lookup}={value}")

    for_reporter, for_bystander = ask(reports["reporter"]), ask(reports["bystander"])

    assert for_reporter[0] == 400
    assert for_reporter == for_bystander


@pytest.mark.parametrize(
    "lookup",
    ["reporter_organisation", "reporter_organisation_id", "reporter_organisation__id__exact"],
)
def test_the_reports_list_cannot_be_filtered_by_the_reporters_organisation(
    admin_client, reports, lookup
):
    def ask(organisation):
        return answer(admin_client, f"{REPORTS}?{lookup}={organisation.pk}")

    for_reporter, for_bystander = ask(reports["reporter_org"]), ask(reports["bystander_org"])

    assert for_reporter[0] == 400
    assert for_reporter == for_bystander


@pytest.mark.parametrize(
    ("lookup", "field"),
    [
        ("reported_by__username", "username"),
        ("reported_by__username__startswith", "username"),
        ("reported_by__last_name", "last_name"),
        ("reporter_organisation__ods_code", "ods_code"),
    ],
)
def test_the_reports_list_cannot_be_filtered_through_the_reporters_details(
    admin_client, reports, lookup, field
):
    reporter = reports["reporter_org" if field == "ods_code" else "reporter"]
    bystander = reports["bystander_org" if field == "ods_code" else "bystander"]

    for_reporter = answer(admin_client, f"{REPORTS}?{lookup}={getattr(reporter, field)}")
    for_bystander = answer(admin_client, f"{REPORTS}?{lookup}={getattr(bystander, field)}")

    assert for_reporter[0] == 400
    assert for_reporter == for_bystander


@pytest.mark.parametrize(
    ("admin_url", "lookup"),
    [
        ("admin:pledges_pledge_changelist", "reports__reported_by"),
        ("admin:pledges_pledge_changelist", "reports__reporter_organisation"),
        ("admin:pledges_progressupdate_changelist", "pledge__reports__reported_by"),
        ("admin:pledges_frameworkcondition_changelist", "pledges__reports__reported_by"),
        ("admin:orgs_organisation_changelist", "pledges__reports__reported_by"),
    ],
)
def test_other_lists_cannot_be_filtered_through_the_reports_reporter(
    admin_client, reports, admin_url, lookup
):
    url = reverse(admin_url)
    value = "reporter_org" if lookup.endswith("organisation") else "reporter"
    other = "bystander_org" if lookup.endswith("organisation") else "bystander"

    for_reporter = admin_client.get(f"{url}?{lookup}={reports[value].pk}")
    for_bystander = admin_client.get(f"{url}?{lookup}={reports[other].pk}")

    assert for_reporter.status_code == for_bystander.status_code == 400


def test_the_reports_list_offers_no_filter_by_reporter_or_their_organisation(admin_client, reports):
    page = admin_client.get(REPORTS).content.decode()

    assert "reported_by" not in page
    assert "reporter_organisation" not in page
    assert reports["reporter"].username not in page
    assert reports["reporter"].last_name not in page
    assert reports["reporter_org"].name not in page


def test_searching_the_reports_list_for_the_reporter_finds_nothing(admin_client, reports):
    reporter = reports["reporter"]
    for term in (
        reporter.username,
        reporter.last_name,
        reporter.email,
        reports["reporter_org"].name,
    ):
        page = admin_client.get(REPORTS, {"q": term}).content.decode()
        assert "0 reports of inconsistency" in page, term


@pytest.mark.parametrize("ordering", ["0", "-1", "2.3", "4", "5", "-5", "9", "reported_by"])
def test_no_ordering_of_the_reports_list_sorts_by_reporter(admin_client, reports, ordering):
    response = admin_client.get(REPORTS, {"o": ordering})

    assert response.status_code == 200
    page = response.content.decode()
    assert reports["reporter"].username not in page
    assert reports["reporter"].last_name not in page
    assert page.count('class="field-status"') == 2


def test_a_report_and_its_history_do_not_name_the_reporter(admin_client, reports):
    report = reports["pledge"].reports.first()
    reporter = reports["reporter"]
    pages = [
        admin_client.get(reverse("admin:pledges_inconsistencyreport_change", args=[report.pk])),
        admin_client.get(reverse("admin:pledges_inconsistencyreport_history", args=[report.pk])),
        admin_client.get(reverse("admin:pledges_pledge_change", args=[reports["pledge"].pk])),
    ]

    for response in pages:
        assert response.status_code == 200
        page = response.content.decode()
        assert reporter.username not in page
        assert reporter.last_name not in page
        assert reports["reporter_org"].name not in page


def test_a_users_admin_pages_look_the_same_whether_or_not_they_reported(admin_client, reports):
    def pages(user):
        answers = []
        for name in ("admin:accounts_user_change", "admin:accounts_user_history"):
            response = admin_client.get(reverse(name, args=[user.pk]))
            page = response.content.decode().lower().replace(user.username, "")
            answers.append((response.status_code, page.count("report")))
        return answers

    assert pages(reports["reporter"]) == pages(reports["bystander"])
    assert all(status == 200 for status, _ in pages(reports["reporter"]))


@pytest.mark.parametrize(
    ("name", "who"),
    [
        ("admin:accounts_user_delete", ("reporter", "bystander")),
        ("admin:orgs_organisation_delete", ("reporter_org", "bystander_org")),
    ],
)
def test_the_delete_confirmation_looks_the_same_for_a_reporter_and_anyone_else(
    admin_client, reports, name, who
):
    """A delete summary lists the records that stop a deletion: it named reports of
    inconsistency for those who filed one. Users are deactivated and organisations closed."""
    reporter, bystander = (reports[key] for key in who)

    for_reporter = admin_client.get(reverse(name, args=[reporter.pk]))
    for_bystander = admin_client.get(reverse(name, args=[bystander.pk]))

    assert for_reporter.status_code == for_bystander.status_code == 403
    assert "report" not in for_reporter.content.decode().lower()
    posted = admin_client.post(reverse(name, args=[reporter.pk]), {"post": "yes"})
    assert posted.status_code == 403


@pytest.mark.parametrize(
    "changelist", ["admin:accounts_user_changelist", "admin:orgs_organisation_changelist"]
)
def test_the_bulk_delete_action_is_not_offered_for_users_or_organisations(
    admin_client, reports, changelist
):
    page = admin_client.get(reverse(changelist)).content.decode()

    assert "delete_selected" not in page


def test_autocomplete_on_the_reporter_field_answers_alike_for_reporters_and_others(
    admin_client, reports
):
    def ask(user):
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "pledges",
                "model_name": "inconsistencyreport",
                "field_name": "reported_by",
                "term": user.username,
            },
        )
        if response.status_code != 200:
            return response.status_code, None
        return 200, [result["text"] for result in response.json()["results"]]

    for_reporter, for_bystander = ask(reports["reporter"]), ask(reports["bystander"])

    assert for_reporter[0] == for_bystander[0]
    if for_reporter[0] == 200:
        assert for_reporter[1] == [str(reports["reporter"])]
        assert for_bystander[1] == [str(reports["bystander"])]
