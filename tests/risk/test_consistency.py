"""The dashboard agrees with itself: the headline, the trend's last point and the table count the
same scores; scores from two method versions are said to be so, with the counts; a new method
version can be applied at once; heat-map numbers link to the rows they count."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from risk import methods, recalculation, scoring
from risk.models import LatestRisk, RecalculationRun, RunKind, RunStatus
from talent.models import PostRole
from tests.clock import TODAY
from tests.succession.factories import IncumbencyFactory, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(trust, other_trust):
    """Three vacant posts (high risk) and one held (not high), over two trusts and regions."""
    made = {
        "ce": make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive"),
        "fd": make_post(trust, PostRole.FINANCE_DIRECTOR, "Director of finance"),
        "md": make_post(other_trust, PostRole.MEDICAL_DIRECTOR, "Medical director"),
        "cn": make_post(trust, PostRole.CHIEF_NURSE, "Chief nurse"),
    }
    IncumbencyFactory(post=made["cn"])
    return made


def high_in_table(client, **filters) -> int:
    return client.get("/risk/", {"band": "high", **filters}).context["page_obj"].paginator.count


def new_version(by=None, **points):
    current = methods.current_method()
    return methods.risk_method_change(
        points={**{key: int(current.points[key]) for key in scoring.FACTOR_KEYS}, **points},
        high_from=current.high_from,
        medium_from=current.medium_from,
        reason="Vacancies weigh less",
        by=by,
    )


# --- One set of scores ---------------------------------------------------------------------------


def test_the_headline_the_trends_last_point_and_the_table_agree_after_a_second_run(
    client_for, talent_team, posts
):
    recalculation.recalculate_all(for_date=TODAY - dt.timedelta(days=1))
    IncumbencyFactory(post=posts["fd"])  # no longer vacant: one fewer at high risk
    recalculation.recalculate_all(kind=RunKind.MANUAL)
    client = client_for(talent_team)

    response = client.get("/risk/")
    figures = response.context["figures"]
    trend = response.context["trend"]["points"]

    assert RecalculationRun.objects.get(for_date=TODAY - dt.timedelta(days=1)).high_risk_posts == 3
    assert figures.high_risk == 2
    assert trend[-1].for_date == TODAY and trend[-1].high == 2
    assert high_in_table(client) == 2
    assert [point.high for point in trend] == [3, 2]


def test_an_hr_directors_headline_trend_and_table_agree(client_for, hr_director, posts):
    recalculation.recalculate_all(for_date=TODAY - dt.timedelta(days=1))
    IncumbencyFactory(post=posts["fd"])
    recalculation.recalculate_post(post_id=posts["fd"].pk)
    client = client_for(hr_director)

    response = client.get("/risk/")

    assert response.context["figures"].high_risk == 1
    assert response.context["trend"]["points"][-1].high == 1
    assert high_in_table(client) == 1


# --- Two method versions -------------------------------------------------------------------------


def test_scores_from_two_method_versions_are_said_to_be_so_with_the_counts(
    client_for, talent_team, posts, django_capture_on_commit_callbacks
):
    recalculation.recalculate_all()
    new_version(by=talent_team, post_vacant=25)
    recalculation.recalculate_post(post_id=posts["ce"].pk)
    run = recalculation.recalculation_request(by=talent_team)
    RecalculationRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=run.requested_at, heartbeat_at=run.requested_at
    )

    response = client_for(talent_team).get("/risk/")
    text = " ".join(re.sub(r"<[^>]+>", " ", response.text).split())

    assert response.context["figures"].versions == [(2, 1, 1), (1, 3, 2)]
    assert (
        "1 post scored with method version 2 (1 at high risk) and 3 posts scored with method "
        "version 1 (2): the recalculation started at 12:00 will bring them all to version 2."
    ) in text
    assert (
        "Mixed method versions: version 2, 1 of 1 at high risk; version 1, 2 of 3 at high risk"
        in text
    )


def test_scores_all_from_the_current_version_say_nothing_of_versions(
    client_for, talent_team, posts
):
    recalculation.recalculate_all()

    response = client_for(talent_team).get("/risk/")

    assert response.context["version_mix"] is None
    assert 'id="version-mix"' not in response.text
    assert "Mixed method versions" not in response.text


def test_without_a_recalculation_on_its_way_the_next_nightly_run_is_named(
    client_for, talent_team, posts
):
    recalculation.recalculate_all()
    new_version(post_vacant=25)

    text = client_for(talent_team).get("/risk/").text

    assert "4 posts scored with method version 1" in text
    assert "the next nightly run, at 2am, will bring them all to version 2" in text


def method_form(**changes):
    current = methods.current_method()
    data = {f"points_{key}": int(current.points[key]) for key in scoring.FACTOR_KEYS}
    data.update(
        high_from=current.high_from,
        medium_from=current.medium_from,
        reason="Vacancies weigh less",
        version=current.version,
    )
    data.update(changes)
    return data


def test_saving_a_method_version_to_apply_now_recalculates_every_post_with_it(
    client_for, talent_team, posts, django_capture_on_commit_callbacks
):
    recalculation.recalculate_all()
    client = client_for(talent_team)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/risk/method/edit/", method_form(points_post_vacant=25, takes_effect="now")
        )

    assert response.status_code == 302 and response.url == reverse("risk:dashboard")
    run = RecalculationRun.objects.get(kind=RunKind.MANUAL)
    assert run.status == RunStatus.SUCCEEDED and run.method_version == 2
    assert set(LatestRisk.objects.values_list("method_version", flat=True)) == {2}
    page = client.get("/risk/")
    assert "queued a recalculation of every open post" in page.text
    assert page.context["version_mix"] is None


def test_saving_a_method_version_for_the_next_nightly_run_queues_nothing(
    client_for, talent_team, posts
):
    recalculation.recalculate_all()

    response = client_for(talent_team).post(
        "/risk/method/edit/",
        method_form(points_post_vacant=25, takes_effect="nightly"),
        follow=True,
    )

    assert "Scores use it from the next nightly run" in response.text
    assert not RecalculationRun.objects.filter(kind=RunKind.MANUAL).exists()
    assert set(LatestRisk.objects.values_list("method_version", flat=True)) == {1}


def test_the_method_form_asks_when_the_new_points_take_effect(client_for, talent_team, posts):
    response = client_for(talent_team).post(
        "/risk/method/edit/", method_form(points_post_vacant=25)
    )

    assert response.status_code == 200
    assert "Choose when scores should use the new points" in response.text
    assert methods.current_method().version == 1


# --- Links to the rows counted -------------------------------------------------------------------


def test_each_heat_map_number_links_to_a_table_of_as_many_rows(
    client_for, talent_team, posts, trust
):
    recalculation.recalculate_all()
    client = client_for(talent_team)
    response = client.get("/risk/")
    heat_map = response.context["heat_map"]
    links = re.findall(
        r'href="/risk/\?(region=[^"#]+)#posts-at-risk">(\d+)<', response.content.decode()
    )

    assert links, "the heat map links its numbers"
    for query, number in links:
        params = dict(part.split("=") for part in query.replace("&amp;", "&").split("&"))
        assert high_in_table(client, **params) == int(number)
    cells = sum(1 for row in heat_map.rows for cell in row.cells if cell and cell.high)
    rows = sum(1 for row in heat_map.rows if row.high)
    assert len(links) == cells + rows
