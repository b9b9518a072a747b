"""The talent pool in the API: the same rules as the pages. HR directors and chairs get the
summary of visible members only; nine-box, development, calibration and equality data never."""

import json

import pytest
from django.urls import reverse

from talent.models import Readiness
from talent.services import calibration as calibration_services
from talent.services import pool as pool_services
from tests.api.conftest import JsonClient
from tests.talent.factories import (
    CohortMembershipFactory,
    EqualityRecordFactory,
    pool_member,
)

pytestmark = pytest.mark.django_db

POOL = reverse("api-talent-pool-list")
SESSIONS = reverse("api-calibration-session-list")
CE = "chief_executive"
WHOLE_RECORD_KEYS = {
    "nine_box_original",
    "nine_box_calibrated",
    "mobility",
    "aspirations",
    "history",
    "cohorts",
    "development",
}
EQUALITY_WORDS = ("ethnic", "sex", "disab", "british", "caribbean", "prefer_not")


@pytest.fixture
def members(trust, other_trust):
    visible = pool_member(
        other_trust, first_name="Open", last_name="Member", performance=3, potential=2,
        readiness={CE: Readiness.READY_NOW}, regions=[trust.region],
    )  # fmt: skip
    hidden = pool_member(other_trust, first_name="Private", last_name="Member", visible=False)
    for person in (visible, hidden):
        EqualityRecordFactory(person=person, ethnicity="black_caribbean")
    pool_services.development_add(
        person=visible, kind="coaching", title="Executive coaching", status="planned",
        starts_on="2025-05-01",
    )  # fmt: skip
    return visible, hidden


def names(response) -> set[str]:
    return {item["name"] for item in response.json()["results"]}


def test_an_hr_director_gets_only_visible_members_and_only_their_summary(hr_director, members):
    visible, hidden = members
    client = JsonClient(hr_director)

    listing = client.get(POOL)
    detail = client.get(reverse("api-talent-pool-detail", args=[visible.pk]))

    assert listing.status_code == 200
    assert names(listing) == {"Open Member"}
    assert detail.status_code == 200
    assert set(detail.json()) == {"id", "name", "current_posts", "readiness"}
    assert detail.json()["readiness"][0]["readiness"] == Readiness.READY_NOW
    assert client.get(reverse("api-talent-pool-detail", args=[hidden.pk])).status_code == 404


def test_an_hr_director_gets_no_nine_box_development_calibration_or_equality_data_from_the_api(
    hr_director, chair, members
):
    visible, _ = members
    summary = {"id", "name", "current_posts", "readiness"}
    for user in (hr_director, chair):
        client = JsonClient(user)
        listing = client.get(POOL).json()
        detail = client.get(reverse("api-talent-pool-detail", args=[visible.pk])).json()
        people = client.get(reverse("api-person-list")).json()

        assert all(set(item) == summary for item in listing["results"])
        assert set(detail) == summary
        for body in (listing, detail, people):
            text = json.dumps(body).lower()
            assert "nine_box" not in text and "coaching" not in text
            for word in EQUALITY_WORDS:
                assert word not in text
        assert client.get(SESSIONS).status_code == 403


def test_an_hr_director_cannot_filter_the_api_on_the_nine_box(hr_director, members):
    response = JsonClient(hr_director).get(POOL, {"performance": 1, "potential": 1})

    assert names(response) == {"Open Member"}  # ignored, so nothing is learnt from it


def test_the_national_team_gets_whole_records_but_never_equality_data(talent_team, trust, members):
    visible, _ = members
    client = JsonClient(talent_team)

    listing = client.get(
        POOL, {"target_role": CE, "readiness": "ready_now", "region": trust.region.code}
    )
    detail = client.get(reverse("api-talent-pool-detail", args=[visible.pk]))

    assert names(listing) == {"Open Member"}
    record = detail.json()
    assert set(record) >= WHOLE_RECORD_KEYS
    assert record["nine_box_original"]["performance"] == 3
    assert record["development"][0]["title"] == "Executive coaching"
    body = json.dumps(record).lower()
    for word in ("ethnic", "caribbean", "disab"):
        assert word not in body


def test_the_national_team_reads_calibration_sessions(talent_team, trust):
    membership = CohortMembershipFactory(person=pool_member(trust, performance=2, potential=2))
    session = calibration_services.calibration_session_open(
        cohort=membership.cohort, held_on="2026-03-12"
    )

    response = JsonClient(talent_team).get(
        reverse("api-calibration-session-detail", args=[session.pk])
    )

    assert response.status_code == 200
    assert response.json()["placements"][0]["performance"] == 2


def test_pledge_leads_administrators_and_anonymous_clients_get_nothing(
    pledge_lead, administrator, members
):
    for client in (JsonClient(pledge_lead), JsonClient(administrator), JsonClient()):
        assert client.get(POOL).status_code == 403
        assert client.get(SESSIONS).status_code == 403


def test_the_page_and_the_api_answer_one_search_with_the_same_members(
    client_for, talent_team, trust, other_trust
):
    pool_member(
        other_trust, first_name="Ready", last_name="Calibrated", performance=1, potential=3,
        readiness={CE: Readiness.ONE_TO_TWO_YEARS}, regions=[trust.region],
    )  # fmt: skip
    pool_member(
        other_trust, first_name="Later", last_name="Candidate", performance=3, potential=3,
        readiness={CE: Readiness.THREE_TO_FIVE_YEARS}, regions=[trust.region],
    )  # fmt: skip
    pool_member(
        other_trust, first_name="Elsewhere", last_name="Only", performance=3, potential=3,
        readiness={CE: Readiness.READY_NOW}, regions=[other_trust.region],
    )  # fmt: skip
    search = {
        "target_role": CE,
        "readiness": Readiness.ONE_TO_TWO_YEARS,
        "region": trust.region.code,
        "potential": 3,
    }

    page = client_for(talent_team).get(reverse("talent:pool_search"), search)
    api = JsonClient(talent_team).get(POOL, search)

    assert names(api) == {"Ready Calibrated"}
    assert "Ready Calibrated" in page.text
    assert "Later Candidate" not in page.text and "Elsewhere Only" not in page.text


def test_a_bad_value_is_a_400_from_the_api_and_left_out_by_the_page(
    client_for, talent_team, members
):
    bad = {"region": "no-such-region", "performance": "7", "programme": "x", "q": "Member"}

    page = client_for(talent_team).get(reverse("talent:pool_search"), bad)
    api = JsonClient(talent_team).get(POOL, bad)

    # A program is told what it got wrong rather than given an answer to another question.
    assert api.status_code == 400
    assert set(api.json()) == {"region", "performance", "programme"}
    assert page.status_code == 200
    assert "Choose low, moderate or high performance" in page.text
    assert "Open Member" in page.text and "Private Member" in page.text
