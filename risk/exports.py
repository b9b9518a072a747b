"""The filtered at-risk table as CSV or XLSX: every matching row, not just the page on screen."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone

from . import scoring
from .models import LatestRisk

HEADINGS = [
    "Post",
    "Organisation",
    "ODS code",
    "Region",
    "Organisation kind",
    "Role",
    "Top 200",
    "Score",
    "Band",
    "Factors",
    "Method version",
    "Assessed at",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_rows(rows: QuerySet[LatestRisk]) -> Iterator[list]:
    for row in rows.iterator(chunk_size=2000):
        post = row.post
        organisation = post.organisation
        yield [
            _safe(post.title),
            _safe(organisation.display_name),
            organisation.ods_code,
            organisation.region.short_name if organisation.region else "",
            organisation.get_kind_display(),
            post.get_role_display(),
            "Yes" if post.is_top_200 else "No",
            row.score,
            scoring.BAND_LABELS.get(row.band, row.band),
            "; ".join(scoring.FACTOR_LABELS.get(key, key) for key in row.factors),
            row.method_version,
            timezone.localtime(row.assessed_at).strftime("%Y-%m-%d %H:%M"),
        ]


def as_csv(rows: QuerySet[LatestRisk]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    writer.writerows(export_rows(rows))
    # A byte-order mark so that Excel reads the en dashes and accents as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(rows: QuerySet[LatestRisk]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Posts at risk")
    bold = Font(bold=True)
    header = []
    for heading in HEADINGS:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for values in export_rows(rows):
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
