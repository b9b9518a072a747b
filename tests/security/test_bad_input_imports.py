"""Control characters in the ODS import are bad rows, reported with their line; the import
refuses the file, or skips those rows with --skip-bad-rows (docs/adr/0014-bad-input.md)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from orgs.importers import parse_organisation_file
from orgs.models import Organisation
from tests.orgs.helpers import ods_line, write_ods

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def file_with_control_characters(tmp_path):
    return write_ods(
        tmp_path,
        [
            ods_line("RJ1", "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST"),
            ods_line("RX9", "EAST MIDLANDS\x00 AMBULANCE SERVICE NHS TRUST"),
            ods_line("RYW", "BIRMINGHAM COMMUNITY HEALTHCARE", postcode="B7\x01 4BN"),
            ods_line("RA3", "WESTON AREA HEALTH NHS TRUST", geography="Q\x1b7"),
        ],
    )


def test_control_characters_in_an_ods_file_are_bad_rows_with_their_line(
    file_with_control_characters,
):
    result = parse_organisation_file(file_with_control_characters)

    assert [row.ods_code for row in result.rows] == ["RJ1"]
    assert [(error.line, error.reason) for error in result.errors] == [
        (2, "name contains control characters (column 2)"),
        (3, "postcode contains control characters"),
        (4, "health geography contains control characters"),
    ]


def test_the_import_refuses_a_file_with_control_characters_and_saves_nothing(
    file_with_control_characters,
):
    with pytest.raises(CommandError) as raised:
        run("import_ods", str(file_with_control_characters), "--kind", "trusts")

    assert "line 2: name contains control characters (column 2)" in str(raised.value)
    assert Organisation.objects.count() == 0


def test_with_skip_bad_rows_the_rows_with_control_characters_are_skipped_and_listed(
    file_with_control_characters,
):
    output = run("import_ods", str(file_with_control_characters), "--skip-bad-rows")

    assert list(Organisation.objects.values_list("ods_code", flat=True)) == ["RJ1"]
    assert "Skipped bad row line 2: name contains control characters" in output
    assert "\x00" not in "".join(Organisation.objects.values_list("name", flat=True))
