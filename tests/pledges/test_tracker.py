"""The tracker: the matrix of bodies by conditions, the flags, the filters and the CSV export."""

import csv
import datetime as dt
import io
import re

import pytest

from pledges import services
from pledges.models import FrameworkCondition, PledgeStatus, Rag
from tests.clock import TODAY
from tests.pages import text_of
from tests.queries import assert_query_count, count_queries

from .factories import make_pledge, make_report, make_update
from .helpers import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(national_body, pledge_lead):
    """Past its target date, still active, with a recent red update."""
    pledge = make_pledge(
        national_body,
        title="Improvement skills in every curriculum",
        condition_number=3,
        start_on=TODAY - dt.timedelta(days=400),
        target_on=TODAY - dt.timedelta(days=20),
    )
    make_update(pledge, by=pledge_lead, rag=Rag.RED, days_ago=5)
    return pledge


@pytest.fixture
def stale(other_body, other_pledge_lead):
    """On time, but its last update came 120 days ago."""
    pledge = make_pledge(other_body, title="Learning networks in every region", condition_number=4)
    make_update(pledge, by=other_pledge_lead, rag=Rag.AMBER, days_ago=120)
    return pledge


@pytest.fixture
def on_track(national_body, pledge_lead):
    pledge = make_pledge(national_body, title="Compassionate oversight meetings")
    make_update(pledge, by=pledge_lead, rag=Rag.GREEN, days_ago=10)
    return pledge


def flags_of(page_html: str, pledge) -> str:
    """The text of the pledge's row in the list of pledges."""
    row = re.search(
        rf'<tr class="nhsuk-table__row" id="pledge-{pledge.pk}">(.*?)</tr>', page_html, re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", row.group(1)).split())


def test_the_tracker_flags_an_overdue_pledge_and_a_stale_one(
    client_for, hr_director, overdue, stale, on_track
):
    response = client_for(hr_director).get(url("tracker"))

    html = response.content.decode()
    page = text_of(response)
    assert response.status_code == 200
    assert "Overdue" in flags_of(html, overdue)
    assert "No update in 90 days" not in flags_of(html, overdue)
    assert "No update in 90 days" in flags_of(html, stale)
    assert "Overdue" not in flags_of(html, stale)
    assert "Overdue" not in flags_of(html, on_track)
    assert "No update in 90 days" not in flags_of(html, on_track)
    assert "Past the target date and not achieved 1" in page
    assert "No update in the last 90 days 1" in page


def test_an_achieved_or_withdrawn_pledge_is_neither_overdue_nor_stale(
    client_for, hr_director, overdue, stale
):
    services.pledge_update(pledge=overdue, expected_version=None, status=PledgeStatus.ACHIEVED)
    services.pledge_update(
        pledge=stale, expected_version=None, status=PledgeStatus.WITHDRAWN, withdrawn_reason="Done"
    )

    html = client_for(hr_director).get(url("tracker")).content.decode()

    assert "Overdue" not in flags_of(html, overdue)
    assert "No update in 90 days" not in flags_of(html, stale)


def test_a_pledge_with_no_update_since_it_started_long_ago_is_stale_but_a_new_one_is_not(
    client_for, hr_director, national_body
):
    old = make_pledge(national_body, title="Old", start_on=TODAY - dt.timedelta(days=200))
    new = make_pledge(national_body, title="New", start_on=TODAY - dt.timedelta(days=10))

    html = client_for(hr_director).get(url("tracker")).content.decode()

    assert "No update in 90 days" in flags_of(html, old)
    assert "No update in 90 days" not in flags_of(html, new)


def test_the_matrix_counts_each_bodys_pledges_under_each_condition_with_rag_in_words(
    client_for, pledge_lead, overdue, stale, on_track, national_body, other_body
):
    html = client_for(pledge_lead).get(url("tracker")).content.decode()
    matrix = html[html.index('id="matrix"') : html.index("</table>", html.index('id="matrix"'))]

    rows = {
        name: " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for name, row in re.findall(r'scope="row">([^<]+)</th>(.*?)</tr>', matrix, re.S)
    }
    nb, other = rows[national_body.display_name], rows[other_body.display_name]
    assert re.search(
        r"No pledges 1 pledge .* Green: 1 1 pledge .* Red: 1 1 overdue No pledges No pledges", nb
    )
    assert re.search(
        r"No pledges No pledges No pledges 1 pledge .* Amber: 1 1 with no update in 90 days No pledges",
        other,
    )
    # The RAG is a tag with the word, never colour alone.
    assert '<strong class="nhsuk-tag nhsuk-tag--red">Red: 1</strong>' in matrix


def test_a_matrix_count_links_to_the_pledges_it_counts(
    client_for, hr_director, overdue, national_body
):
    html = client_for(hr_director).get(url("tracker"), {"status": "active"}).content.decode()

    assert (
        f'href="/pledges/?status=active&amp;body={national_body.ods_code}&amp;condition=3"' in html
    )


def test_the_tracker_lists_open_reports_of_inconsistency(
    client_for, pledge_lead, hr_director, trust, on_track
):
    make_report(on_track, by=hr_director, organisation=trust, what_happened="Three days' notice.")

    page = text_of(client_for(pledge_lead).get(url("tracker")))

    assert "Open reports of inconsistency 1" in page
    assert "Three days' notice." in page
    assert "Awaiting a response" in page


@pytest.mark.parametrize(
    ("filters", "shown", "hidden"),
    [
        ({"body": "NB-CQC"}, ["stale"], ["overdue", "on_track"]),
        ({"condition": "3"}, ["overdue"], ["stale", "on_track"]),
        ({"rag": "green"}, ["on_track"], ["overdue", "stale"]),
        ({"flag": "overdue"}, ["overdue"], ["stale", "on_track"]),
        ({"flag": "stale"}, ["stale"], ["overdue", "on_track"]),
        ({"status": "achieved"}, [], ["overdue", "stale", "on_track"]),
    ],
)
def test_the_tracker_filters_by_body_condition_status_rag_and_flag(
    request, client_for, hr_director, overdue, stale, on_track, filters, shown, hidden
):
    html = client_for(hr_director).get(url("tracker"), filters).content.decode()

    for name in shown:
        assert f'id="pledge-{request.getfixturevalue(name).pk}"' in html
    for name in hidden:
        assert f'id="pledge-{request.getfixturevalue(name).pk}"' not in html


def test_the_filters_are_a_plain_get_form_that_works_without_javascript(client_for, hr_director):
    html = client_for(hr_director).get(url("tracker")).content.decode()

    assert '<form method="get" action="/pledges/"' in html
    for name in ("body", "condition", "status", "rag", "flag"):
        assert f'name="{name}"' in html


def test_a_pledge_with_no_update_can_be_found_by_its_missing_rag(
    client_for, hr_director, national_body
):
    quiet = make_pledge(national_body, title="Quiet")

    html = client_for(hr_director).get(url("tracker"), {"rag": "none"}).content.decode()

    assert f'id="pledge-{quiet.pk}"' in html
    assert "No update yet" in flags_of(html, quiet)


def test_a_filter_value_that_is_not_a_choice_is_ignored_with_a_message(
    client_for, hr_director, on_track
):
    response = client_for(hr_director).get(url("tracker"), {"rag": "purple"})

    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert f'id="pledge-{on_track.pk}"' in response.content.decode()


# --- The CSV export ---------------------------------------------------------------------------


def rows_of(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_export_has_every_pledge_with_its_flags(client_for, hr_director, overdue, stale):
    response = client_for(hr_director).get(url("export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="pledge-tracker-{TODAY:%Y-%m-%d}.csv"' in response["Content-Disposition"]
    rows = {row["Pledge"]: row for row in rows_of(response)}
    assert rows[overdue.title]["Overdue"] == "Yes"
    assert rows[overdue.title]["Latest RAG status"] == "Red"
    assert rows[overdue.title]["Condition number"] == "3"
    assert rows[stale.title]["No update in 90 days"] == "Yes"
    assert rows[stale.title]["National body"] == "Care Quality Commission"


def test_the_csv_export_follows_the_filters(client_for, pledge_lead, overdue, stale, on_track):
    client = client_for(pledge_lead)

    filtered = rows_of(client.get(url("export"), {"flag": "stale"}))
    by_body = rows_of(client.get(url("export"), {"body": "NB-CQC", "rag": "amber"}))
    tracker = client.get(url("tracker"), {"flag": "stale"}).content.decode()

    assert [row["Pledge"] for row in filtered] == [stale.title]
    assert [row["Pledge"] for row in by_body] == [stale.title]
    assert 'href="/pledges/export.csv?flag=stale"' in tracker


def test_the_csv_export_cannot_smuggle_a_spreadsheet_formula(
    client_for, hr_director, national_body
):
    make_pledge(national_body, title='=HYPERLINK("http://evil.example")')

    rows = rows_of(client_for(hr_director).get(url("export")))

    assert rows[0]["Pledge"].startswith("'=")


def test_the_tracker_and_its_export_need_sign_in(client):
    assert client.get(url("tracker")).status_code == 302
    assert client.get(url("export")).status_code == 302


def test_the_tracker_takes_the_same_number_of_queries_however_many_pledges_there_are(
    client_for, hr_director, pledge_lead, national_body, trust
):
    def add_pledges(count):
        for number in range(count):
            pledge = make_pledge(
                national_body, title=f"Pledge {number}", condition_number=1 + number % 5
            )
            make_update(pledge, by=pledge_lead)
            make_report(pledge, by=hr_director, organisation=trust)

    client = client_for(hr_director)
    client.get(url("tracker"))  # the session and the user's memberships
    add_pledges(2)
    with count_queries() as few:
        client.get(url("tracker"))
    add_pledges(8)
    with assert_query_count(few):
        client.get(url("tracker"))


def test_every_role_finds_the_pledge_tracker_in_the_navigation(request, client_for):
    for persona in ("hr_director", "chair", "talent_team", "pledge_lead", "administrator"):
        html = client_for(request.getfixturevalue(persona)).get(url("tracker")).content.decode()
        assert 'href="/pledges/"' in html and "Pledge tracker" in html


def test_the_five_framework_conditions_are_loaded_as_reference_data():
    titles = list(FrameworkCondition.objects.values_list("number", "title"))

    assert [number for number, _ in titles] == [1, 2, 3, 4, 5]
    assert titles[1][1] == "Compassionate, inclusive and effective leaders at all levels"
    assert titles[4][1] == "Enabling, supportive and aligned regulation and oversight"
    assert list(FrameworkCondition.objects.values_list("short_name", flat=True)) == [
        "Systems leadership",
        "Compassionate, inclusive leaders",
        "Improvement skills",
        "Support for learning",
        "Aligned regulation",
    ]


def test_the_matrix_heads_each_condition_with_its_short_name_and_reads_out_its_title(
    client_for, hr_director
):
    html = client_for(hr_director).get(url("tracker")).content.decode()
    heading = re.search(r'<thead class="nhsuk-table__head">(.*?)</thead>', html, re.S).group(1)

    assert '<span aria-hidden="true">5. Aligned regulation</span>' in heading
    assert (
        '<span class="nhsuk-u-visually-hidden">Condition 5: '
        "Enabling, supportive and aligned regulation and oversight</span>"
    ) in heading
