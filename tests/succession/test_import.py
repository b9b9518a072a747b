import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from succession import import_service, services
from succession.imports import COLUMN_NAMES, MAX_ROWS, parse_upload
from succession.models import Incumbency, IncumbencyKind, Post
from talent.models import Person, PostRole
from tests.pages import text_of
from tests.succession.factories import IncumbencyFactory, make_post
from tests.talent.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMN_NAMES)
GOOD_CSV = "\n".join(
    [
        HEADER,
        "Chief executive,chief_executive,yes,critical,Jane,Smith,jane.smith@nhs.net,"
        "substantive,2021-04-01,2026-03-31,retirement",
        "Finance director,Finance director,no,high,Tom,Baker,tom.baker@nhs.net,"
        "interim,2024-09-01,,",
        "Chief nurse,chief_nurse,,,,,,,,,",
        "Director of strategy,other_executive_director,no,standard,Jane,Smith,"
        "JANE.SMITH@nhs.net,acting,2025-01-06,,",
    ]
)


def upload_url(organisation):
    return reverse("succession:import_upload", args=[organisation.ods_code])


def csv_file(text: str, name: str = "posts.csv", bom: bool = False) -> SimpleUploadedFile:
    content = ("\ufeff" if bom else "") + text
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def upload(client, organisation, file):
    return client.post(upload_url(organisation), {"file": file})


def upload_and_preview(client, organisation, file):
    response = upload(client, organisation, file)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"], client.get(response["Location"])


def confirm(client, preview_url, preview):
    fingerprint = preview.context["plan"].fingerprint
    return client.post(preview_url, {"fingerprint": fingerprint})


# --- The template -----------------------------------------------------------------------------


def test_the_csv_template_has_every_column_and_an_example_row(client_for, hr_director, trust):
    response = client_for(hr_director).get(
        reverse("succession:import_template", args=[trust.ods_code, "csv"])
    )

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == COLUMN_NAMES
    assert len(rows) == 2
    assert parse_upload(name="template.csv", content=response.content).is_valid


def test_the_excel_template_has_the_same_columns_and_reads_back(client_for, hr_director, trust):
    response = client_for(hr_director).get(
        reverse("succession:import_template", args=[trust.ods_code, "xlsx"])
    )

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(values) for values in sheet.iter_rows(values_only=True)]
    assert rows[0] == COLUMN_NAMES
    assert len(rows) == 2
    assert parse_upload(name="template.xlsx", content=response.content).is_valid


def test_the_upload_page_documents_the_columns(client_for, hr_director, trust):
    response = client_for(hr_director).get(upload_url(trust))

    assert response.status_code == 200
    for name in COLUMN_NAMES:
        assert name in response.text
    assert "Accountable officer" in response.text


# --- A good file ------------------------------------------------------------------------------


def test_a_good_csv_is_previewed_and_only_saved_on_confirm(client_for, hr_director, trust):
    client = client_for(hr_director)

    preview_url, preview = upload_and_preview(client, trust, csv_file(GOOD_CSV, bom=True))

    assert preview.status_code == 200
    assert "Confirm and save 4 posts" in text_of(preview)
    assert "New holder: Jane Smith, substantive from 1 April 2021" in text_of(preview)
    assert "New person: Tom Baker" in text_of(preview)
    assert "The same new person as line 2" in text_of(preview)
    assert Post.objects.count() == 0 and Person.objects.count() == 0

    saved = confirm(client, preview_url, preview)

    assert saved.status_code == 302
    assert saved["Location"] == reverse("succession:board", args=[trust.ods_code])
    posts = {post.title: post for post in Post.objects.filter(organisation=trust)}
    assert set(posts) == {
        "Chief executive",
        "Finance director",
        "Chief nurse",
        "Director of strategy",
    }
    assert posts["Chief executive"].is_top_200 is True
    assert posts["Finance director"].role == PostRole.FINANCE_DIRECTOR
    assert not posts["Chief nurse"].incumbencies.exists()
    jane = Person.objects.get(work_email="jane.smith@nhs.net", organisation=trust)
    assert set(Incumbency.objects.current().filter(person=jane).values_list("kind", flat=True)) == {
        IncumbencyKind.SUBSTANTIVE,
        IncumbencyKind.ACTING,
    }
    chief = Incumbency.objects.current().get(post=posts["Chief executive"])
    assert chief.expected_departure_on == dt.date(2026, 3, 31)
    assert Person.objects.count() == 2


def test_uploading_the_same_file_again_creates_nothing_new(client_for, hr_director, trust):
    client = client_for(hr_director)
    preview_url, preview = upload_and_preview(client, trust, csv_file(GOOD_CSV))
    confirm(client, preview_url, preview)

    preview_url, preview = upload_and_preview(client, trust, csv_file(GOOD_CSV))
    assert (preview.context["new_posts"], preview.context["updated_posts"]) == (0, 0)
    assert (preview.context["new_people"], preview.context["new_holders"]) == (0, 0)
    assert "No change: Jane Smith holds it" in text_of(preview)
    confirm(client, preview_url, preview)

    assert Post.objects.count() == 4
    assert Person.objects.count() == 2
    assert Incumbency.objects.count() == 3


def test_a_row_updates_an_existing_post_with_the_same_title_and_records_a_new_holder(
    client_for, hr_director, trust
):
    post = make_post(trust, PostRole.CHIEF_EXECUTIVE, "Chief Executive")
    outgoing = IncumbencyFactory(post=post, started_on=dt.date(2018, 1, 1))
    existing = PersonFactory(organisation=trust, work_email="sam.jones@nhs.net")
    file = csv_file(
        f"{HEADER}\nchief executive,chief_executive,yes,,Sam,Jones,sam.jones@nhs.net,"
        "interim,2025-02-01,,"
    )
    client = client_for(hr_director)

    preview_url, preview = upload_and_preview(client, trust, file)
    assert "now a national top-200 post" in text_of(preview)
    assert f"Existing person: {existing.full_name} (matched by work email)" in text_of(preview)
    confirm(client, preview_url, preview)

    post.refresh_from_db()
    outgoing.refresh_from_db()
    assert post.is_top_200 is True
    assert outgoing.ended_on == dt.date(2025, 2, 1)
    assert Incumbency.objects.current().get(post=post).person == existing
    assert Post.objects.count() == 1


def test_an_excel_upload_works(client_for, hr_director, trust):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMN_NAMES)
    sheet.append(
        [
            "Medical director",
            "Medical director",
            "no",
            "high",
            "Ade",
            "Okafor",
            "ade.okafor@nhs.net",
            "Substantive",
            dt.datetime(2020, 6, 1),
            None,
            None,
        ]
    )
    sheet.append([None] * len(COLUMN_NAMES))  # an empty row at the end is not a post
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for(hr_director)

    preview_url, preview = upload_and_preview(
        client, trust, SimpleUploadedFile("posts.xlsx", buffer.getvalue())
    )
    assert "Confirm and save 1 post" in text_of(preview)
    confirm(client, preview_url, preview)

    incumbency = Incumbency.objects.get(post__title="Medical director")
    assert incumbency.started_on == dt.date(2020, 6, 1)
    assert incumbency.person.full_name == "Ade Okafor"


# --- Bad files --------------------------------------------------------------------------------

BAD_CSV = "\n".join(
    [
        HEADER,
        "Chief executive,chief_exec,yes,critical,,,,,,,",
        ",chief_nurse,no,high,,,,,,,",
        "Finance director,finance_director,maybe,high,Tom,Baker,,substantive,2024-13-01,,",
        "Medical director,medical_director,no,high,Ann,Lee,,acting,2025-06-01,2025-01-01,",
        "Chair,chair,no,high,,,,interim,,,",
        "chief executive,chief_executive,no,high,,,,,,,",
    ]
)


def test_every_bad_row_is_listed_with_its_line_and_reason_and_nothing_can_be_saved(
    client_for, hr_director, trust
):
    client = client_for(hr_director)

    preview_url, preview = upload_and_preview(client, trust, csv_file(BAD_CSV))

    text = preview.text
    assert "Fix these rows and upload the file again" in text
    assert "Line 2: “chief_exec” is not a role" in text
    assert "Line 3: post_title is missing" in text
    assert "Line 4: top_200 must be yes or no, not “maybe”." in text
    assert "Line 4: holder_started_on: 2024-13-01 is not a date (use YYYY-MM-DD)" in text
    assert "Line 5: The holder started on 2025-06-01, after their expected departure" in text
    assert "Line 6: holder_status is given without a holder" in text
    assert "Line 7: The post “chief executive” is also on line 2" in text
    assert 'href="#line-4"' in text
    assert "Confirm and save" not in text


def test_confirming_a_file_with_errors_is_refused_even_when_posted_directly(
    client_for, hr_director, trust
):
    client = client_for(hr_director)
    preview_url, _ = upload_and_preview(client, trust, csv_file(BAD_CSV))

    response = client.post(preview_url, {"fingerprint": "anything"})

    assert response.status_code == 400
    assert "Nothing was saved" in response.text
    assert Post.objects.count() == 0
    assert Person.objects.count() == 0


def test_a_new_holder_starting_before_the_current_one_is_a_problem_in_the_preview(
    client_for, hr_director, trust
):
    post = make_post(trust, PostRole.CHIEF_NURSE, "Chief nurse")
    IncumbencyFactory(post=post, started_on=dt.date(2022, 4, 1))
    file = csv_file(f"{HEADER}\nChief nurse,chief_nurse,,,Kim,Ng,,substantive,2021-01-01,,")

    _, preview = upload_and_preview(client_for(hr_director), trust, file)

    assert "Line 2: holder_started_on 2021-01-01 is before" in text_of(preview)
    assert "Confirm and save" not in text_of(preview)


def test_a_failure_while_saving_rolls_back_every_row(client_for, hr_director, trust, monkeypatch):
    client = client_for(hr_director)
    preview_url, preview = upload_and_preview(client, trust, csv_file(GOOD_CSV))
    real_start = services.incumbency_start
    calls = []

    def failing_second_holder(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            from django.core.exceptions import ValidationError

            raise ValidationError({"person": "Refused for the test."})
        return real_start(**kwargs)

    monkeypatch.setattr(services, "incumbency_start", failing_second_holder)

    response = confirm(client, preview_url, preview)

    assert response.status_code == 400
    assert "Line 3: Refused for the test. Nothing was saved." in response.text
    assert Post.objects.count() == 0
    assert Person.objects.count() == 0


def test_a_preview_that_went_out_of_date_is_not_saved_without_another_look(
    client_for, hr_director, trust
):
    client = client_for(hr_director)
    preview_url, preview = upload_and_preview(client, trust, csv_file(GOOD_CSV))
    make_post(trust, PostRole.CHIEF_NURSE, "Chief nurse")  # someone adds a post meanwhile

    response = confirm(client, preview_url, preview)

    assert response.status_code == 409
    assert "The posts changed while you were checking" in response.text
    assert Post.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("posts.pdf", b"%PDF-1.4 binary \x00\x01", "must be a CSV file or an Excel workbook"),
        ("posts.csv", b"\xff\xfe\x00p\x00o", "must be a CSV file or an Excel workbook"),
        ("posts.csv", "title;rôle\n".encode("latin-1"), "is not in UTF-8"),
        ("posts.xlsx", b"PK\x03\x04 not really a workbook", "must be a CSV file or an Excel"),
        ("posts.csv", b"  \n", "The file is empty."),
        ("posts.csv", f"{HEADER}\n".encode(), "no posts under it"),
        ("posts.csv", b"post_title,role,colour\nCEO,chief_executive,red\n", "Unknown column"),
        ("posts.csv", b"post_title\nCEO\n", "missing: role"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_message(
    client_for, hr_director, trust, name, content, message
):
    response = upload(client_for(hr_director), trust, SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text


def test_a_file_with_too_many_rows_is_refused(client_for, hr_director, trust):
    rows = "\n".join(f"Post {n},chief_executive,,,,,,,,," for n in range(MAX_ROWS + 1))

    response = upload(client_for(hr_director), trust, csv_file(f"{HEADER}\n{rows}"))

    assert "upload at most 2,000 at a time" in response.text


def test_a_file_over_one_megabyte_is_refused(client_for, hr_director, trust):
    padding = "x" * 1_000_001

    response = upload(client_for(hr_director), trust, csv_file(f"{HEADER}\n{padding}"))

    assert "it must be 1 MB or smaller" in response.text


def test_no_file_chosen_says_so(client_for, hr_director, trust):
    response = client_for(hr_director).post(upload_url(trust), {})

    assert "Choose a CSV or Excel file to upload" in response.text


# --- Who may upload ---------------------------------------------------------------------------


def test_hr_director_cannot_upload_to_another_trust(client_for, other_hr_director, trust):
    client = client_for(other_hr_director)

    assert client.get(upload_url(trust)).status_code == 404
    assert upload(client, trust, csv_file(GOOD_CSV)).status_code == 404
    template = reverse("succession:import_template", args=[trust.ods_code, "csv"])
    assert client.get(template).status_code == 404


def test_another_trusts_hr_director_cannot_open_or_confirm_an_upload(
    client_for, hr_director, other_hr_director, trust
):
    preview_url, _ = upload_and_preview(client_for(hr_director), trust, csv_file(GOOD_CSV))
    client = client_for(other_hr_director)

    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url, {"fingerprint": "x"}).status_code == 404
    assert Post.objects.count() == 0


def test_a_chair_cannot_upload_posts(client_for, chair, trust):
    client = client_for(chair)

    assert client.get(upload_url(trust)).status_code == 403
    assert upload(client, trust, csv_file(GOOD_CSV)).status_code == 403


# --- The service on its own -------------------------------------------------------------------


def test_the_import_service_saves_rows_without_a_preview(trust, hr_director):
    parsed = parse_upload(name="posts.csv", content=GOOD_CSV.encode())

    summary = import_service.posts_import(organisation=trust, rows=parsed.rows, by=hr_director)

    assert summary.posts_created == 4
    assert summary.people_created == 2
    assert summary.holders_recorded == 3


# --- Reading files (no database) --------------------------------------------------------------


def test_headers_and_values_are_read_whatever_their_case_and_labels_are_accepted():
    content = (
        b"Post Title,ROLE,Top 200,Criticality,Holder First Name,Holder Last Name,"
        b"Holder Status,Holder Started On,Departure Reason\n"
        b"Chief Operating Officer,Chief operating officer,YES,High,Ann,Lee,Interim,2024-01-08,"
        b"End of fixed term\n"
    )

    parsed = parse_upload(name="posts.csv", content=content)

    assert parsed.is_valid, parsed.errors
    row = parsed.rows[0]
    assert row.role == PostRole.CHIEF_OPERATING_OFFICER
    assert row.is_top_200 is True
    assert row.holder_status == IncumbencyKind.INTERIM
    assert row.holder_started_on == dt.date(2024, 1, 8)
    assert row.departure_reason == "end_of_fixed_term"


def test_line_numbers_count_the_header_as_line_one_and_skip_nothing():
    content = f"{HEADER}\nChief nurse,chief_nurse,,,,,,,,,\n,,,,,,,,,,\nChair,nope,,,,,,,,,\n"

    parsed = parse_upload(name="posts.csv", content=content.encode())

    assert [row.line for row in parsed.rows] == [2, 4]
    assert parsed.errors[0][0] == 4


def test_a_holder_without_a_status_or_start_date_is_a_problem():
    content = f"{HEADER}\nChief nurse,chief_nurse,,,Kim,Ng,,,,,\n"

    parsed = parse_upload(name="posts.csv", content=content.encode())

    messages = parsed.rows[0].errors
    assert any(message.startswith("holder_status is missing") for message in messages)
    assert any(message.startswith("holder_started_on is missing") for message in messages)
