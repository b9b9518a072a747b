"""The risk dashboard, a post's risk page, the exports and the method page: what each role sees,
filters, sorting, the charts without JavaScript, and a query count that does not grow."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from risk import recalculation
from risk.models import RecalculationRun, RiskAssessment, RiskMethod, RunKind, RunStatus
from succession import services
from succession.models import IncumbencyKind
from talent.models import PostRole, Readiness
from tests.clock import TODAY
from tests.orgs.factories import OrganisationFactory, RegionFactory
from tests.queries import assert_query_count, count_queries
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(trust, other_trust):
    """Alice's trust: a vacant chief executive post (80, high, top 200), a finance director with an
    interim holder and a successor ready in 1-2 years (60, high), a covered chief nurse (0, low).
    Bob's trust: a vacant medical director post (80, high). Scored by a nightly run."""
    vacant = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive", is_top_200=True)
    interim = make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of finance")
    IncumbencyFactory(post=interim, kind=IncumbencyKind.INTERIM)
    services.nomination_add(
        plan=interim.plan,
        person=PersonFactory(organisation=trust),
        readiness=Readiness.ONE_TO_TWO_YEARS,
    )
    covered = make_post(trust, PostRole.CHIEF_NURSE, "Chief nurse")
    IncumbencyFactory(post=covered)
    services.nomination_add(
        plan=covered.plan,
        person=PersonFactory(organisation=trust),
        readiness=Readiness.READY_NOW,
        is_emergency_cover=True,
    )
    covered.plan.refresh_from_db()
    services.plan_record_review(plan=covered.plan, reviewed_on=TODAY, by=None)
    elsewhere = make_post(other_trust, PostRole.MEDICAL_DIRECTOR, "Secret medical director")
    run = recalculation.recalculate_all()
    return {
        "vacant": vacant,
        "interim": interim,
        "covered": covered,
        "elsewhere": elsewhere,
        "run": run,
    }


def table_titles(response) -> list[str]:
    return [row.post.title for row in response.context["rows"]]


# --- Who sees what -------------------------------------------------------------------------------


def test_the_national_team_sees_every_organisations_posts_most_at_risk_first(
    client_for, talent_team, world
):
    response = client_for(talent_team).get("/risk/")

    assert response.status_code == 200
    assert table_titles(response) == [
        "Chief executive",
        "Secret medical director",
        "Director of finance",
        "Chief nurse",
    ]
    assert "Posts at high risk" in response.text
    assert "Recalculate now" in response.text


def test_an_hr_director_sees_only_their_own_organisations_posts(client_for, hr_director, world):
    response = client_for(hr_director).get("/risk/")

    assert response.status_code == 200
    assert table_titles(response) == ["Chief executive", "Director of finance", "Chief nurse"]
    assert "Secret medical director" not in response.text
    assert "Recalculate now" not in response.text
    figures = response.context["figures"]
    assert (figures.posts, figures.high_risk, figures.vacant) == (3, 2, 1)


def test_a_chair_sees_their_own_organisations_dashboard(client_for, chair, world):
    response = client_for(chair).get("/risk/")

    assert response.status_code == 200
    assert "Secret medical director" not in response.text
    assert len(table_titles(response)) == 3


def test_another_organisations_post_risk_page_is_not_found(client_for, other_hr_director, world):
    response = client_for(other_hr_director).get(f"/risk/posts/{world['vacant'].pk}/")

    assert response.status_code == 404


def test_a_pledge_lead_cannot_see_the_risk_dashboard(client_for, pledge_lead, world):
    assert client_for(pledge_lead).get("/risk/").status_code == 403
    assert client_for(pledge_lead).get("/risk/export.csv").status_code == 403


def test_signing_in_is_needed_for_the_dashboard(client):
    response = client.get("/risk/")

    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_the_risk_dashboard_is_in_the_navigation_of_the_roles_that_use_it(
    client_for, hr_director, pledge_lead
):
    assert 'href="/risk/"' in client_for(hr_director).get("/").text
    assert 'href="/risk/"' not in client_for(pledge_lead).get("/").text


# --- Figures -------------------------------------------------------------------------------------


def test_the_figures_count_vacancies_interims_against_the_benchmark_and_the_top_200(
    client_for, talent_team, world
):
    response = client_for(talent_team).get("/risk/")

    figures = response.context["figures"]
    assert figures.high_risk == 3
    assert figures.vacant == 2
    assert (figures.executive_vacant_or_interim, figures.executive_posts) == (3, 4)
    assert figures.above_benchmark
    assert (figures.top_200_without_ready_now, figures.top_200_posts) == (1, 1)
    assert figures.without_emergency_cover == 3
    assert "75.0% (3 of 4)" in response.text
    assert "Above the 8% national benchmark" in response.text


def test_the_figures_follow_a_change_to_a_plan_within_moments(
    client_for, hr_director, world, trust, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_add(
            plan=world["vacant"].plan,
            person=PersonFactory(organisation=trust),
            readiness=Readiness.READY_NOW,
            is_emergency_cover=True,
        )

    figures = client_for(hr_director).get("/risk/").context["figures"]

    assert (figures.top_200_without_ready_now, figures.without_emergency_cover) == (0, 1)


# --- The table -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("band=high", ["Chief executive", "Secret medical director", "Director of finance"]),
        ("band=low", ["Chief nurse"]),
        ("role=finance_director", ["Director of finance"]),
        ("top_200=yes", ["Chief executive"]),
        ("top_200=no", ["Secret medical director", "Director of finance", "Chief nurse"]),
        ("factor=holder_interim_or_acting", ["Director of finance"]),
        ("factor=post_vacant&band=high", ["Chief executive", "Secret medical director"]),
        ("organisation_kind=ccg", []),
    ],
)
def test_the_table_filters(client_for, talent_team, world, query, titles):
    response = client_for(talent_team).get(f"/risk/?{query}")

    assert table_titles(response) == titles


def test_the_table_filters_by_region(client_for, talent_team, world, other_trust):
    other_trust.region = RegionFactory(code="ZZ9", short_name="Far away")
    other_trust.save()

    response = client_for(talent_team).get("/risk/?region=ZZ9")

    assert table_titles(response) == ["Secret medical director"]


def test_a_filter_value_that_is_not_a_choice_is_ignored_and_said_to_be_wrong(
    client_for, talent_team, world
):
    response = client_for(talent_team).get("/risk/?band=purple")

    assert response.status_code == 200
    assert len(table_titles(response)) == 4
    assert "Select a valid choice" in response.text


def test_the_table_sorts_by_a_column_and_says_so(client_for, talent_team, world):
    response = client_for(talent_team).get("/risk/?sort=post&order=asc")

    assert table_titles(response) == [
        "Chief executive",
        "Chief nurse",
        "Director of finance",
        "Secret medical director",
    ]
    assert 'aria-sort="ascending"' in response.text
    assert response.text.count("aria-sort=") == 1


def test_the_score_column_is_sorted_highest_first_by_default(client_for, talent_team, world):
    response = client_for(talent_team).get("/risk/")

    assert 'aria-sort="descending"' in response.text
    assert "sort=score&amp;order=asc" in response.text


def test_the_table_is_paginated_by_twenty_five_and_keeps_the_filters(
    client_for, talent_team, trust
):
    for number in range(55):
        make_post(trust, PostRole.NON_EXECUTIVE_DIRECTOR, f"Non-executive {number:02d}")
    recalculation.recalculate_all()
    client = client_for(talent_team)

    first = client.get("/risk/?band=high&sort=post&order=asc")
    last = client.get("/risk/?band=high&sort=post&order=asc&page=3")

    assert len(table_titles(first)) == 25
    assert "Showing 1 to 25 of 55 posts matching the filters" in first.text
    assert "band=high&amp;sort=post&amp;order=asc&amp;page=2" in first.text
    assert table_titles(first)[0] == "Non-executive 00"
    assert len(table_titles(last)) == 5
    assert "Showing 51 to 55 of 55 posts matching the filters" in last.text
    assert table_titles(last)[-1] == "Non-executive 54"
    assert "band=high&amp;sort=post&amp;order=asc&amp;page=2" in last.text


def test_a_post_changed_since_the_last_run_shows_its_last_assessment_until_rescored(
    client_for, talent_team, world
):
    world["vacant"].title = "Chief executive (renamed)"
    world["vacant"].save()

    response = client_for(talent_team).get("/risk/")

    assert "Chief executive (renamed)" in response.text


def test_the_dashboard_takes_the_same_number_of_queries_however_many_posts(
    client_for, talent_team, trust, other_trust, world
):
    nadia = client_for(talent_team)
    nadia.get("/risk/")
    with count_queries() as few:
        nadia.get("/risk/")

    for number in range(30):
        organisation = OrganisationFactory()
        post = make_post(organisation, PostRole.CHIEF_EXECUTIVE, f"Chief executive {number}")
        IncumbencyFactory(post=post)
    for day in range(1, 6):
        recalculation.recalculate_all(for_date=TODAY - dt.timedelta(days=day))
    recalculation.recalculate_all()

    with assert_query_count(few):
        response = nadia.get("/risk/")

    assert len(table_titles(response)) == 25
    assert "Showing 1 to 25 of 34 posts" in response.text


# --- Heat map and trend --------------------------------------------------------------------------


def test_the_heat_map_counts_high_risk_posts_by_region_and_role_with_words_not_only_colour(
    client_for, talent_team, world, trust
):
    response = client_for(talent_team).get("/risk/")

    heat = response.context["heat_map"]
    region = next(row for row in heat.rows if row.region == trust.region.short_name)
    assert (region.high, region.total) == (2, 3)
    roles = [role for role, _label in heat.roles]
    cell = region.cells[roles.index(PostRole.CHIEF_NURSE)]
    assert (cell.high, cell.total, cell.tag_class) == (0, 1, "nhsuk-tag--grey")
    assert region.cells[roles.index(PostRole.CHIEF_EXECUTIVE)].tag_class == "nhsuk-tag--red"
    assert 'id="heat-map-legend"' in response.text
    assert "25% or more of the posts at high risk" in response.text
    assert (
        '1<span class="nhsuk-u-visually-hidden"> high risk chief executive posts in '
        f"{trust.region.short_name}</span></a> of 1"
    ) in response.text


def test_the_trend_is_an_svg_with_a_title_and_description_and_a_table_beside_it(
    client_for, talent_team, world
):
    for days in (40, 70):
        recalculation.recalculate_all(for_date=TODAY - dt.timedelta(days=days))

    response = client_for(talent_team).get("/risk/")

    text = response.text
    assert '<svg class="app-risk-chart"' in text
    assert 'role="img"' in text
    assert '<title id="trend-chart-title">' in text
    assert '<desc id="trend-chart-desc">' in text
    assert "3 nightly runs" in text
    assert 'id="trend-table"' in text
    assert [p.high for p in response.context["trend"]["points"]] == [3, 3, 3]


def test_an_hr_directors_trend_counts_their_own_posts_only(client_for, hr_director, world):
    response = client_for(hr_director).get("/risk/")

    assert [p.high for p in response.context["trend"]["points"]] == [2]


def test_manual_runs_and_reassessments_are_not_in_the_trend(client_for, talent_team, world):
    recalculation.recalculate_all(kind=RunKind.MANUAL)
    recalculation.recalculate_post(post_id=world["covered"].pk)

    response = client_for(talent_team).get("/risk/")

    assert len(response.context["trend"]["points"]) == 1


# --- The latest run ------------------------------------------------------------------------------


def test_the_page_says_when_the_scores_were_calculated(client_for, talent_team, world):
    response = client_for(talent_team).get("/risk/")

    assert "Scores calculated" in response.text
    assert "4 posts scored" in response.text


def test_the_page_says_a_failed_run_failed_and_the_scores_are_from_before(
    client_for, talent_team, world
):
    RecalculationRun.objects.create(
        kind=RunKind.MANUAL,
        for_date=TODAY,
        status=RunStatus.FAILED,
        started_at=timezone.now(),
        error="OperationalError: database is locked",
    )

    response = client_for(talent_team).get("/risk/")

    assert "failed" in response.text
    assert "database is locked" in response.text


def test_a_run_still_running_after_an_hour_is_said_to_have_stopped(client_for, talent_team, world):
    RecalculationRun.objects.create(
        kind=RunKind.MANUAL,
        for_date=TODAY,
        status=RunStatus.RUNNING,
        started_at=timezone.now() - dt.timedelta(hours=2),
    )

    response = client_for(talent_team).get("/risk/")

    assert "has not finished after an hour" in response.text


def test_an_hr_director_is_not_told_the_national_counts(client_for, hr_director, world):
    response = client_for(hr_director).get("/risk/")

    assert "Scores calculated" in response.text
    assert "4 posts scored" not in response.text


def test_with_no_run_yet_the_page_says_when_the_first_one_will_be(client_for, talent_team):
    response = client_for(talent_team).get("/risk/")

    assert response.status_code == 200
    assert "No scores have been calculated yet" in response.text


# --- A post --------------------------------------------------------------------------------------


def test_a_posts_page_shows_its_factors_history_and_what_would_lower_the_score(
    client_for, hr_director, world
):
    post = world["interim"]
    recalculation.recalculate_all(for_date=TODAY - dt.timedelta(days=1))

    response = client_for(hr_director).get(f"/risk/posts/{post.pk}/")

    assert response.status_code == 200
    text = response.text
    assert "Score 60 out of 100" in text
    assert "Holder is interim or acting" in text
    assert "Naming a ready-now successor removes 20 points" in text
    assert "Appointing a substantive holder removes 20 points" in text
    assert "Naming emergency cover removes 10 points" in text
    assert "Reviewing the plan removes 10 points" in text
    assert "Doing all of these would bring the score to 0" in text
    assert 'id="score-history"' in text
    assert '<title id="history-chart-title">' in text
    assert response.context["assessments_count"] == 2


def test_a_posts_page_says_when_it_changed_since_it_was_scored(client_for, hr_director, world):
    post = world["vacant"]
    IncumbencyFactory(post=post, started_on=dt.date(2026, 1, 1))

    response = client_for(hr_director).get(f"/risk/posts/{post.pk}/")

    assert "The post has changed since it was last assessed" in response.text


def test_a_post_never_scored_says_so(client_for, hr_director, trust):
    post = make_post(trust, PostRole.CHAIR, "Chair")

    response = client_for(hr_director).get(f"/risk/posts/{post.pk}/")

    assert "has not been scored yet" in response.text


# --- Exports -------------------------------------------------------------------------------------


def test_the_csv_export_has_every_filtered_row_not_just_the_page(client_for, talent_team, world):
    response = client_for(talent_team).get("/risk/export.csv?band=high&sort=post&order=asc")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Post", "Organisation", "ODS code"]
    assert [row[0] for row in rows[1:]] == [
        "Chief executive",
        "Director of finance",
        "Secret medical director",
    ]
    assert rows[1][7:9] == ["80", "High"]
    assert "Post vacant" in rows[1][9]


def test_the_xlsx_export_has_the_same_rows(client_for, hr_director, world):
    response = client_for(hr_director).get("/risk/export.xlsx")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Post"
    assert [row[0] for row in values[1:]] == [
        "Chief executive",
        "Director of finance",
        "Chief nurse",
    ]


def test_an_hr_directors_export_leaves_out_other_organisations(client_for, hr_director, world):
    response = client_for(hr_director).get("/risk/export.csv")

    assert "Secret medical director" not in response.content.decode()


def test_a_title_that_looks_like_a_formula_is_exported_as_text(client_for, hr_director, trust):
    make_post(trust, PostRole.CHAIR, '=HYPERLINK("http://evil.example")')
    recalculation.recalculate_all()

    response = client_for(hr_director).get("/risk/export.csv")

    assert "'=HYPERLINK" in response.content.decode()


def test_an_unknown_export_format_is_not_found(client_for, talent_team):
    assert client_for(talent_team).get("/risk/export.pdf").status_code == 404


# --- The method ----------------------------------------------------------------------------------


def test_everyone_with_the_dashboard_can_read_the_method(client_for, chair):
    response = client_for(chair).get("/risk/method/")

    assert response.status_code == 200
    assert "Version 1 (in use)" in response.text
    assert "Change the points" not in response.text


def edit_data(**changes):
    method = RiskMethod.objects.get(is_current=True)
    data = {f"points_{key}": value for key, value in method.points.items()}
    data.update(
        high_from=method.high_from,
        medium_from=method.medium_from,
        reason="Vacancies weigh more now",
        version=method.version,
        takes_effect="nightly",
    )
    data.update(changes)
    return data


def test_the_national_team_changes_the_points_as_a_new_version(client_for, talent_team):
    nadia = client_for(talent_team)
    assert nadia.get("/risk/method/edit/").status_code == 200

    response = nadia.post("/risk/method/edit/", edit_data(points_post_vacant=40), follow=True)

    assert "Saved version 2 of the risk method" in response.text
    assert RiskMethod.objects.get(is_current=True).points["post_vacant"] == 40
    assert RiskMethod.objects.get(version=1).points["post_vacant"] == 30
    assert "Post vacant: 30 to 40 points" in response.text
    assert "Vacancies weigh more now" in response.text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"points_post_vacant": "-5"}, "Enter a whole number of points from 0 to 100"),
        ({"points_post_vacant": "lots"}, "Enter a whole number of points from 0 to 100"),
        ({"points_post_vacant": ""}, "Enter the points for “post vacant” (0 to 100)"),
        ({"medium_from": "60"}, "Medium risk must start below the score where high risk starts"),
        ({"reason": ""}, "Say why the points are changing"),
        ({}, "These are the points of the current version: change at least one number."),
    ],
)
def test_bad_points_are_refused_with_a_message_and_the_input_kept(
    client_for, talent_team, changes, message
):
    response = client_for(talent_team).post("/risk/method/edit/", edit_data(**changes))

    assert response.status_code == 200
    assert message in response.text
    assert RiskMethod.objects.count() == 1
    if "points_post_vacant" in changes and changes["points_post_vacant"]:
        assert f'value="{changes["points_post_vacant"]}"' in response.text


def test_a_stale_method_form_is_a_conflict_showing_the_other_change(client_for, talent_team):
    nadia = client_for(talent_team)
    nadia.post("/risk/method/edit/", edit_data(points_holder_churn=15))

    response = nadia.post(
        "/risk/method/edit/", edit_data(points_post_vacant=35, version=1, points_holder_churn=10)
    )

    assert response.status_code == 409
    assert "3 or more substantive holders in the last 5 years: 10 to 15 points" in response.text
    assert 'value="35"' in response.text
    assert RiskMethod.objects.count() == 2


@pytest.mark.parametrize("persona", ["hr_director", "chair", "administrator", "pledge_lead"])
def test_only_the_national_talent_team_changes_the_method(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))

    assert client.get("/risk/method/edit/").status_code == 403
    assert client.post("/risk/method/edit/", edit_data(points_post_vacant=40)).status_code == 403
    assert RiskMethod.objects.count() == 1


def test_scores_keep_the_version_they_were_made_with(client_for, talent_team, world):
    client_for(talent_team).post("/risk/method/edit/", edit_data(points_post_vacant=40))
    recalculation.recalculate_all(kind=RunKind.MANUAL)

    versions = set(
        RiskAssessment.objects.filter(post=world["vacant"]).values_list("method_version", flat=True)
    )
    assert versions == {1, 2}


def test_oversight_segments_methods_and_runs_are_in_the_admin():
    from django.contrib import admin

    from orgs.models import OversightSegment

    assert admin.site.is_registered(OversightSegment)
    assert admin.site.is_registered(RecalculationRun)
    assert admin.site.is_registered(RiskMethod)
