"""Dates a person could not mean, and a second open post with a title the organisation already
has, are refused at the field, with the limit in the message: on the pages, in the API and in
the posts import (by row)."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from succession import data_rules, services
from succession.imports import COLUMN_NAMES, parse_upload
from succession.models import Post, PostRole
from tests.pages import date_fields
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db

TOO_FAR = "Expected departure must be within 10 years, before 23 November 2036."
BEFORE_THE_NHS = "The start date must be on or after 5 July 1948, when the NHS was founded."


@pytest.fixture
def post(trust):
    return make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief Executive")


@pytest.fixture
def holder(post):
    return IncumbencyFactory(post=post, started_on=dt.date(2020, 1, 1))


def api_post(user, url, data):
    client = Client()
    client.force_login(user)
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_limits_are_ten_years_ahead_and_the_founding_of_the_nhs():
    today = dt.date(2026, 12, 6)
    assert data_rules.expected_departure_problem(dt.date(2036, 12, 5), today=today) is None
    assert data_rules.expected_departure_problem(dt.date(2036, 12, 6), today=today) == (
        "Expected departure must be within 10 years, before 6 December 2036."
    )
    assert data_rules.holder_start_problem(dt.date(1948, 7, 5)) is None
    assert data_rules.holder_start_problem(dt.date(1948, 7, 4)) == BEFORE_THE_NHS


def test_an_expected_departure_more_than_ten_years_ahead_is_refused_at_the_field(
    client_for, hr_director, post, holder
):
    response = client_for(hr_director).post(
        reverse("succession:holder_departure", args=[post.pk]),
        {
            **date_fields("expected_departure_on", dt.date(2037, 1, 1)),
            "departure_reason": "retirement",
            "version": post.version,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["expected_departure_on"] == [TOO_FAR]
    holder.refresh_from_db()
    assert holder.expected_departure_on is None


def test_a_holder_starting_before_the_nhs_is_refused_by_the_api(hr_director, post, trust):
    response = api_post(
        hr_director,
        "/api/incumbencies/",
        {
            "post": post.pk,
            "person": PersonFactory(organisation=trust).pk,
            "kind": "substantive",
            "started_on": "1947-01-01",
            "post_version": post.version,
        },
    )

    assert response.status_code == 400
    assert response.json()["started_on"] == [BEFORE_THE_NHS]


def test_a_plan_review_before_the_plan_was_added_is_refused(client_for, hr_director, post):
    response = client_for(hr_director).post(
        reverse("succession:plan_review", args=[post.pk]),
        {**date_fields("reviewed_on", dt.date(2026, 1, 1)), "version": post.plan.version},
    )

    assert response.context["review_form"].errors["reviewed_on"] == [
        "The review date must be on or after 23 November 2026, when the plan was added."
    ]
    post.plan.refresh_from_db()
    assert post.plan.last_reviewed_on is None


def test_the_import_reports_implausible_dates_by_row():
    csv = "\n".join(
        [
            ",".join(COLUMN_NAMES),
            "Chief executive,chief_executive,no,high,Jane,Smith,,substantive,1940-01-01,,",
            "Finance director,finance_director,no,high,Tom,Baker,,interim,2024-01-01,2040-01-01,",
        ]
    )

    parsed = parse_upload(name="posts.csv", content=csv.encode())

    assert (2, f"holder_started_on: {BEFORE_THE_NHS}") in parsed.errors
    assert (3, f"expected_departure_on: {TOO_FAR}") in parsed.errors


def test_a_second_open_post_with_the_same_title_is_refused_by_the_form(
    client_for, hr_director, post, trust
):
    response = client_for(hr_director).post(
        reverse("succession:post_create", args=[trust.ods_code]),
        {"title": "chief  executive", "role": PostRole.CHIEF_EXECUTIVE, "criticality": "high"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [
        "Guy's and St Thomas' NHS Foundation Trust already has an open post called chief executive."
    ]
    assert Post.objects.filter(organisation=trust).count() == 1


def test_a_second_open_post_with_the_same_title_is_refused_by_the_api(hr_director, post, trust):
    response = api_post(
        hr_director,
        "/api/posts/",
        {"organisation": trust.ods_code, "role": "chief_executive", "title": "CHIEF EXECUTIVE"},
    )

    assert response.status_code == 400
    assert response.json()["title"] == [
        "Guy's and St Thomas' NHS Foundation Trust already has an open post called CHIEF EXECUTIVE."
    ]


def test_renaming_a_post_to_another_open_posts_title_is_refused(post, trust):
    other = make_post(trust, PostRole.FINANCE_DIRECTOR, "Finance director")

    with pytest.raises(Exception, match="already has an open post called Chief Executive"):
        services.post_update(post=other, expected_version=None, title="Chief Executive")


def test_an_abolished_posts_title_may_be_used_again(post, trust):
    Post.objects.filter(pk=post.pk).update(abolished_on=dt.date(2026, 1, 1))

    again = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief Executive")

    assert again.pk != post.pk


def test_another_organisation_may_have_a_post_with_the_same_title(post, other_trust):
    assert make_post(other_trust, PostRole.CHIEF_EXECUTIVE, "Chief Executive").pk
