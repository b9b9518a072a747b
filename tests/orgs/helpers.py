"""Building ODS-style files for tests, and finding the newer real files in ../shared."""

from pathlib import Path

import pytest
from django.conf import settings

from orgs import importers

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data" / "nhs-orgs"
# Shipped with the service since it loads today's England (orgs/data).
ETR_2026 = importers.SHIPPED_TRUSTS
ICB_2024 = importers.SHIPPED_ICBS
ETR_2015 = importers.PROGRAMME_TRUSTS


def shared_file(path: Path) -> Path:
    """The path, or skip the test when the shared data folder is not next to the project."""
    if not path.exists():
        pytest.skip(f"needs {path} (the shared NHS data folder beside the project); not found")
    return path


def ods_line(
    code: str,
    name: str,
    *,
    region: str = "Y56",
    geography: str = "Q71",
    postcode: str = "SE1 9RT",
    opened: str = "20100401",
    closed: str = "",
    column_14: str = "",
    columns: int = 27,
) -> str:
    """One line of an ODS e*.csv file: 27 quoted columns, no header."""
    values = [""] * 27
    values[0], values[1], values[2], values[3] = code, name, region, geography
    values[9], values[10], values[11], values[13] = postcode, opened, closed, column_14
    values[21] = "0"
    return ",".join(f'"{value}"' for value in values[:columns])


def write_ods(tmp_path: Path, lines: list[str], filename: str = "etr.csv") -> Path:
    path = tmp_path / filename
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")
    return path
