"""Reading a spreadsheet of posts and their holders (CSV or Excel), row by row.

A pure function of the file's name and bytes: no database. It returns every row it could read,
each with the problems found in it, and the problems of the file as a whole. Line numbers are
the spreadsheet's: the header is line 1, so the first post is on line 2. What the rows will do
to the organisation's posts (new post, new holder…) is worked out by succession.import_service.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from core.validators import has_control_characters

from .data_rules import expected_departure_problem, holder_start_problem, title_key
from .models import Criticality, DepartureReason, IncumbencyKind, PostRole

MAX_BYTES = 1_000_000
MAX_ROWS = 2_000


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str
    example: str


COLUMNS = [
    Column("post_title", True, "The post's title, as your board uses it.", "Chief executive"),
    Column(
        "role",
        True,
        "What kind of post it is: one of the roles listed below.",
        PostRole.CHIEF_EXECUTIVE.value,
    ),
    Column(
        "top_200",
        False,
        "yes if it is one of the national top-200 posts, otherwise no.",
        "yes",
    ),
    Column("criticality", False, "critical, high or standard.", Criticality.CRITICAL.value),
    Column("holder_first_name", False, "The holder's first name. Empty if vacant.", "Jane"),
    Column("holder_last_name", False, "The holder's last name. Empty if vacant.", "Smith"),
    Column(
        "holder_work_email",
        False,
        "The holder's work email: how the service recognises someone already recorded.",
        "jane.smith@nhs.net",
    ),
    Column(
        "holder_status",
        False,
        "substantive, interim or acting. Empty if the post is vacant.",
        IncumbencyKind.SUBSTANTIVE.value,
    ),
    Column("holder_started_on", False, "When the holder started, as YYYY-MM-DD.", "2021-04-01"),
    Column(
        "expected_departure_on",
        False,
        "When the holder is expected to leave, as YYYY-MM-DD, if known.",
        "2026-03-31",
    ),
    Column(
        "departure_reason",
        False,
        "Why they are expected to leave: one of the reasons listed below.",
        DepartureReason.RETIREMENT.value,
    ),
]
COLUMN_NAMES = [column.name for column in COLUMNS]
REQUIRED_COLUMNS = [column.name for column in COLUMNS if column.required]
HOLDER_COLUMNS = (
    "holder_first_name",
    "holder_last_name",
    "holder_work_email",
    "holder_status",
    "holder_started_on",
    "expected_departure_on",
    "departure_reason",
)
YES = {"yes", "y", "true"}
NO = {"no", "n", "false"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_LENGTHS = {"post_title": 200, "holder_first_name": 100, "holder_last_name": 100}


@dataclass
class ImportRow:
    """One post in the file as read, with what is wrong with it (if anything)."""

    line: int
    post_title: str = ""
    role: str = ""
    is_top_200: bool | None = None  # None: not given (a new post is not top-200; an old one keeps)
    criticality: str = ""  # "": not given
    holder_first_name: str = ""
    holder_last_name: str = ""
    holder_work_email: str = ""
    holder_status: str = ""
    holder_started_on: dt.date | None = None
    expected_departure_on: dt.date | None = None
    departure_reason: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def has_holder(self) -> bool:
        return bool(self.holder_first_name or self.holder_last_name)

    @property
    def holder_name(self) -> str:
        return f"{self.holder_first_name} {self.holder_last_name}".strip()

    @property
    def role_label(self) -> str:
        return PostRole(self.role).label if self.role in PostRole.values else self.role

    def to_dict(self) -> dict:
        """Plain JSON-able data, to keep the upload in the session until it is confirmed."""
        data = asdict(self)
        for name in ("holder_started_on", "expected_departure_on"):
            data[name] = data[name].isoformat() if data[name] else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ImportRow:
        data = dict(data)
        for name in ("holder_started_on", "expected_departure_on"):
            data[name] = dt.date.fromisoformat(data[name]) if data.get(name) else None
        return cls(**data)


@dataclass
class ParsedUpload:
    """The rows read from a file, and problems with the file itself (which leave no rows)."""

    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[int, str]]:
        """Every problem in the file as (line, reason), in line order."""
        found = [(1, message) for message in self.file_errors]
        for row in self.rows:
            found.extend((row.line, message) for message in row.errors)
        return found

    @property
    def is_valid(self) -> bool:
        return not self.errors


class UnreadableFile(Exception):
    """The file is not a CSV or Excel file we can read; the message says why."""


# --- Reading the file -------------------------------------------------------------------------


def parse_upload(*, name: str, content: bytes) -> ParsedUpload:
    """Read and check every row of an uploaded CSV (UTF-8, with or without a BOM) or .xlsx file."""
    if len(content) > MAX_BYTES:
        return ParsedUpload(
            file_errors=[
                f"The file is {len(content) / 1_000_000:.1f} MB: it must be 1 MB or smaller. "
                "Split it into several files."
            ]
        )
    if not content.strip():
        return ParsedUpload(file_errors=["The file is empty."])
    try:
        records = _read_records(name, content)
    except UnreadableFile as error:
        return ParsedUpload(file_errors=[str(error)])
    return parse_records(records)


def _read_records(name: str, content: bytes) -> list[list]:
    lower = name.lower()
    is_zip = content[:4] == b"PK\x03\x04"
    if lower.endswith(".xlsx") or (is_zip and not lower.endswith(".csv")):
        return _read_xlsx(content)
    if lower.endswith((".xls", ".ods", ".numbers", ".pdf", ".doc", ".docx")) or is_zip:
        raise UnreadableFile(_NOT_CSV_OR_XLSX)
    return _read_csv(content)


_NOT_CSV_OR_XLSX = (
    "The file must be a CSV file or an Excel workbook (.xlsx). "
    "Download the template and save your spreadsheet in one of those formats."
)


def _read_csv(content: bytes) -> list[list]:
    # UTF-16 (what Excel calls "Unicode text") is half NULs; a stray NUL is reported by its row.
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or content.count(b"\x00") * 10 > len(content):
        raise UnreadableFile(_NOT_CSV_OR_XLSX)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            "The file is not in UTF-8. Save it as “CSV UTF-8 (comma delimited)” and upload it again."
        ) from None
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise UnreadableFile(f"The file could not be read as CSV: {error}.") from None


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    check_xlsx_size(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except _UNREADABLE_XLSX:
        raise UnreadableFile(_NOT_CSV_OR_XLSX) from None
    try:
        sheet = workbook.worksheets[0]
        records: list[list] = []
        filled = empty_run = 0
        for values in sheet.iter_rows(values_only=True):
            records.append(list(values))
            if any(_cell(value) for value in values):
                filled, empty_run = filled + 1, 0
            else:
                empty_run += 1
            # Enough to say "too many rows"; and a formatted sheet can run to a million empty rows.
            if filled > MAX_ROWS + 1 or empty_run > 1000:
                break
        return records
    except _UNREADABLE_XLSX:  # a sheet is read as it is iterated: its XML may be broken
        raise UnreadableFile(_NOT_CSV_OR_XLSX) from None
    finally:
        workbook.close()


# ElementTree's ParseError is a SyntaxError; zlib.error and EOFError come from a damaged zip.
_UNREADABLE_XLSX = (
    zipfile.BadZipFile,
    KeyError,
    IndexError,
    OSError,
    ValueError,
    TypeError,
    SyntaxError,
    EOFError,
    zlib.error,
)
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_RATIO_CHECKED_FROM = 1_000_000  # small parts of a workbook compress well and harm nobody


def check_xlsx_size(content: bytes) -> None:
    """Refuse an .xlsx that would expand into more than the limits allow, before it is parsed:
    a workbook is a zip, and a few hundred KB can hold a shared-strings part of 150 MB. Reads
    the zip's directory, then counts shared strings and rows in the parts as they decompress,
    never holding more than a chunk."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableFile(_NOT_CSV_OR_XLSX) from None
    with archive:
        members = archive.infolist()
        if len(members) > settings.XLSX_MAX_MEMBERS:
            raise UnreadableFile(
                f"The file has more than {settings.XLSX_MAX_MEMBERS:,} parts. Save your "
                "spreadsheet as a new workbook with one sheet and upload that."
            )
        limit = settings.XLSX_MAX_UNCOMPRESSED_BYTES
        if sum(member.file_size for member in members) > limit:
            raise UnreadableFile(
                f"The file is too large: it expands to more than {size_in_words_decimal(limit)}. "
                f"Upload at most {MAX_ROWS:,} posts, on one sheet, without pictures."
            )
        ratio = settings.XLSX_MAX_COMPRESSION_RATIO
        for member in members:
            if member.file_size > _RATIO_CHECKED_FROM and (
                member.file_size > ratio * max(member.compress_size, 1)
            ):
                raise UnreadableFile(
                    f"The file is too large: part of it expands to more than {ratio:,} times "
                    "its size. Save your spreadsheet as a new workbook and upload that."
                )
        for member in members:
            name = member.filename.lower()
            if name.endswith("sharedstrings.xml"):
                limit = settings.XLSX_MAX_SHARED_STRINGS
                if _count_tags(archive, member, _SHARED_STRING, limit) > limit:
                    raise UnreadableFile(
                        f"The file has more than {limit:,} pieces of text. "
                        f"Upload at most {MAX_ROWS:,} posts at a time."
                    )
            elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                limit = settings.XLSX_MAX_ROWS
                if _count_tags(archive, member, _ROW, limit) > limit:
                    raise UnreadableFile(
                        f"The file has more than {limit:,} rows. "
                        f"Upload at most {MAX_ROWS:,} posts at a time."
                    )


def _count_tags(archive: zipfile.ZipFile, member: zipfile.ZipInfo, tag, limit: int) -> int:
    """How many `tag` elements the part holds, stopping once past `limit`."""
    count, carried = 0, b""
    try:
        with archive.open(member) as part:
            while chunk := part.read(1 << 20):
                buffer = carried + chunk
                cut = buffer.rfind(b"<")  # a tag may run on into the next chunk
                if cut < 0:
                    cut = len(buffer)
                count += len(tag.findall(buffer, 0, cut))
                carried = buffer[cut:]
                if count > limit:
                    return count
    except (*_UNREADABLE_XLSX, NotImplementedError):
        raise UnreadableFile(_NOT_CSV_OR_XLSX) from None
    return count + len(tag.findall(carried))


def size_in_words_decimal(size: int) -> str:
    """20_000_000 -> "20 MB": limits set in round decimal figures read as they were set."""
    return f"{size / 1_000_000:,.1f}".removesuffix(".0") + " MB"


# --- Checking the rows ------------------------------------------------------------------------


def _normalise_header(value) -> str:
    return "_".join(str(value or "").strip().lower().replace("-", " ").split())


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def parse_records(records: list[list]) -> ParsedUpload:
    """Check a header and rows of cells (as read from a CSV or a sheet)."""
    # Spreadsheets often end with empty rows; they are not posts and need no line of their own.
    while records and not any(_cell(value) for value in records[-1]):
        records.pop()
    if not records:
        return ParsedUpload(file_errors=["The file is empty."])
    header = [_normalise_header(value) for value in records[0]]
    problems = _header_problems(header)
    if problems:
        return ParsedUpload(file_errors=problems)
    data = [(line, record) for line, record in enumerate(records[1:], start=2)]
    data = [(line, record) for line, record in data if any(_cell(value) for value in record)]
    if not data:
        return ParsedUpload(
            file_errors=["The file has a header but no posts under it: add one post per row."]
        )
    if len(data) > MAX_ROWS:
        return ParsedUpload(
            file_errors=[
                f"The file has {len(data):,} posts: upload at most {MAX_ROWS:,} at a time. "
                "Split it into several files."
            ]
        )
    rows = [_parse_row(line, header, record) for line, record in data]
    _mark_duplicate_titles(rows)
    return ParsedUpload(rows=rows)


def _header_problems(header: list[str]) -> list[str]:
    problems = []
    named = [name for name in header if name]
    unknown = [name for name in named if name not in COLUMN_NAMES]
    if unknown:
        problems.append(
            "Unknown column"
            + ("s " if len(unknown) > 1 else " ")
            + ", ".join(f"“{name}”" for name in unknown)
            + ". Use the columns of the template: "
            + ", ".join(COLUMN_NAMES)
            + "."
        )
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        problems.append(
            "The column"
            + ("s " if len(repeated) > 1 else " ")
            + ", ".join(f"“{name}”" for name in repeated)
            + " appear"
            + ("" if len(repeated) > 1 else "s")
            + " more than once."
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        problems.append(
            "The first row must name the columns; "
            + ("these are" if len(missing) > 1 else "this one is")
            + " missing: "
            + ", ".join(missing)
            + "."
        )
    return problems


def _choice(value: str, choices, what: str, errors: list[str], listing: str) -> str:
    """A value or its label (any case) from a TextChoices, or "" with an error."""
    if not value:
        return ""
    wanted = value.strip().lower()
    for choice in choices:
        if wanted in (choice.value.lower(), str(choice.label).lower()):
            return choice.value
    errors.append(f"“{value}” is not {what}: use {listing}.")
    return ""


def _listing(choices) -> str:
    labels = [choice.value for choice in choices]
    return ", ".join(labels[:-1]) + " or " + labels[-1]


def _date(value: str, column: str, errors: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.append(f"{column}: {value} is not a date (use YYYY-MM-DD)")
        return None


def _parse_row(line: int, header: list[str], record: list) -> ImportRow:
    cells = {name: _cell(value) for name, value in zip(header, record, strict=False) if name}

    def get(name: str) -> str:
        return cells.get(name, "")

    errors: list[str] = [
        f"{name} must not contain control characters."
        for name, value in cells.items()
        if has_control_characters(value)
    ]

    title = get("post_title")
    if not title:
        errors.append("post_title is missing: every row needs the post’s title.")
    role = get("role")
    if not role:
        errors.append("role is missing: give the kind of post, such as chief_executive.")
    else:
        role = _choice(
            role,
            PostRole,
            "a role",
            errors,
            "one of the roles listed on the upload page, such as chief_executive",
        )

    top_200 = get("top_200").lower()
    is_top_200 = None
    if top_200 in YES:
        is_top_200 = True
    elif top_200 in NO:
        is_top_200 = False
    elif top_200:
        errors.append(f"top_200 must be yes or no, not “{get('top_200')}”.")

    criticality = _choice(
        get("criticality"),
        Criticality,
        "a criticality",
        errors,
        _listing(Criticality),
    )

    row = ImportRow(
        line=line,
        post_title=title,
        role=role,
        is_top_200=is_top_200,
        criticality=criticality,
        holder_first_name=get("holder_first_name"),
        holder_last_name=get("holder_last_name"),
        holder_work_email=get("holder_work_email").lower(),
        errors=errors,
    )
    row.holder_status = _choice(
        get("holder_status"), IncumbencyKind, "a holder status", errors, _listing(IncumbencyKind)
    )
    row.holder_started_on = _date(get("holder_started_on"), "holder_started_on", errors)
    row.expected_departure_on = _date(get("expected_departure_on"), "expected_departure_on", errors)
    row.departure_reason = _choice(
        get("departure_reason"),
        DepartureReason,
        "a departure reason",
        errors,
        _listing(DepartureReason),
    )
    _check_lengths(row, errors)
    _check_holder(row, get, errors)
    return row


def _check_lengths(row: ImportRow, errors: list[str]) -> None:
    for name, limit in MAX_LENGTHS.items():
        if len(getattr(row, name)) > limit:
            errors.append(f"{name} is longer than {limit} characters.")


def _check_holder(row: ImportRow, get, errors: list[str]) -> None:
    if row.holder_work_email:
        try:
            validate_email(row.holder_work_email)
        except ValidationError:
            errors.append(f"holder_work_email: “{row.holder_work_email}” is not an email address.")
    if not row.has_holder:
        given = [name for name in HOLDER_COLUMNS if get(name)]
        if get("holder_status"):
            errors.append(
                "holder_status is given without a holder: add the holder’s first and last "
                "name, or leave holder_status empty for a vacant post."
            )
        elif given:
            errors.append(
                f"{', '.join(given)} given without a holder: add the holder’s first and last "
                "name, or leave the holder columns empty for a vacant post."
            )
        return
    if not row.holder_first_name or not row.holder_last_name:
        errors.append("Give both the holder’s first name and last name.")
    if not get("holder_status"):
        errors.append(
            "holder_status is missing: say whether the holder is substantive, interim or acting."
        )
    if not get("holder_started_on"):
        errors.append("holder_started_on is missing: give the date the holder started.")
    if (
        row.holder_started_on
        and row.expected_departure_on
        and row.expected_departure_on < row.holder_started_on
    ):
        errors.append(
            f"The holder started on {row.holder_started_on.isoformat()}, after their expected "
            f"departure on {row.expected_departure_on.isoformat()}."
        )
    for column, problem in (
        ("holder_started_on", holder_start_problem(row.holder_started_on)),
        (
            "expected_departure_on",
            expected_departure_problem(row.expected_departure_on, today=timezone.localdate()),
        ),
    ):
        if problem:
            errors.append(f"{column}: {problem}")


def _mark_duplicate_titles(rows: list[ImportRow]) -> None:
    first_line: dict[str, int] = {}
    for row in rows:
        key = title_key(row.post_title)
        if not key:
            continue
        if key in first_line:
            row.errors.append(
                f"The post “{row.post_title}” is also on line {first_line[key]}: "
                "give each post once."
            )
        else:
            first_line[key] = row.line


# --- The template offered for download --------------------------------------------------------


def template_rows() -> list[list[str]]:
    """The header and one example row."""
    return [COLUMN_NAMES, [column.example for column in COLUMNS]]


def template_csv() -> bytes:
    """The template as CSV, UTF-8 with a BOM so that Excel opens it with the right characters."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(template_rows())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Posts"
    for values in template_rows():
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(len(column.name), len(column.example)) + 4
        if column.name.endswith("_on"):
            # Text, so that Excel keeps dates as typed (YYYY-MM-DD) rather than re-formatting them.
            for cell in sheet[letter]:
                cell.number_format = "@"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
