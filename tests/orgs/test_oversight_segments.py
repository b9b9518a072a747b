"""Oversight segments (issue 13 §4): the 2025/26 framework's segments 1 to 5, imported from a CSV
list (code,segment,date) all or nothing with every bad line reported, kept with their history,
and shown on the organisation, the board and the risk dashboard's filters."""

import datetime as dt
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from orgs import importers
from orgs.models import OrganisationKind, OversightFramework, OversightSegment
from orgs.services import ImportRejected, oversight_segments_import
from risk import recalculation
from risk.models import RecalculationRun, RunKind
from talent.models import PostRole
from tests.clock import TODAY
from tests.orgs.factories import OrganisationFactory
from tests.succession.factories import make_post

pytestmark = pytest.mark.django_db

URL = reverse("orgs:segments_import")
GOOD = "code,segment,date\nRJ1,5,2025-09-09\nRH8,2,2025-09-09\n"


def reasons(rejected: ImportRejected) -> list[tuple[int, str]]:
    return [(error.line, error.reason) for error in rejected.errors]


# --- The file ----------------------------------------------------------------------------------


def test_a_good_list_gives_a_row_per_organisation():
    rows, errors = importers.parse_segment_list(GOOD, lowest_segment=5, today=TODAY)
    assert errors == []
    assert [(row.line, row.ods_code, row.segment) for row in rows] == [
        (2, "RJ1", 5),
        (3, "RH8", 2),
    ]
    assert rows[0].assigned_on == dt.date(2025, 9, 9)


def test_every_bad_line_is_reported_with_its_number_and_reason():
    text = (
        "Code,Segment,Date\n"
        "RJ1,6,2025-09-09\n"  # beyond the framework's lowest segment
        "RH8,two,2025-09-09\n"
        "RV3,2,09/09/2025\n"
        "RQ3,2,2099-01-01\n"
        "RJ1,1,2025-09-09\n"  # RJ1 again
        "R1H,1\n"
        ",3,2025-09-09\n"
    )
    rows, errors = importers.parse_segment_list(text, lowest_segment=5, today=TODAY)
    assert rows == []
    assert [(error.line, error.reason) for error in errors] == [
        (2, "segment '6' is not a whole number from 1 to 5"),
        (3, "segment 'two' is not a whole number from 1 to 5"),
        (4, "date '09/09/2025' is not a date in the form YYYY-MM-DD"),
        (5, "the date 2099-01-01 is in the future"),
        (6, "RJ1 is also on line 2"),
        (7, "expected 3 columns, found 2"),
        (8, "the code is empty"),
    ]


def test_the_2019_framework_stops_at_segment_4():
    _rows, errors = importers.parse_segment_list(
        "code,segment,date\nRJ1,5,2021-01-01\n", lowest_segment=4, today=TODAY
    )
    assert [error.reason for error in errors] == ["segment '5' is not a whole number from 1 to 4"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ods,seg\nRJ1,1\n", "the first line must be the header code,segment,date"),
        ("code,segment,date\n", "the file has a header but no rows"),
        ("", "the first line must be the header code,segment,date"),
    ],
)
def test_a_file_that_is_not_a_segment_list_cannot_be_read(text, reason):
    _rows, errors = importers.parse_segment_list(text, lowest_segment=5, today=TODAY)
    assert [(error.reason, error.fatal) for error in errors] == [(reason, True)]


# --- Saving: all or nothing, with history ---------------------------------------------------


def test_segments_are_saved_with_framework_date_and_history(trust, other_trust, talent_team):
    result = oversight_segments_import(text=GOOD, source="nof.csv", by=talent_team)

    assert (result.created, result.changed) == (["RJ1", "RH8"], [])
    segment = OversightSegment.objects.get(organisation=trust)
    assert (segment.framework, segment.segment) == (OversightFramework.NOF_2025, 5)
    assert segment.is_lowest
    assert segment.description == (
        "Segment 5 (Recovery Support Programme), NHS Oversight Framework 2025/26"
    )

    again = oversight_segments_import(
        text="code,segment,date\nRJ1,4,2026-03-01\nRH8,2,2025-09-09\n",
        source="nof-q4.csv",
        by=talent_team,
    )
    assert (again.changed, again.unchanged) == (["RJ1"], ["RH8"])
    history = list(OversightSegment.history.filter(organisation=trust).order_by("history_date"))
    assert [entry.segment for entry in history] == [5, 4]
    assert history[-1].history_change_reason == "From nof-q4.csv"
    assert history[-1].history_user == talent_team


def test_one_bad_line_saves_nothing_and_unknown_closed_and_national_codes_are_bad_lines(
    trust, national_body
):
    OrganisationFactory(ods_code="RFW", name="WEST MIDDLESEX", closed_on=dt.date(2015, 8, 31))
    text = "code,segment,date\nRJ1,2,2025-09-09\nZZZ,2,2025-09-09\nRFW,3,2025-09-09\nNHSI,1,2025-09-09\n"

    with pytest.raises(ImportRejected) as rejected:
        oversight_segments_import(text=text, source="nof.csv")

    assert reasons(rejected.value) == [
        (3, "no organisation has the ODS code ZZZ"),
        (4, "RFW (West Middlesex) closed on 31 August 2015"),
        (5, "NHSI is a national body, which has no segment"),
    ]
    assert not OversightSegment.objects.exists()


def test_saving_segments_rescores_every_post_once_committed(
    trust, django_capture_on_commit_callbacks
):
    make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief executive")
    recalculation.recalculate_all()
    with django_capture_on_commit_callbacks(execute=True):
        oversight_segments_import(text="code,segment,date\nRJ1,5,2025-09-09\n", source="a.csv")
    run = RecalculationRun.objects.filter(kind=RunKind.MANUAL).get()
    assert run.posts_scored == 1


def test_a_dry_run_saves_nothing(trust):
    result = oversight_segments_import(
        text="code,segment,date\nRJ1,5,2025-09-09\n", source="a.csv", dry_run=True
    )
    assert result.created == ["RJ1"]
    assert result.summary().endswith("Dry run: nothing was saved")
    assert not OversightSegment.objects.exists()


def test_the_command_imports_a_file_and_lists_every_bad_line(trust, tmp_path):
    path = tmp_path / "segments.csv"
    path.write_text("code,segment,date\nRJ1,3,2025-09-09\n")
    out = StringIO()
    call_command("import_oversight_segments", str(path), stdout=out)
    assert "segments.csv: 1 segments given, 0 changed, 0 unchanged" in out.getvalue()

    path.write_text("code,segment,date\nRJ1,9,2025-09-09\nXX1,2,2025-09-09\n")
    with pytest.raises(CommandError) as error:
        call_command("import_oversight_segments", str(path))
    assert "segments.csv: 2 bad rows; nothing imported" in str(error.value)
    assert "line 2: segment '9' is not a whole number from 1 to 5" in str(error.value)
    assert "line 3: no organisation has the ODS code XX1" in str(error.value)
    assert OversightSegment.objects.get(organisation=trust).segment == 3


# --- The page -------------------------------------------------------------------------------


def upload(text: str, name: str = "segments.csv") -> dict:
    return {
        "framework": OversightFramework.NOF_2025,
        "file": SimpleUploadedFile(name, text.encode(), content_type="text/csv"),
    }


def test_the_national_team_uploads_a_list_and_sees_what_was_saved(
    client_for, talent_team, trust, other_trust
):
    client = client_for(talent_team)
    response = client.post(URL, upload(GOOD), follow=True)

    assert response.redirect_chain == [(URL, 302)]
    html = response.content.decode()
    assert "Segments saved from segments.csv: 2 given, 0 changed, 0 unchanged." in html
    assert "NHS Oversight Framework 2025/26 (segments 1–5)" in html
    assert OversightSegment.objects.count() == 2


def test_a_list_with_bad_lines_is_refused_line_by_line_and_nothing_is_saved(
    client_for, talent_team, trust
):
    response = client_for(talent_team).post(
        URL, upload("code,segment,date\nRJ1,2,2025-09-09\nRJ1,7,2025-09-09\nQQQ,1,2025-01-01\n")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "segments.csv has 2 bad lines: nothing was saved." in html
    assert "RJ1 is also on line 2" in html
    assert "Segment &#x27;7&#x27; is not a whole number from 1 to 5" in html
    assert "No organisation has the ODS code QQQ" in html
    assert 'class="nhsuk-error-summary"' in html
    assert not OversightSegment.objects.exists()


def test_a_file_that_is_not_utf8_or_too_big_is_refused_with_a_reason(
    client_for, talent_team, trust
):
    client = client_for(talent_team)
    latin = {"framework": "nof_2025", "file": SimpleUploadedFile("s.csv", "Café".encode("cp1252"))}
    assert "The file is not UTF-8 text" in client.post(URL, latin).content.decode()
    big = {"framework": "nof_2025", "file": SimpleUploadedFile("s.csv", b"x" * 1_000_001)}
    assert "it must be 1 MB or smaller" in client.post(URL, big).content.decode()


def test_only_the_national_team_and_administrators_may_upload(
    client_for, hr_director, chair, talent_team
):
    assert client_for(hr_director).get(URL).status_code == 403
    assert client_for(chair).post(URL, {}).status_code == 403
    page = client_for(talent_team).get(reverse("orgs:list")).content.decode()
    assert f'href="{URL}">Upload oversight segments</a>' in page


# --- Where the segment is shown ----------------------------------------------------------------


@pytest.fixture
def in_segment_5(trust):
    return OversightSegment.objects.create(
        organisation=trust,
        framework=OversightFramework.NOF_2025,
        segment=5,
        assigned_on=dt.date(2025, 9, 9),
    )


EXPECTED = (
    "Segment 5 (Recovery Support Programme), NHS Oversight Framework 2025/26, "
    "since 9 September 2025"
)


def test_the_organisation_and_its_board_show_the_segment(client_for, hr_director, in_segment_5):
    client = client_for(hr_director)
    assert EXPECTED in client.get(reverse("orgs:detail", args=["RJ1"])).content.decode()
    board = client.get(reverse("succession:board", args=["RJ1"])).content.decode()
    assert EXPECTED in board


def test_an_organisation_without_a_segment_says_so(client_for, hr_director, trust):
    html = client_for(hr_director).get(reverse("orgs:detail", args=["RJ1"])).content.decode()
    assert "Oversight segment" in html and "Not recorded" in html


def test_the_risk_dashboard_filters_by_segment(client_for, talent_team, in_segment_5, other_trust):
    make_post(in_segment_5.organisation, PostRole.CHIEF_EXECUTIVE, "Chief executive in RSP")
    make_post(other_trust, PostRole.CHIEF_EXECUTIVE, "Chief executive elsewhere")
    recalculation.recalculate_all()
    client = client_for(talent_team)

    response = client.get("/risk/", {"segment": "5"})
    assert [row.post.title for row in response.context["rows"]] == ["Chief executive in RSP"]
    assert "Segment 5 (Recovery Support Programme)" in response.content.decode()
    assert len(client.get("/risk/", {"segment": "2"}).context["rows"]) == 0


def test_icbs_can_be_given_segments_too(trust):
    OrganisationFactory(ods_code="QKK", name="NHS SOUTH EAST LONDON ICB", kind=OrganisationKind.ICB)
    result = oversight_segments_import(text="code,segment,date\nQKK,2,2025-09-09\n", source="a")
    assert result.created == ["QKK"]
