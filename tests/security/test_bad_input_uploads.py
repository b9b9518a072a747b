"""Uploads that would cost a worker are refused quickly, with a message saying the limit, and
control characters in a row are reported by its line (docs/adr/0014-bad-input.md)."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from succession.imports import COLUMN_NAMES, parse_upload
from succession.models import Post
from tests.pages import text_of

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMN_NAMES)
SHARED_STRINGS = "xl/sharedStrings.xml"


def workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMN_NAMES)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rebuilt(content: bytes, parts: dict[str, object], *, extra: int = 0) -> bytes:
    """The workbook with some parts replaced: bytes, or a (chunk, times) pair streamed in so
    that a part of 150 MB is never held in memory; `extra` adds that many small parts."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target,
    ):
        names = source.namelist()
        for name in names + [n for n in parts if n not in names]:
            part = parts.get(name)
            if part is None:
                target.writestr(name, source.read(name))
            elif isinstance(part, bytes):
                target.writestr(name, part)
            else:
                head, chunk, times, tail = part
                with target.open(name, "w", force_zip64=True) as handle:
                    handle.write(head)
                    for _ in range(times):
                        handle.write(chunk)
                    handle.write(tail)
        for number in range(extra):
            target.writestr(f"customXml/item{number}.xml", b"<a/>")
    return out.getvalue()


def shared_strings(count: int) -> tuple:
    head = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    strings_per_write = 1000 if count % 1000 == 0 else 1
    block = (b"<si><t>" + b"x" * 1000 + b"</t></si>") * strings_per_write
    return (head, block, count // strings_per_write, b"</sst>")


def with_shared_strings(content: bytes, strings) -> bytes:
    """The workbook with a shared-strings part, declared as Excel declares it, so that openpyxl
    reads every string in it when it opens the workbook."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        types = archive.read("[Content_Types].xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = types.replace(
        b"</Types>",
        f'<Override PartName="/{SHARED_STRINGS}" ContentType="{main}.sharedStrings+xml" />'
        "</Types>".encode(),
    )
    rels = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" />'
        b"</Relationships>",
    )
    return rebuilt(
        content,
        {
            "[Content_Types].xml": types,
            "xl/_rels/workbook.xml.rels": rels,
            SHARED_STRINGS: strings,
        },
    )


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A few hundred KB of .xlsx whose shared strings expand to 156 MB."""
    good = workbook([["Chief executive", "chief_executive"]])
    return with_shared_strings(good, shared_strings(156_000))


def test_the_bomb_is_small_on_the_wire_and_huge_inside(bomb):
    assert len(bomb) < 1_000_000  # under the upload's own 1 MB limit
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert archive.getinfo(SHARED_STRINGS).file_size > 150_000_000


def test_an_xlsx_that_expands_past_the_limit_is_refused_within_two_seconds(bomb):
    """It used to keep a worker busy 55 s and grow it to 1 GB."""
    tracemalloc.start()
    started = time.perf_counter()
    parsed = parse_upload(name="posts.xlsx", content=bomb)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert elapsed < 2
    assert peak < 20_000_000
    assert parsed.file_errors == [
        "The file is too large: it expands to more than 20 MB. "
        "Upload at most 2,000 posts, on one sheet, without pictures."
    ]


def test_the_bomb_uploaded_through_the_page_is_refused_with_the_limit(
    client_for, hr_director, trust, bomb
):
    started = time.perf_counter()
    response = client_for(hr_director).post(
        reverse("succession:import_upload", args=[trust.ods_code]),
        {"file": SimpleUploadedFile("posts.xlsx", bomb)},
    )

    assert time.perf_counter() - started < 2
    assert response.status_code == 200
    assert "it expands to more than 20 MB" in text_of(response)
    assert not Post.objects.filter(organisation=trust).exists()


def lying_about(content: bytes, name: str, size: int) -> bytes:
    """The zip with its directory claiming that `name` expands to `size` bytes."""
    data = bytearray(content)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == name.encode():
            data[at + 24 : at + 28] = size.to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 1)
    return bytes(data)


def test_a_bomb_whose_directory_lies_about_its_size_is_still_refused():
    """Python's zipfile never inflates a part past the size its directory gives, and then the
    checksum fails: the lie ends the read, not the worker."""
    sheet = "xl/worksheets/sheet1.xml"
    honest = workbook([["Chief executive", "chief_executive"]])
    with zipfile.ZipFile(io.BytesIO(honest)) as archive:
        real = archive.read(sheet)
    padded = real.replace(b"</worksheet>", b"<!--" + b" " * 50_000_000 + b"--></worksheet>")
    liar = lying_about(rebuilt(honest, {sheet: padded}), sheet, len(real))

    started = time.perf_counter()
    parsed = parse_upload(name="posts.xlsx", content=liar)

    assert time.perf_counter() - started < 2
    assert parsed.file_errors == [
        "The file must be a CSV file or an Excel workbook (.xlsx). "
        "Download the template and save your spreadsheet in one of those formats."
    ]


def test_a_part_compressed_far_more_than_a_spreadsheet_is_refused():
    good = workbook([["Chief executive", "chief_executive"]])
    dense = rebuilt(good, {"xl/media/image1.bin": (b"", b"\x00" * 1_000_000, 5, b"")})

    parsed = parse_upload(name="posts.xlsx", content=dense)

    assert parsed.file_errors[0].startswith(
        "The file is too large: part of it expands to more than 100 times its size."
    )


def test_a_workbook_of_too_many_parts_is_refused():
    many = rebuilt(workbook([]), {}, extra=100)

    assert (
        parse_upload(name="posts.xlsx", content=many)
        .file_errors[0]
        .startswith("The file has more than 100 parts.")
    )


def test_too_many_shared_strings_are_refused_before_parsing(settings):
    settings.XLSX_MAX_SHARED_STRINGS = 10
    content = with_shared_strings(workbook([]), shared_strings(11))

    assert parse_upload(name="posts.xlsx", content=content).file_errors == [
        "The file has more than 10 pieces of text. Upload at most 2,000 posts at a time."
    ]


def test_too_many_rows_are_refused_before_parsing(settings):
    settings.XLSX_MAX_ROWS = 10
    content = workbook([[f"Post {n}", "chief_executive"] for n in range(12)])

    assert parse_upload(name="posts.xlsx", content=content).file_errors == [
        "The file has more than 10 rows. Upload at most 2,000 posts at a time."
    ]


def test_a_full_workbook_of_two_thousand_posts_is_still_read():
    rows = [
        [f"Post {n}", "chief_executive", "no", "high", "Jane", "Smith", f"j{n}@nhs.net"]
        + ["substantive", "2021-04-01", None, None]
        for n in range(2000)
    ]

    parsed = parse_upload(name="posts.xlsx", content=workbook(rows))

    assert parsed.file_errors == []
    assert len(parsed.rows) == 2000


def test_a_sheet_of_broken_xml_is_refused_with_a_message_not_a_server_error():
    broken = rebuilt(workbook([]), {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"})

    assert parse_upload(name="posts.xlsx", content=broken).file_errors == [
        "The file must be a CSV file or an Excel workbook (.xlsx). "
        "Download the template and save your spreadsheet in one of those formats."
    ]


# --- Control characters in the posts upload --------------------------------------------------


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f"])
def test_a_control_character_in_a_csv_row_is_reported_by_its_line(character):
    content = "\n".join(
        [
            HEADER,
            "Chief executive,chief_executive,,,,,,,,,",
            f"Chief{character}nurse,chief_nurse,,,,,,,,,",
            f"Medical director,medical_director,,,Ann,Le{character}e,,acting,2025-06-01,,",
        ]
    ).encode()

    parsed = parse_upload(name="posts.csv", content=content)

    assert parsed.errors == [
        (3, "post_title must not contain control characters."),
        (4, "holder_last_name must not contain control characters."),
    ]


def test_a_nul_in_an_upload_shows_the_line_and_saves_nothing(client_for, hr_director, trust):
    content = (
        f"{HEADER}\nChief executive,chief_executive,,,,,,,,,\nChief\x00nurse,chief_nurse,,,,,,,,,"
    )
    response = client_for(hr_director).post(
        reverse("succession:import_upload", args=[trust.ods_code]),
        {"file": SimpleUploadedFile("posts.csv", content.encode())},
        follow=True,
    )

    page = text_of(response)
    assert "post_title must not contain control characters" in page
    assert "Confirm and save" not in page
    assert not Post.objects.filter(organisation=trust).exists()
