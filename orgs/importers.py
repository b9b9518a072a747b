"""Reading organisation lists: ODS ``e*.csv`` files, the ONS ICB list, ERIC trust types, and the
regions and national bodies files shipped in ``orgs/data``.

Everything here is pure: files in, plain dataclasses out, no database. Every problem found is
collected with its 1-based line number and a specific reason, so that a person can fix a whole
file in one go. Saving is ``orgs.services``; see docs/adr/0002-organisation-data-from-ods.md.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from core.validators import has_control_characters

from .models import OrganisationKind

DATA_DIR = Path(__file__).resolve().parent / "data"
# Today's England: the trusts of the 2026 ODS file and the 42 ICBs of the ONS December 2024 list.
SHIPPED_TRUSTS = DATA_DIR / "ods_etr_2026" / "etr.csv"
SHIPPED_ICBS = DATA_DIR / "ons_icb_2024" / "icb_names_codes_dec_2024.csv"
# The programme's organisations of 2015/16, kept as history, and the 2025 CCG file that says what
# became of each CCG (closed, or renamed as an ICB's sub-ICB location).
PROGRAMME_TRUSTS = DATA_DIR / "ods_etr_2015-10" / "etr.csv"
PROGRAMME_CCGS = DATA_DIR / "ods_eccg_2016-02" / "eccg.csv"
CCG_FATES = DATA_DIR / "ods_eccg_2025" / "eccg.csv"
SHIPPED_ERIC = DATA_DIR / "eric_trust_type" / "trust_type_lookup.csv"
SHIPPED_REGIONS = DATA_DIR / "derived" / "nhs_england_regions.csv"
SHIPPED_NATIONAL_BODIES = DATA_DIR / "national_bodies.csv"

ODS_COLUMN_COUNT = 27
ODS_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,9}$")
ICB_HEADER = re.compile(r"^ICB\d\dCD$")

# The Organisation fields each kind of source gives. A field a source does not give is left alone.
ODS_FIELDS = (
    "name",
    "kind",
    "is_foundation_trust",
    "region_code",
    "higher_health_geography",
    "postcode",
    "opened_on",
    "closed_on",
)
ICB_FIELDS = ("name", "kind")
NATIONAL_BODY_FIELDS = ("name", "kind", "opened_on", "closed_on")
# CCGs were abolished, and ICBs took on their duties, on 1 July 2022 (Health and Care Act 2022).
CCGS_ABOLISHED_ON = date(2022, 6, 30)
SUB_ICB_LOCATION = "RO319"

KIND_FROM_NAME = "name"


class FileFormat(StrEnum):
    TRUSTS = "trusts"
    CCGS = "ccgs"
    ICBS = "icbs"
    NATIONAL_BODIES = "national_bodies"


@dataclass(frozen=True)
class RowError:
    """A problem with one line. A fatal error (the file as a whole cannot be read) always stops
    the import, even when bad rows may be skipped."""

    line: int
    reason: str
    fatal: bool = False

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class SkippedRow:
    """A well-formed line that is deliberately not imported (a commissioning hub, say)."""

    line: int
    ods_code: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.ods_code} {self.reason}"


@dataclass(frozen=True)
class OrganisationRow:
    line: int
    ods_code: str
    name: str
    kind: str
    kind_basis: str = "file"
    is_foundation_trust: bool = False
    region_code: str = ""
    higher_health_geography: str = ""
    postcode: str = ""
    opened_on: date | None = None
    closed_on: date | None = None
    fields: tuple[str, ...] = ODS_FIELDS
    # What a closed body became (national bodies file): an ODS code, linked after the import.
    successor_code: str = ""

    @property
    def kind_is_inferred(self) -> bool:
        """True when the kind is only a guess from the name (no ERIC classification)."""
        return self.kind_basis == KIND_FROM_NAME

    def is_closed_on(self, day: date) -> bool:
        return self.closed_on is not None and self.closed_on <= day


@dataclass
class ParseResult:
    file_format: FileFormat | None
    rows: list[OrganisationRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)

    @property
    def is_readable(self) -> bool:
        return not any(error.fatal for error in self.errors)

    @property
    def bad_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors})


@dataclass(frozen=True)
class RegionRow:
    line: int
    code: str
    name: str
    short_name: str
    is_current: bool
    opened_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class EricType:
    """A trust's ERIC classification in one financial year (fyear 202122 = 2021/22)."""

    fyear: str
    trust_type: str

    @property
    def year_label(self) -> str:
        return f"{self.fyear[:4]}/{self.fyear[4:]}"


# --- ERIC trust types -------------------------------------------------------------------------


def kind_for_eric_type(trust_type: str) -> str | None:
    """The organisation kind an ERIC trust type means, or None when it does not say.

    "CARE TRUST" says nothing about what a trust does: in ERIC it labels primary care trusts and
    care trusts of every sort (2,352 of 8,376 rows), so it is not a kind. Nor is
    "INDEPENDENT SECTOR"."""
    trust_type = trust_type.strip().upper()
    if trust_type.startswith("ACUTE"):
        return OrganisationKind.ACUTE_TRUST
    return {
        "MENTAL HEALTH AND LEARNING DISABILITY": OrganisationKind.MENTAL_HEALTH_TRUST,
        "COMMUNITY": OrganisationKind.COMMUNITY_TRUST,
        "AMBULANCE": OrganisationKind.AMBULANCE_TRUST,
    }.get(trust_type)


def parse_eric(lines: Iterable[str]) -> dict[str, EricType]:
    """For each trust code, its most recent ERIC classification that names a kind.

    A trust classed "CARE TRUST" in its latest years (R1J Gloucestershire Care Services, say)
    takes its latest other classification (COMMUNITY in 2014/15); a code only ever classed
    "CARE TRUST" gets none, and its kind is then inferred from its name."""
    reader = csv.DictReader(lines)
    missing = {"fyear", "trust_code", "trust_type"} - set(reader.fieldnames or [])
    if missing:
        raise ValueError(f"not an ERIC trust type file: no {', '.join(sorted(missing))} column")
    latest: dict[str, EricType] = {}
    for record in reader:
        code = (record["trust_code"] or "").strip().upper()
        trust_type = (record["trust_type"] or "").strip().upper()
        fyear = (record["fyear"] or "").strip()
        if not code or kind_for_eric_type(trust_type) is None:
            continue
        if code not in latest or fyear > latest[code].fyear:
            latest[code] = EricType(fyear=fyear, trust_type=trust_type)
    return latest


def read_eric(path: Path) -> dict[str, EricType]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return parse_eric(handle)


def trust_kind(*, ods_code: str, name: str, eric: Mapping[str, EricType]) -> tuple[str, str]:
    """(kind, basis): from ERIC when it classifies the code, else guessed from the name."""
    classification = eric.get(ods_code)
    if classification is not None:
        kind = kind_for_eric_type(classification.trust_type)
        basis = f"ERIC {classification.year_label}: {classification.trust_type}"
        return kind, basis
    if "AMBULANCE" in name.upper():
        return OrganisationKind.AMBULANCE_TRUST, KIND_FROM_NAME
    return OrganisationKind.OTHER_TRUST, KIND_FROM_NAME


def is_foundation_trust_name(name: str) -> bool:
    return "NHS FOUNDATION TRUST" in " ".join(name.upper().split())


# --- Reading files ----------------------------------------------------------------------------


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) for each CSV record, skipping blank lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    previous_end = 0
    for record in reader:
        start, previous_end = previous_end + 1, reader.line_num
        if not record or all(not value.strip() for value in record):
            continue
        yield start, record


def _read_text(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return handle.read()


def _first_record(text: str) -> list[str]:
    return next((record for _line, record in _records(text)), [])


def detect_format(*, filename: str, first_record: list[str]) -> FileFormat | None:
    """What a file holds, from its header row (ONS) or its name (ODS eccg/etr)."""
    if first_record and ICB_HEADER.match(first_record[0].strip().upper()):
        return FileFormat.ICBS
    name = filename.lower()
    if "eccg" in name:
        return FileFormat.CCGS
    if "etr" in name:
        return FileFormat.TRUSTS
    if "icb" in name:
        return FileFormat.ICBS
    if len(first_record) == ODS_COLUMN_COUNT and first_record[13].strip().upper() in {"C", "H"}:
        return FileFormat.CCGS
    return None


def parse_organisation_file(
    path: Path,
    *,
    file_format: FileFormat | str | None = None,
    eric: Mapping[str, EricType] | None = None,
) -> ParseResult:
    """Read an ODS trust (etr) or CCG (eccg) file, or the ONS ICB list. The format comes from
    the header or the file name when not given."""
    path = Path(path)
    try:
        text = _read_text(path)
    except FileNotFoundError:
        return _fatal(None, 1, f"no such file: {path}")
    except UnicodeDecodeError as error:
        return _fatal(None, 1, f"unknown format: not UTF-8 text ({error.reason})")
    first = _first_record(text)
    if not first:
        return _fatal(None, 1, "unknown format: the file is empty")
    if file_format is None:
        file_format = detect_format(filename=path.name, first_record=first)
        if file_format is None:
            return _fatal(
                None,
                1,
                "unknown format: cannot tell from its name or first line whether this is an "
                "ODS trust file (etr), an ODS CCG file (eccg) or an ONS ICB list; say which "
                "with --kind",
            )
    file_format = FileFormat(file_format)
    if file_format == FileFormat.ICBS:
        return parse_icb_list(text)
    if file_format == FileFormat.TRUSTS:
        return parse_ods(text, file_format=file_format, eric=eric or {})
    if file_format == FileFormat.CCGS:
        return parse_ods(text, file_format=file_format)
    return _fatal(file_format, 1, f"unknown format: {file_format} is not an organisation file")


def _fatal(file_format: FileFormat | None, line: int, reason: str) -> ParseResult:
    return ParseResult(file_format=file_format, errors=[RowError(line, reason, fatal=True)])


def _parse_date(value: str, *, what: str, iso: bool = False) -> date | None:
    """None for an empty value; ValueError (with a reason for people) for a bad one."""
    value = value.strip()
    if not value:
        return None
    pattern, form = ("%Y-%m-%d", "YYYY-MM-DD") if iso else ("%Y%m%d", "YYYYMMDD")
    expected_length = 10 if iso else 8
    try:
        if len(value) != expected_length:
            raise ValueError
        return datetime.strptime(value, pattern).date()
    except ValueError:
        raise ValueError(f"{what} '{value}' is not a date in the form {form}") from None


class _RowChecker:
    """Collects the errors of one file and remembers codes, to catch duplicates."""

    def __init__(self, result: ParseResult):
        self.result = result
        self.first_seen: dict[str, int] = {}

    def error(self, line: int, reason: str) -> None:
        self.result.errors.append(RowError(line, reason))

    def code(self, line: int, value: str, *, column: str) -> str | None:
        code = value.strip().upper()
        if not code:
            self.error(line, f"missing organisation code ({column})")
            return None
        if not ODS_CODE.match(code):
            self.error(line, f"organisation code '{value.strip()}' is not a valid ODS code")
            return None
        if code in self.first_seen:
            self.error(line, f"duplicate code {code} (first seen on line {self.first_seen[code]})")
            return None
        self.first_seen[code] = line
        return code

    def name(self, line: int, value: str, *, column: str) -> str | None:
        name = " ".join(value.split())
        if has_control_characters(name):
            self.error(line, f"name contains control characters ({column})")
            return None
        if not name:
            self.error(line, f"missing name ({column})")
            return None
        if len(name) > 255:
            self.error(line, f"name is longer than 255 characters ({column})")
            return None
        return name

    def text(self, line: int, value: str, *, what: str, max_length: int) -> str:
        value = value.strip()
        if has_control_characters(value):
            self.error(line, f"{what} contains control characters")
            return ""
        if len(value) > max_length:
            self.error(line, f"{what} '{value}' is longer than {max_length} characters")
        return value[:max_length]

    def dates(
        self, line: int, opened: str, closed: str, *, columns: tuple[str, str], iso: bool = False
    ) -> tuple[bool, date | None, date | None]:
        ok, opened_on, closed_on = True, None, None
        try:
            opened_on = _parse_date(opened, what=f"open date ({columns[0]})", iso=iso)
        except ValueError as error:
            self.error(line, str(error))
            ok = False
        try:
            closed_on = _parse_date(closed, what=f"close date ({columns[1]})", iso=iso)
        except ValueError as error:
            self.error(line, str(error))
            ok = False
        if opened_on and closed_on and closed_on < opened_on:
            self.error(
                line,
                f"close date {closed.strip()} is before open date {opened.strip()}",
            )
            ok = False
        return ok, opened_on, closed_on


def parse_ods(
    text: str, *, file_format: FileFormat, eric: Mapping[str, EricType] | None = None
) -> ParseResult:
    """Parse an ODS etr (trusts) or eccg (CCGs) file: no header, 27 quoted columns."""
    result = ParseResult(file_format=file_format)
    check = _RowChecker(result)
    for line, record in _records(text):
        if len(record) == 4 and ICB_HEADER.match(record[0].strip().upper()):
            return _fatal(file_format, line, "unknown format: this is an ONS ICB list, not ODS")
        if len(record) != ODS_COLUMN_COUNT:
            check.error(line, f"expected {ODS_COLUMN_COUNT} columns, found {len(record)}")
            continue
        errors_before = len(result.errors)
        code = check.code(line, record[0], column="column 1")
        name = check.name(line, record[1], column="column 2")
        dates_ok, opened_on, closed_on = check.dates(
            line, record[10], record[11], columns=("column 11", "column 12")
        )
        region_code = check.text(line, record[2], what="national grouping", max_length=8).upper()
        geography = check.text(line, record[3], what="health geography", max_length=10).upper()
        postcode = check.text(line, record[9], what="postcode", max_length=10).upper()

        if file_format == FileFormat.CCGS:
            role = record[13].strip().upper()
            if role.startswith("RO"):
                return _fatal(
                    file_format,
                    line,
                    f"unknown format: column 14 holds ODS role codes ({role}), as in eccg "
                    "files from 2021 on (sub-ICB locations); only the CCG layout with C/H in "
                    "column 14 is supported",
                )
            if role not in {"C", "H"}:
                check.error(
                    line,
                    f"unknown organisation type '{record[13].strip()}' in column 14 "
                    "(expected C for a CCG or H for a commissioning hub)",
                )
                continue
        if len(result.errors) > errors_before or not (code and name and dates_ok):
            continue
        if is_outside_england(record):
            result.skipped.append(SkippedRow(line, code, "is not in England (a Welsh body)"))
            continue

        if file_format == FileFormat.CCGS:
            if role == "H":
                result.skipped.append(SkippedRow(line, code, "is a commissioning hub, not a CCG"))
                continue
            kind, basis, foundation = OrganisationKind.CCG, "file", False
        else:
            kind, basis = trust_kind(ods_code=code, name=name, eric=eric or {})
            foundation = is_foundation_trust_name(name)
        result.rows.append(
            OrganisationRow(
                line=line,
                ods_code=code,
                name=name,
                kind=kind,
                kind_basis=basis,
                is_foundation_trust=foundation,
                region_code=region_code,
                higher_health_geography=geography,
                postcode=postcode,
                opened_on=opened_on,
                closed_on=closed_on,
                fields=ODS_FIELDS,
            )
        )
    return result


def is_outside_england(record: list[str]) -> bool:
    """A Welsh row of an ODS file: national grouping W00 (or any W code), health geography Q99, or
    the GOR letter W in column 24. The programme is England's."""
    region = record[2].strip().upper()
    geography = record[3].strip().upper()
    gor = record[23].strip().upper() if len(record) > 23 else ""
    return region.startswith("W") or geography == "Q99" or gor == "W"


@dataclass(frozen=True)
class CcgFate:
    """What a later ODS CCG file says became of a CCG: closed on a date, or renamed as a
    sub-ICB location of the ICB whose code is in column 4 (then it closed as a CCG in 2022)."""

    ods_code: str
    closed_on: date
    successor_code: str = ""


def parse_ccg_fates(text: str) -> dict[str, CcgFate]:
    """Read an eccg file of 2021 or later (role codes in column 14): for each code, when it
    closed as a CCG and, for a sub-ICB location ("NHS DEVON ICB - 15N"), the ICB it became part
    of. Rows that say nothing of a closure are left out."""
    fates: dict[str, CcgFate] = {}
    for _line, record in _records(text):
        if len(record) != ODS_COLUMN_COUNT:
            continue
        code = record[0].strip().upper()
        closed = record[11].strip()
        role = record[13].strip().upper()
        geography = record[3].strip().upper()
        if closed:
            try:
                closed_on = _parse_date(closed, what="close date")
            except ValueError:
                continue
            if closed_on:
                fates[code] = CcgFate(code, closed_on)
        elif role == SUB_ICB_LOCATION and geography:
            fates[code] = CcgFate(code, CCGS_ABOLISHED_ON, successor_code=geography)
    return fates


def read_ccg_fates(path: Path = CCG_FATES) -> dict[str, CcgFate]:
    return parse_ccg_fates(_read_text(path))


def parse_icb_regions(text: str, *, current_regions: set[str]) -> dict[str, str]:
    """{ICB code: region code} from an eccg file of 2021 or later (the ONS ICB list itself gives
    no region): the region most of the ICB's open sub-ICB locations are in or, for an ICB with
    none, most of the closed CCGs of its area, counting only current regions."""
    open_rows: dict[str, Counter] = {}
    any_rows: dict[str, Counter] = {}
    for _line, record in _records(text):
        if len(record) != ODS_COLUMN_COUNT:
            continue
        icb, region = record[3].strip().upper(), record[2].strip().upper()
        if not icb or region not in current_regions:
            continue
        any_rows.setdefault(icb, Counter())[region] += 1
        if not record[11].strip() and record[13].strip().upper() == SUB_ICB_LOCATION:
            open_rows.setdefault(icb, Counter())[region] += 1
    found = {icb: counts.most_common(1)[0][0] for icb, counts in any_rows.items()}
    found.update({icb: counts.most_common(1)[0][0] for icb, counts in open_rows.items()})
    return found


def read_icb_regions(path: Path = CCG_FATES, *, current_regions: set[str]) -> dict[str, str]:
    return parse_icb_regions(_read_text(path), current_regions=current_regions)


def parse_icb_list(text: str) -> ParseResult:
    """Parse the ONS ICB names and codes list: header ICB24CD,ICB24CDH,ICB24NM,ObjectId.
    The ODS code is the ICB24CDH column."""
    result = ParseResult(file_format=FileFormat.ICBS)
    check = _RowChecker(result)
    records = _records(text)
    header_line, header = next(records, (1, []))
    if len(header) < 3 or not ICB_HEADER.match(header[0].strip().upper()):
        return _fatal(
            FileFormat.ICBS,
            header_line,
            "unknown format: expected the ONS header ICB24CD,ICB24CDH,ICB24NM,ObjectId",
        )
    width = len(header)
    for line, record in records:
        if len(record) != width:
            check.error(line, f"expected {width} columns, found {len(record)}")
            continue
        code = check.code(line, record[1], column=f"column 2, {header[1].strip()}")
        name = check.name(line, record[2], column=f"column 3, {header[2].strip()}")
        if code and name:
            result.rows.append(
                OrganisationRow(
                    line=line,
                    ods_code=code,
                    name=name,
                    kind=OrganisationKind.ICB,
                    fields=ICB_FIELDS,
                )
            )
    return result


def parse_national_bodies(text: str) -> ParseResult:
    """Parse orgs/data/national_bodies.csv: code,name,opened_on,closed_on,successor_code (ISO
    dates; successor_code is what a closed body became, and must be a code in the file)."""
    result = ParseResult(file_format=FileFormat.NATIONAL_BODIES)
    check = _RowChecker(result)
    records = _records(text)
    header_line, header = next(records, (1, []))
    expected = ["code", "name", "opened_on", "closed_on", "successor_code"]
    if [value.strip().lower() for value in header] != expected:
        return _fatal(
            FileFormat.NATIONAL_BODIES,
            header_line,
            f"unknown format: expected the header {','.join(expected)}",
        )
    for line, record in records:
        if len(record) != len(expected):
            check.error(line, f"expected {len(expected)} columns, found {len(record)}")
            continue
        code = check.code(line, record[0], column="code")
        name = check.name(line, record[1], column="name")
        dates_ok, opened_on, closed_on = check.dates(
            line, record[2], record[3], columns=("opened_on", "closed_on"), iso=True
        )
        successor = record[4].strip().upper()
        if successor and not closed_on:
            check.error(line, f"successor_code {successor} given for a body that has not closed")
            continue
        if code and name and dates_ok:
            result.rows.append(
                OrganisationRow(
                    line=line,
                    ods_code=code,
                    name=name,
                    kind=OrganisationKind.NATIONAL_BODY,
                    opened_on=opened_on,
                    closed_on=closed_on,
                    fields=NATIONAL_BODY_FIELDS,
                    successor_code=successor,
                )
            )
    codes = {row.ods_code for row in result.rows}
    for row in result.rows:
        if row.successor_code and row.successor_code not in codes:
            check.error(row.line, f"successor_code {row.successor_code} is not a body in this file")
    if result.errors:
        result.rows = []
    return result


def read_national_bodies(path: Path = SHIPPED_NATIONAL_BODIES) -> ParseResult:
    return parse_national_bodies(_read_text(path))


def parse_regions(text: str) -> tuple[list[RegionRow], list[RowError]]:
    """Parse orgs/data/derived/nhs_england_regions.csv
    (ods_code,ods_name,short_name,status,open_date,close_date,evidence)."""
    rows: list[RegionRow] = []
    result = ParseResult(file_format=None)
    check = _RowChecker(result)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    needed = {"ods_code", "ods_name", "short_name", "status", "open_date", "close_date"}
    missing = needed - set(reader.fieldnames or [])
    if missing:
        reason = f"unknown format: no {', '.join(sorted(missing))} column"
        return [], [RowError(1, reason, fatal=True)]
    for record in reader:
        line = reader.line_num
        code = check.code(line, record["ods_code"] or "", column="ods_code")
        name = check.name(line, record["ods_name"] or "", column="ods_name")
        short_name = check.name(line, record["short_name"] or "", column="short_name")
        status = (record["status"] or "").strip().lower()
        if status not in {"current", "legacy"}:
            check.error(line, f"status '{status}' is neither current nor legacy")
        dates_ok, opened_on, closed_on = check.dates(
            line,
            record["open_date"] or "",
            record["close_date"] or "",
            columns=("open_date", "close_date"),
        )
        if code and name and short_name and dates_ok and status in {"current", "legacy"}:
            rows.append(
                RegionRow(
                    line=line,
                    code=code,
                    name=name,
                    short_name=short_name,
                    is_current=status == "current",
                    opened_on=opened_on,
                    closed_on=closed_on,
                )
            )
    return rows, result.errors


def read_regions(path: Path = SHIPPED_REGIONS) -> tuple[list[RegionRow], list[RowError]]:
    return parse_regions(_read_text(path))


# --- Oversight segment lists ---------------------------------------------------------------------

SEGMENT_HEADER = ["code", "segment", "date"]


@dataclass(frozen=True)
class SegmentRow:
    line: int
    ods_code: str
    segment: int
    assigned_on: date


def parse_segment_list(
    text: str, *, lowest_segment: int, today: date
) -> tuple[list[SegmentRow], list[RowError]]:
    """Parse an oversight segment list: a CSV with the header code,segment,date (ODS code, the
    segment from 1 to the framework's lowest, the date it was given, YYYY-MM-DD, not in the
    future). Every bad line is reported with its number and reason."""
    rows: list[SegmentRow] = []
    errors: list[RowError] = []
    records = _records(text)
    header_line, header = next(records, (1, []))
    if [value.strip().lower().lstrip("\ufeff") for value in header] != SEGMENT_HEADER:
        return [], [
            RowError(
                header_line,
                "the first line must be the header code,segment,date",
                fatal=True,
            )
        ]
    seen: dict[str, int] = {}
    for line, record in records:
        if len(record) != len(SEGMENT_HEADER):
            errors.append(RowError(line, f"expected 3 columns, found {len(record)}"))
            continue
        code, segment_text, date_text = (value.strip() for value in record)
        problems = []
        code = code.upper()
        if not code:
            problems.append("the code is empty")
        elif not ODS_CODE.match(code):
            problems.append(f"'{code}' is not an ODS code")
        elif code in seen:
            problems.append(f"{code} is also on line {seen[code]}")
        segment = None
        if not segment_text.isdigit() or not 1 <= int(segment_text) <= lowest_segment:
            problems.append(
                f"segment '{segment_text}' is not a whole number from 1 to {lowest_segment}"
            )
        else:
            segment = int(segment_text)
        assigned_on = None
        try:
            assigned_on = _parse_date(date_text, what="date", iso=True)
            if assigned_on is None:
                problems.append("the date is empty")
            elif assigned_on > today:
                problems.append(f"the date {date_text} is in the future")
                assigned_on = None
        except ValueError as error:
            problems.append(str(error))
        if code and code not in seen:
            seen[code] = line
        if problems:
            errors.extend(RowError(line, problem) for problem in problems)
        elif segment is not None and assigned_on is not None:
            rows.append(SegmentRow(line, code, segment, assigned_on))
    if not rows and not errors:
        errors.append(RowError(header_line, "the file has a header but no rows", fatal=True))
    return rows, errors
