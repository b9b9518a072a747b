"""Reading ODS, ONS and ERIC files: pure parsing, no database."""

from datetime import date

import pytest

from orgs import importers
from orgs.importers import FileFormat, trust_kind
from orgs.models import OrganisationKind
from tests.orgs.helpers import ods_line, write_ods


@pytest.fixture(scope="module")
def eric():
    return importers.read_eric(importers.SHIPPED_ERIC)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("RJ1", OrganisationKind.ACUTE_TRUST),  # ACUTE - TEACHING
        ("RH8", OrganisationKind.ACUTE_TRUST),  # ACUTE - LARGE
        ("RQ3", OrganisationKind.ACUTE_TRUST),  # ACUTE - SPECIALIST
        ("RV3", OrganisationKind.MENTAL_HEALTH_TRUST),
        ("RYW", OrganisationKind.COMMUNITY_TRUST),
        ("RX9", OrganisationKind.AMBULANCE_TRUST),  # East Midlands Ambulance Service
        ("RYC", OrganisationKind.AMBULANCE_TRUST),  # East of England Ambulance Service
    ],
)
def test_eric_trust_types_give_the_kind_of_trust(eric, code, kind):
    assert trust_kind(ods_code=code, name="ANY NHS TRUST", eric=eric)[0] == kind


def test_a_trust_classed_care_trust_in_its_latest_years_takes_its_latest_other_type(eric):
    # R1J Gloucestershire Care Services: CARE TRUST 2015/16–2018/19, COMMUNITY in 2014/15.
    kind, basis = trust_kind(ods_code="R1J", name="GLOUCESTERSHIRE CARE SERVICES", eric=eric)
    assert kind == OrganisationKind.COMMUNITY_TRUST
    assert basis == "ERIC 2014/15: COMMUNITY"


def test_a_code_only_ever_classed_care_trust_gets_its_kind_from_its_name(eric):
    assert "5NA" not in eric  # a primary care trust, "CARE TRUST" in every year it appears
    assert trust_kind(ods_code="5NA", name="SOME PCT", eric=eric)[0] == "other_trust"


def test_trusts_not_in_eric_are_ambulance_trusts_by_name_or_else_other_trusts(eric):
    welsh_ambulance = trust_kind(
        ods_code="RT4", name="WELSH AMBULANCE SERVICES NHS TRUST", eric=eric
    )
    velindre = trust_kind(ods_code="RQF", name="VELINDRE NHS TRUST", eric=eric)
    assert welsh_ambulance == (OrganisationKind.AMBULANCE_TRUST, importers.KIND_FROM_NAME)
    assert velindre == (OrganisationKind.OTHER_TRUST, importers.KIND_FROM_NAME)


def test_foundation_trust_status_comes_from_the_name(tmp_path):
    path = write_ods(
        tmp_path,
        [
            ods_line("RJ1", "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST"),
            ods_line("RQF", "VELINDRE NHS TRUST"),
        ],
    )
    result = importers.parse_organisation_file(path, eric={})
    assert [row.is_foundation_trust for row in result.rows] == [True, False]


def test_the_programmes_trust_file_has_234_open_english_trusts_and_3_welsh_left_out(eric):
    result = importers.parse_organisation_file(importers.PROGRAMME_TRUSTS, eric=eric)
    assert result.file_format == FileFormat.TRUSTS
    assert not result.errors
    assert len(result.rows) == 236
    assert sum(1 for row in result.rows if row.closed_on is None) == 234
    assert [skipped.ods_code for skipped in result.skipped] == ["RQF", "RT4", "RYT"]
    assert {skipped.reason for skipped in result.skipped} == {"is not in England (a Welsh body)"}


def test_todays_trust_file_has_200_open_english_trusts(eric):
    result = importers.parse_organisation_file(importers.SHIPPED_TRUSTS, eric=eric)
    assert not result.errors
    assert sum(1 for row in result.rows if row.closed_on is None) == 200
    assert len(result.skipped) == 3  # Velindre, the Welsh Ambulance Service, Public Health Wales


def test_the_2025_ccg_file_says_when_each_ccg_closed_and_which_icb_it_became_part_of():
    fates = importers.read_ccg_fates()
    assert fates["08J"] == importers.CcgFate("08J", date(2020, 3, 31))  # Kingston CCG
    assert fates["15N"] == importers.CcgFate("15N", date(2022, 6, 30), successor_code="QJK")
    assert sum(1 for fate in fates.values() if fate.successor_code) == 100


def test_icb_regions_come_from_their_sub_icb_locations():
    regions = importers.read_icb_regions(current_regions={"Y56", "Y58"})
    assert regions["QJK"] == "Y58"  # NHS Devon
    assert regions["QKK"] == "Y56"  # NHS South East London
    assert "QHM" not in regions  # North East and North Cumbria: not a region asked for


def test_commissioning_hubs_in_the_ccg_file_are_skipped_not_taken_for_ccgs():
    result = importers.parse_organisation_file(importers.PROGRAMME_CCGS)
    assert result.file_format == FileFormat.CCGS
    assert not result.errors
    assert len(result.rows) == 212  # 209 open CCGs and 3 closed ones
    assert {row.kind for row in result.rows} == {OrganisationKind.CCG}
    assert len(result.skipped) == 37
    assert all("commissioning hub" in skipped.reason for skipped in result.skipped)


def test_a_malformed_file_reports_every_bad_line_with_its_number_and_reason(tmp_path):
    path = write_ods(
        tmp_path,
        [
            ods_line("RJ1", "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST"),
            ods_line("RH8", "ROYAL DEVON AND EXETER NHS FOUNDATION TRUST", columns=24),
            ods_line(
                "RQ3", "BIRMINGHAM CHILDREN'S HOSPITAL NHS FOUNDATION TRUST", opened="2010-04-01"
            ),
            ods_line("RV3", ""),
            ods_line("", "A TRUST WITH NO CODE"),
            ods_line(
                "RYW", "BIRMINGHAM COMMUNITY HEALTHCARE", opened="20150401", closed="20140331"
            ),
            ods_line("RJ1", "GUY'S AGAIN"),
            ods_line("RX9", "EAST MIDLANDS AMBULANCE SERVICE NHS TRUST", closed="20151332"),
        ],
    )
    result = importers.parse_organisation_file(path, eric={})
    assert [str(error) for error in result.errors] == [
        "line 2: expected 27 columns, found 24",
        "line 3: open date (column 11) '2010-04-01' is not a date in the form YYYYMMDD",
        "line 4: missing name (column 2)",
        "line 5: missing organisation code (column 1)",
        "line 6: close date 20140331 is before open date 20150401",
        "line 7: duplicate code RJ1 (first seen on line 1)",
        "line 8: close date (column 12) '20151332' is not a date in the form YYYYMMDD",
    ]
    assert [row.ods_code for row in result.rows] == ["RJ1"]
    assert result.is_readable


def test_an_unknown_organisation_type_in_a_ccg_file_is_a_bad_row(tmp_path):
    path = write_ods(
        tmp_path,
        [
            ods_line("00C", "NHS DARLINGTON CCG", column_14="C"),
            ods_line("99X", "ODD", column_14="Z"),
        ],
        filename="eccg.csv",
    )
    result = importers.parse_organisation_file(path)
    assert [str(error) for error in result.errors] == [
        "line 2: unknown organisation type 'Z' in column 14 "
        "(expected C for a CCG or H for a commissioning hub)"
    ]


def test_the_format_comes_from_the_header_or_the_file_name():
    assert importers.detect_format(filename="x.csv", first_record=["ICB24CD", "ICB24CDH"]) == "icbs"
    assert importers.detect_format(filename="eccg.csv", first_record=["00C"]) == "ccgs"
    assert importers.detect_format(filename="etr_2026.csv", first_record=["R0A"]) == "trusts"
    assert importers.detect_format(filename="eauth.csv", first_record=["Y56"]) is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "line 1: unknown format: the file is empty"),
        ('"Y56","LONDON"\r\n', "line 1: unknown format: cannot tell"),
    ],
)
def test_a_file_of_unknown_format_cannot_be_read_at_all(tmp_path, content, reason):
    path = tmp_path / "organisations.csv"
    path.write_text(content, encoding="utf-8")
    result = importers.parse_organisation_file(path)
    assert not result.is_readable
    assert str(result.errors[0]).startswith(reason)


def test_an_icb_list_must_start_with_the_ons_header(tmp_path):
    path = tmp_path / "icbs.csv"
    path.write_text("E54000008,QYG,NHS Cheshire and Merseyside Integrated Care Board,1\n")
    result = importers.parse_organisation_file(path, file_format="icbs")
    assert not result.is_readable
    assert "expected the ONS header ICB24CD,ICB24CDH,ICB24NM,ObjectId" in str(result.errors[0])


def test_line_numbers_count_blank_lines_and_the_header(tmp_path):
    text = "ICB24CD,ICB24CDH,ICB24NM,ObjectId\n\nE54000008,QYG,NHS Cheshire,1\nE54000010,,NHS X,2\n"
    result = importers.parse_icb_list(text)
    assert [str(error) for error in result.errors] == [
        "line 4: missing organisation code (column 2, ICB24CDH)"
    ]
    assert result.rows[0].line == 3


def test_the_regions_and_national_bodies_files_are_well_formed():
    regions, errors = importers.read_regions()
    assert not errors
    assert len(regions) == 10
    assert sum(region.is_current for region in regions) == 7
    bodies = importers.read_national_bodies()
    assert not bodies.errors
    assert [row.name for row in bodies.rows if not row.closed_on] == [
        "NHS ENGLAND",
        "DEPARTMENT OF HEALTH AND SOCIAL CARE",
        "CARE QUALITY COMMISSION",
        "NATIONAL INSTITUTE FOR HEALTH AND CARE EXCELLENCE",
        "UK HEALTH SECURITY AGENCY",
        "OFFICE FOR HEALTH IMPROVEMENT AND DISPARITIES",
    ]
    assert {row.ods_code: row.successor_code for row in bodies.rows if row.closed_on} == {
        "NB-NHSI": "X24",
        "NB-HEE": "X24",
        "NB-NHSD": "X24",
        "NB-PHE": "NB-UKHSA",
        "NB-DH": "NB-DHSC",
    }


def test_a_national_bodies_file_with_a_successor_that_is_not_in_it_is_refused():
    text = "code,name,opened_on,closed_on,successor_code\nNB-A,A BODY,2010-01-01,2020-01-01,NB-Z\n"
    result = importers.parse_national_bodies(text)
    assert result.rows == []
    assert [(error.line, error.reason) for error in result.errors] == [
        (2, "successor_code NB-Z is not a body in this file")
    ]
    open_with_successor = "code,name,opened_on,closed_on,successor_code\nNB-A,A BODY,,,NB-A\n"
    assert importers.parse_national_bodies(open_with_successor).errors[0].reason == (
        "successor_code NB-A given for a body that has not closed"
    )
