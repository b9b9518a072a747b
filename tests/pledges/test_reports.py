"""Reports of inconsistency: a trust or CCG user reports, the body's pledge lead responds, the
reporter sees the response. Who reported is for the national talent team only."""

import csv
import datetime as dt
import io

import pytest

from accounts.models import Role
from pledges import services
from pledges.models import InconsistencyReport, ReportStatus, ResponseKind
from tests.accounts.factories import MembershipFactory, user_with_role
from tests.clock import TODAY
from tests.orgs.factories import OrganisationFactory
from tests.pages import date_fields, text_of

from .factories import make_report
from .helpers import url

pytestmark = pytest.mark.django_db

WHAT_HAPPENED = "The regional team gave us three days for a recovery plan in our improvement week."


def report_form(pledge, **overrides) -> dict:
    data = {
        "pledge": pledge.pk,
        "what_happened": WHAT_HAPPENED,
        **date_fields("happened_on", TODAY - dt.timedelta(days=5)),
    }
    data.update(overrides)
    return data


def respond(report, by, kind=ResponseKind.EXPLAINED, text="We set the deadline in error."):
    return services.report_respond(report=report, kind=kind, text=text, by=by)


def test_a_trust_user_reports_an_inconsistency_and_later_sees_the_bodys_answer(
    client_for, hr_director, pledge_lead, pledge, trust
):
    alice = client_for(hr_director)

    form_page = alice.get(url("report_create"), {"pledge": pledge.pk})
    sent = alice.post(url("report_create"), report_form(pledge))
    report = InconsistencyReport.objects.get()
    waiting = text_of(alice.get(sent.url))
    client_for(pledge_lead).post(
        url("report_respond", report.pk),
        {"kind": ResponseKind.ACTION_TAKEN, "text": "We now allow four weeks for every plan."},
    )
    answered = text_of(client_for(hr_director).get(url("my_reports")))

    assert f'<option value="{pledge.pk}" selected>' in form_page.content.decode()
    assert sent.status_code == 302 and sent.url == url("my_reports")
    assert report.reported_by == hr_director
    assert report.reporter_organisation == trust
    assert "Your report about" in waiting and "has been recorded" in waiting
    assert WHAT_HAPPENED in waiting
    assert "Awaiting a response" in waiting and "No response yet." in waiting
    assert "Action taken" in answered
    assert "We now allow four weeks for every plan." in answered
    assert "Reported by You" in answered


def test_the_reporter_also_sees_the_response_on_the_pledges_page(
    client_for, hr_director, pledge_lead, pledge, trust
):
    report = make_report(pledge, by=hr_director, organisation=trust)
    respond(report, pledge_lead)

    page = text_of(client_for(hr_director).get(url("pledge_detail", pledge.pk)))

    assert "We set the deadline in error." in page
    assert "Reported by You" in page


def test_a_chair_may_report_an_inconsistency(client_for, chair, pledge):
    response = client_for(chair).post(url("report_create"), report_form(pledge))

    assert response.status_code == 302
    assert InconsistencyReport.objects.get().reported_by == chair


def test_a_user_of_two_trusts_says_which_one_they_report_from(client_for, pledge):
    first = OrganisationFactory(ods_code="RA1")
    second = OrganisationFactory(ods_code="RA2")
    user = user_with_role(Role.HR_DIRECTOR, first)
    MembershipFactory(user=user, organisation=second, role=Role.CHAIR)

    client = client_for(user)
    missing = client.post(url("report_create"), report_form(pledge))
    chosen = client.post(url("report_create"), report_form(pledge, organisation=second.pk))

    assert "Choose the organisation you are reporting from" in text_of(missing)
    assert chosen.status_code == 302
    assert InconsistencyReport.objects.get().reporter_organisation == second


def test_a_report_needs_what_happened_and_a_date_that_is_not_in_the_future(
    client_for, hr_director, pledge
):
    client = client_for(hr_director)

    empty = client.post(url("report_create"), report_form(pledge, what_happened=""))
    future = client.post(
        url("report_create"),
        report_form(pledge, **date_fields("happened_on", TODAY + dt.timedelta(days=2))),
    )

    assert "Enter what happened" in text_of(empty)
    assert "The date it happened cannot be in the future" in text_of(future)
    assert WHAT_HAPPENED in text_of(future)
    assert not InconsistencyReport.objects.exists()


@pytest.mark.parametrize("persona", ["pledge_lead", "administrator"])
def test_a_national_body_or_an_administrator_cannot_report_an_inconsistency(
    request, client_for, persona, pledge
):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(url("report_create")).status_code == 403
    assert client.post(url("report_create"), report_form(pledge)).status_code == 403
    assert client.get(url("my_reports")).status_code == 403


def test_the_national_talent_team_may_report_too(client_for, talent_team, pledge):
    response = client_for(talent_team).post(url("report_create"), report_form(pledge))

    assert response.status_code == 302
    assert InconsistencyReport.objects.get().reporter_organisation is None


# --- Responding -------------------------------------------------------------------------------


def test_an_acknowledged_report_stays_open_until_the_body_explains_or_acts(
    client_for, hr_director, pledge_lead, pledge, trust
):
    report = make_report(pledge, by=hr_director, organisation=trust)
    client = client_for(pledge_lead)

    client.post(
        url("report_respond", report.pk),
        {"kind": ResponseKind.ACKNOWLEDGED, "text": "We are looking into it."},
    )
    acknowledged = text_of(client.get(url("tracker")))
    client.post(
        url("report_respond", report.pk),
        {"kind": ResponseKind.EXPLAINED, "text": "The deadline came from the Treasury."},
    )
    explained = text_of(client.get(url("tracker")))

    report.refresh_from_db()
    assert report.status == ReportStatus.EXPLAINED
    assert "Open reports of inconsistency 1" in acknowledged
    assert "Open reports of inconsistency 0" in explained
    assert "There are no open reports of inconsistency" in explained


def test_a_response_needs_its_kind_and_words(client_for, hr_director, pledge_lead, pledge, trust):
    report = make_report(pledge, by=hr_director, organisation=trust)

    response = client_for(pledge_lead).post(url("report_respond", report.pk), {})

    page = text_of(response)
    assert "Choose acknowledged, explained or action taken" in page
    assert "Enter the body’s response" in page
    assert not report.responses.exists()


def test_another_bodys_pledge_lead_cannot_respond(
    client_for, hr_director, other_pledge_lead, pledge, trust
):
    report = make_report(pledge, by=hr_director, organisation=trust)
    client = client_for(other_pledge_lead)

    assert client.get(url("report_respond", report.pk)).status_code == 403
    response = client.post(
        url("report_respond", report.pk), {"kind": ResponseKind.EXPLAINED, "text": "Not ours."}
    )
    assert response.status_code == 403
    assert not report.responses.exists()


def test_a_trust_user_cannot_respond_for_the_body(client_for, chair, hr_director, pledge, trust):
    report = make_report(pledge, by=hr_director, organisation=trust)

    assert client_for(chair).get(url("report_respond", report.pk)).status_code == 403


def test_a_response_once_given_cannot_be_changed(hr_director, pledge_lead, pledge, trust):
    response = respond(make_report(pledge, by=hr_director, organisation=trust), pledge_lead)

    response.text = "Something else"
    with pytest.raises(ValueError, match="cannot be changed"):
        response.save()


# --- Who reported ------------------------------------------------------------------------------


@pytest.fixture
def reported(pledge, trust, hr_director):
    hr_director.first_name, hr_director.last_name = "Alice", "Reporter"
    hr_director.save()
    return make_report(pledge, by=hr_director, organisation=trust)


def identifying(user, trust) -> list[str]:
    return [user.get_full_name(), user.username, user.email, trust.display_name, trust.ods_code]


def test_the_pledge_lead_never_sees_who_reported_on_any_page(
    client_for, pledge_lead, reported, hr_director, trust, pledge
):
    client = client_for(pledge_lead)
    pages = [
        client.get(url("pledge_detail", pledge.pk)),
        client.get(url("tracker")),
        client.get(url("report_respond", reported.pk)),
    ]
    respond(reported, pledge_lead)
    pages.append(client.get(url("pledge_detail", pledge.pk)))

    for response in pages:
        html = response.content.decode()
        for detail in identifying(hr_director, trust):
            assert detail not in html, detail
    assert "Reported by A trust or CCG user" in text_of(pages[0])


def test_the_pledge_lead_never_sees_who_reported_in_the_csv_export(
    client_for, pledge_lead, reported, hr_director, trust
):
    response = client_for(pledge_lead).get(url("export"))

    content = response.content.decode("utf-8-sig")
    for detail in identifying(hr_director, trust):
        assert detail not in content
    rows = list(csv.DictReader(io.StringIO(content)))
    assert rows[0]["Open reports of inconsistency"] == "1"


def test_other_trust_users_are_not_told_who_reported_either(
    client_for, other_hr_director, reported, hr_director, trust, pledge
):
    html = client_for(other_hr_director).get(url("pledge_detail", pledge.pk)).content.decode()

    for detail in identifying(hr_director, trust):
        assert detail not in html


def test_the_national_talent_team_sees_who_reported(
    client_for, talent_team, reported, hr_director, trust, pledge
):
    page = text_of(client_for(talent_team).get(url("pledge_detail", pledge.pk)))

    assert f"Reported by Alice Reporter ({hr_director.email}), {trust.display_name}" in page
