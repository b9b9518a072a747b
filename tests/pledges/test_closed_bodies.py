"""Abolished national bodies (issue 13 §1): their pledges stay readable as history, the tracker
says what became of them, and nobody makes new pledges for them."""

import datetime as dt

import pytest
from django.urls import reverse

from pledges.selectors import bodies_for_new_pledge
from tests.orgs.factories import NationalBodyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def abolished(national_body, pledge):
    """priya's body, with its pledge, abolished into NHS England on 30 June 2022."""
    england = NationalBodyFactory(ods_code="X24", name="NHS ENGLAND")
    national_body.closed_on = dt.date(2022, 6, 30)
    national_body.successor = england
    national_body.save()
    return england


def matrix_rows(response) -> list[str]:
    return [row.body.ods_code for row in response.context["tracker"].matrix]


def test_the_tracker_keeps_an_abolished_bodys_pledges_and_says_what_it_became(
    client_for, hr_director, abolished, pledge
):
    NationalBodyFactory(
        ods_code="NB-PHE", name="PUBLIC HEALTH ENGLAND", closed_on=dt.date(2021, 9, 30)
    )
    response = client_for(hr_director).get(reverse("pledges:tracker"))
    html = response.content.decode()

    # Open bodies, and closed ones with pledges; a closed body with none is left out.
    assert matrix_rows(response) == ["X24", "NHSI"]
    assert "Closed 2022, now NHS England" in html
    detail = client_for(hr_director).get(reverse("pledges:pledge_detail", args=[pledge.pk]))
    assert detail.status_code == 200


def test_new_pledges_are_for_open_bodies_only(talent_team, abolished):
    assert [body.ods_code for body in bodies_for_new_pledge(talent_team)] == ["X24"]
