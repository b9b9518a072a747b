"""The pledge tracker's API: the pages' data and permissions, in JSON."""

import datetime as dt

import pytest

from pledges.models import Pledge, ProgressUpdate, Rag, ResponseKind
from tests.api.conftest import JsonClient, ids
from tests.clock import TODAY

from .factories import make_report, make_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return JsonClient


def pledge_data(body, **overrides) -> dict:
    data = {
        "body": body.ods_code,
        "condition": 5,
        "title": "Time and space to improve",
        "commitment": "We will never ask for an improvement plan in under four weeks.",
        "accountable_owner": "Director of Improvement",
        "start_on": str(TODAY - dt.timedelta(days=30)),
        "target_on": str(TODAY + dt.timedelta(days=300)),
        "success_measure": "No request for a plan in under four weeks.",
    }
    data.update(overrides)
    return data


def update_data(pledge, **overrides) -> dict:
    data = {
        "pledge": pledge.pk,
        "period_start": str(TODAY - dt.timedelta(days=91)),
        "period_end": str(TODAY - dt.timedelta(days=1)),
        "rag": "amber",
        "narrative": "Three of four regions use the charter.",
        "evidence_links": ["https://www.england.nhs.uk/publication/board-paper/"],
    }
    data.update(overrides)
    return data


# --- Pledges ----------------------------------------------------------------------------------


def test_any_signed_in_user_reads_the_pledges_with_the_trackers_flags(
    api, hr_director, pledge, other_pledge, pledge_lead
):
    make_update(pledge, by=pledge_lead, rag=Rag.RED)

    response = api(hr_director).get("/api/pledges/")
    detail = api(hr_director).get(f"/api/pledges/{pledge.pk}/").json()

    assert response.status_code == 200
    assert set(ids(response)) == {pledge.pk, other_pledge.pk}
    assert detail["latest_rag"] == "red"
    assert detail["is_overdue"] is False
    assert detail["condition"]["number"] == 2
    assert detail["condition"]["short_name"] == "Compassionate, inclusive leaders"
    assert detail["body"]["ods_code"] == pledge.body.ods_code


def test_the_pledges_list_takes_the_trackers_filters(api, hr_director, pledge, other_pledge):
    response = api(hr_director).get("/api/pledges/", {"body": "NB-CQC", "condition": 5})

    assert ids(response) == [other_pledge.pk]


def test_a_pledge_lead_makes_a_pledge_for_their_body_only(
    api, pledge_lead, national_body, other_body
):
    own = api(pledge_lead).post("/api/pledges/", pledge_data(national_body))
    other = api(pledge_lead).post("/api/pledges/", pledge_data(other_body))

    assert own.status_code == 201
    assert own.json()["body"]["ods_code"] == national_body.ods_code
    assert other.status_code == 403
    assert Pledge.objects.count() == 1


def test_a_trust_user_cannot_make_a_pledge_through_the_api(api, hr_director, national_body):
    assert api(hr_director).post("/api/pledges/", pledge_data(national_body)).status_code == 403


def test_a_pledge_with_its_target_before_its_start_is_refused_with_the_field_named(
    api, pledge_lead, national_body
):
    response = api(pledge_lead).post(
        "/api/pledges/", pledge_data(national_body, target_on=str(TODAY - dt.timedelta(days=60)))
    )

    assert response.status_code == 400
    assert "target_on" in response.json()


def test_a_pledge_lead_changes_their_bodys_pledge_with_its_version(api, pledge_lead, pledge):
    response = api(pledge_lead).patch(
        f"/api/pledges/{pledge.pk}/", {"title": "Kinder oversight", "version": pledge.version}
    )

    assert response.status_code == 200
    assert response.json()["title"] == "Kinder oversight"
    assert response.json()["version"] == pledge.version + 1


def test_a_pledge_lead_cannot_change_another_bodys_pledge_through_the_api(
    api, pledge_lead, other_pledge
):
    response = api(pledge_lead).patch(
        f"/api/pledges/{other_pledge.pk}/", {"title": "Mine now", "version": other_pledge.version}
    )

    assert response.status_code == 403
    other_pledge.refresh_from_db()
    assert other_pledge.title == "Regulation that gives time to improve"


def test_a_stale_version_is_refused_with_409_and_what_changed(
    api, pledge_lead, talent_team, pledge
):
    api(talent_team).patch(
        f"/api/pledges/{pledge.pk}/", {"accountable_owner": "CEO", "version": pledge.version}
    )

    response = api(pledge_lead).patch(
        f"/api/pledges/{pledge.pk}/", {"title": "Mine", "version": pledge.version}
    )

    assert response.status_code == 409
    assert response.json()["current_version"] == pledge.version + 1
    assert any("accountable owner" in change["text"] for change in response.json()["changes"])


def test_a_pledge_cannot_be_deleted(api, talent_team, pledge):
    assert api(talent_team).delete(f"/api/pledges/{pledge.pk}/").status_code == 405
    assert Pledge.objects.filter(pk=pledge.pk).exists()


# --- Progress updates -------------------------------------------------------------------------


def test_a_pledge_lead_submits_an_update_through_the_api(api, pledge_lead, pledge):
    response = api(pledge_lead).post("/api/pledge-updates/", update_data(pledge))

    assert response.status_code == 201
    assert response.json()["rag"] == "amber"
    assert response.json()["submitted_by"] == pledge_lead.get_full_name()
    assert ProgressUpdate.objects.get().pledge == pledge


def test_a_pledge_lead_cannot_submit_an_update_on_another_bodys_pledge(
    api, pledge_lead, other_pledge
):
    response = api(pledge_lead).post("/api/pledge-updates/", update_data(other_pledge))

    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_an_update_with_a_bad_evidence_link_is_refused_with_the_field_named(
    api, pledge_lead, pledge
):
    response = api(pledge_lead).post(
        "/api/pledge-updates/", update_data(pledge, evidence_links=["the board paper"])
    )

    assert response.status_code == 400
    assert "evidence_links" in response.json()


def test_an_update_once_submitted_cannot_be_altered_through_the_api(api, pledge_lead, pledge):
    update = make_update(pledge, by=pledge_lead, rag=Rag.RED)
    address = f"/api/pledge-updates/{update.pk}/"
    client = api(pledge_lead)

    assert client.put(address, update_data(pledge, rag="green")).status_code == 405
    assert client.patch(address, {"rag": "green"}).status_code == 405
    assert client.delete(address).status_code == 405
    assert ProgressUpdate.objects.get(pk=update.pk).rag == Rag.RED


def test_a_correction_through_the_api_names_the_update_it_corrects(api, pledge_lead, pledge):
    original = make_update(pledge, by=pledge_lead, rag=Rag.GREEN)

    response = api(pledge_lead).post(
        "/api/pledge-updates/", update_data(pledge, corrects=original.pk)
    )
    original_now = api(pledge_lead).get(f"/api/pledge-updates/{original.pk}/").json()

    assert response.status_code == 201
    assert response.json()["corrects"] == original.pk
    assert original_now["corrected_by"] == [response.json()["id"]]
    assert original_now["rag"] == "green"


# --- Reports of inconsistency -----------------------------------------------------------------


def test_a_trust_user_reports_through_the_api_and_reads_the_response(
    api, hr_director, pledge_lead, pledge
):
    created = api(hr_director).post(
        "/api/pledge-reports/",
        {
            "pledge": pledge.pk,
            "what_happened": "Three days for a recovery plan.",
            "happened_on": str(TODAY - dt.timedelta(days=3)),
        },
    )
    report_id = created.json()["id"]
    answered = api(pledge_lead).post(
        f"/api/pledge-reports/{report_id}/respond/",
        {"kind": ResponseKind.ACTION_TAKEN, "text": "Four weeks from now on."},
    )
    mine = api(hr_director).get("/api/pledge-reports/", {"mine": "true"}).json()["results"]

    assert created.status_code == 201
    assert answered.status_code == 201
    assert [report["id"] for report in mine] == [report_id]
    assert mine[0]["status"] == "action_taken"
    assert mine[0]["responses"][0]["text"] == "Four weeks from now on."
    assert mine[0]["reported_by"] == "You"


def test_a_pledge_lead_cannot_report_or_answer_for_another_body(
    api, pledge_lead, other_pledge_lead, hr_director, trust, pledge
):
    report = make_report(pledge, by=hr_director, organisation=trust)

    assert api(pledge_lead).post("/api/pledge-reports/", {}).status_code == 403
    response = api(other_pledge_lead).post(
        f"/api/pledge-reports/{report.pk}/respond/", {"kind": "explained", "text": "Not ours."}
    )
    assert response.status_code == 403


def test_the_api_never_tells_a_pledge_lead_or_trust_user_who_reported(
    api, pledge_lead, other_hr_director, hr_director, trust, pledge
):
    report = make_report(pledge, by=hr_director, organisation=trust)

    for user in (pledge_lead, other_hr_director):
        listed = api(user).get("/api/pledge-reports/")
        detail = api(user).get(f"/api/pledge-reports/{report.pk}/")
        for response in (listed, detail):
            body = response.content.decode()
            assert "reporter" not in response.json().get("results", [response.json()])[0]
            for detail_text in (hr_director.username, hr_director.email, trust.ods_code):
                assert detail_text not in body
        assert detail.json()["reported_by"] == "A trust or CCG user"


def test_the_api_tells_the_national_talent_team_who_reported(
    api, talent_team, hr_director, trust, pledge
):
    report = make_report(pledge, by=hr_director, organisation=trust)

    reporter = api(talent_team).get(f"/api/pledge-reports/{report.pk}/").json()["reporter"]

    assert reporter["email"] == hr_director.email
    assert reporter["organisation"]["ods_code"] == trust.ods_code


def test_the_api_needs_sign_in(api, pledge):
    for address in ("/api/pledges/", "/api/pledge-updates/", "/api/pledge-reports/"):
        assert api().get(address).status_code == 403
