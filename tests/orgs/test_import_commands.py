"""The load_organisations and import_ods commands, and the import service under them."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from orgs.models import Organisation, OrganisationKind, Region
from orgs.services import organisation_file_import
from tests.orgs.factories import OrganisationFactory
from tests.orgs.helpers import ETR_2026, ICB_2024, ods_line, shared_file, write_ods

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def history_rows() -> int:
    return Organisation.history.count()


@pytest.fixture
def defaults():
    run("load_organisations")


def kinds_of(queryset) -> dict[str, int]:
    return {kind: queryset.filter(kind=kind).count() for kind in OrganisationKind.values}


def test_loading_the_shipped_data_gives_237_trusts_209_ccgs_and_7_national_bodies():
    output = run("load_organisations")

    assert Organisation.objects.count() == 453
    assert Organisation.objects.trusts().count() == 237
    assert Organisation.objects.filter(kind=OrganisationKind.CCG).count() == 209
    assert Organisation.objects.national_bodies().count() == 7
    assert kinds_of(Organisation.objects.all()) == {
        "acute_trust": 157,
        "mental_health_trust": 48,
        "community_trust": 19,
        "ambulance_trust": 11,
        "other_trust": 2,  # Velindre and Public Health Wales: not in ERIC
        "ccg": 209,
        "icb": 0,
        "national_body": 7,
    }
    assert Organisation.objects.filter(is_foundation_trust=True).count() == 153
    assert Region.objects.count() == 10
    assert Organisation.objects.filter(closed_on__isnull=False).count() == 0
    assert output.strip() == (
        "Organisations: 453 created (237 trusts, 209 CCGs, 7 national bodies), "
        "0 already present, 453 in all; regions: 10 created, 0 already present."
    )


def test_the_shipped_trusts_have_their_region_kind_and_dates(defaults):
    guys = Organisation.objects.get(ods_code="RJ1")
    assert guys.display_name == "Guy's and St Thomas' NHS Foundation Trust"
    assert guys.kind == OrganisationKind.ACUTE_TRUST
    assert guys.is_foundation_trust
    assert guys.region.code == "Y56"
    assert guys.higher_health_geography == "Q71"
    assert guys.source == "orgs/data/ods_etr_2015-10/etr.csv"
    assert Organisation.objects.get(ods_code="RV3").kind == OrganisationKind.MENTAL_HEALTH_TRUST
    assert Organisation.objects.get(ods_code="RYW").kind == OrganisationKind.COMMUNITY_TRUST
    assert Organisation.objects.get(ods_code="RRU").kind == OrganisationKind.AMBULANCE_TRUST
    # Welsh trusts: national grouping W00 is not an NHS England region.
    assert Organisation.objects.get(ods_code="RT4").region is None
    assert Organisation.objects.get(ods_code="RT4").kind == OrganisationKind.AMBULANCE_TRUST
    # Trusts the 2015 file lists as closed are not loaded.
    assert not Organisation.objects.filter(ods_code__in=["R1G", "RFW"]).exists()


def test_loading_the_shipped_data_again_changes_nothing(defaults):
    history = history_rows()
    output = run("load_organisations")
    assert "0 created (0 trusts, 0 CCGs, 0 national bodies), 453 already present" in output
    assert Organisation.objects.count() == 453
    assert history_rows() == history


def test_loading_the_shipped_data_keeps_what_administrators_changed(defaults):
    Organisation.objects.filter(ods_code="NB-DH").update(
        name="DEPARTMENT OF HEALTH AND SOCIAL CARE"
    )
    run("load_organisations")
    assert Organisation.objects.get(ods_code="NB-DH").name == "DEPARTMENT OF HEALTH AND SOCIAL CARE"


def test_importing_the_same_file_twice_changes_nothing_the_second_time():
    run("load_organisations")
    first = run("import_ods", "orgs/data/ods_etr_2015-10/etr.csv")
    history = history_rows()
    second = run("import_ods", "orgs/data/ods_etr_2015-10/etr.csv")

    assert "2 created, 0 updated, 0 closed, 237 unchanged, 0 skipped" in first
    assert "0 created, 0 updated, 0 closed, 239 unchanged, 0 skipped" in second
    assert history_rows() == history


def test_the_2026_trust_file_renames_and_closes_organisations_and_adds_new_ones(defaults):
    path = shared_file(ETR_2026)
    output = run("import_ods", str(path), "--open-only")

    assert (
        "ods_etr_2026/etr.csv: 6 created, 197 updated, 40 closed, 0 unchanged, 31 skipped" in output
    )
    devon = Organisation.objects.get(ods_code="RH8")
    assert devon.display_name == "Royal Devon University Healthcare NHS Foundation Trust"
    assert devon.region.code == "Y58"
    assert devon.source == "ods_etr_2026/etr.csv"
    assert devon.history.count() == 2
    assert Organisation.objects.get(ods_code="RQ3").name.startswith("BIRMINGHAM WOMEN'S AND")
    solent = Organisation.objects.get(ods_code="R1C")
    assert str(solent.closed_on) == "2024-09-30"
    assert not solent.is_open
    assert Organisation.objects.trusts().filter(closed_on__isnull=False).count() == 40
    # --open-only: trusts that opened and closed between the two files are not created...
    assert not Organisation.objects.filter(ods_code="R1G").exists()
    # ...but new open ones are, with a kind from ERIC when it knows them.
    assert Organisation.objects.get(ods_code="K0N6A").kind == OrganisationKind.OTHER_TRUST
    assert Organisation.objects.trusts().open_on().count() == 200 + 3  # England + Wales


def test_importing_the_2026_file_again_changes_nothing(defaults):
    path = str(shared_file(ETR_2026))
    run("import_ods", path, "--open-only")
    history = history_rows()
    output = run("import_ods", path, "--open-only")
    assert "0 created, 0 updated, 0 closed, 243 unchanged, 31 skipped" in output
    assert history_rows() == history


def test_the_ons_icb_list_imports_42_integrated_care_boards():
    path = shared_file(ICB_2024)
    output = run("import_ods", str(path))
    assert "42 created, 0 updated, 0 closed, 0 unchanged, 0 skipped" in output
    assert Organisation.objects.filter(kind=OrganisationKind.ICB).count() == 42
    icb = Organisation.objects.get(ods_code="QYG")
    assert icb.display_name == "NHS Cheshire and Merseyside Integrated Care Board"
    assert icb.region is None


@pytest.fixture
def malformed_file(tmp_path):
    return write_ods(
        tmp_path,
        [
            ods_line("RJ1", "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST"),
            ods_line("RH8", "ROYAL DEVON AND EXETER NHS FOUNDATION TRUST", columns=26),
            ods_line(
                "RQ3", "BIRMINGHAM CHILDREN'S HOSPITAL NHS FOUNDATION TRUST", opened="1.4.2010"
            ),
            ods_line("RV3", "  "),
            ods_line(
                "RYW", "BIRMINGHAM COMMUNITY HEALTHCARE", opened="20150401", closed="20140331"
            ),
            ods_line("RJ1", "GUY'S AGAIN"),
            ods_line("RX9", "EAST MIDLANDS AMBULANCE SERVICE NHS TRUST"),
        ],
    )


def test_a_malformed_file_imports_nothing_and_lists_every_bad_line(malformed_file):
    with pytest.raises(CommandError) as raised:
        run("import_ods", str(malformed_file), "--kind", "trusts")

    message = str(raised.value)
    assert "5 bad rows; nothing imported" in message
    assert "line 2: expected 27 columns, found 26" in message
    assert "line 3: open date (column 11) '1.4.2010' is not a date in the form YYYYMMDD" in message
    assert "line 4: missing name (column 2)" in message
    assert "line 5: close date 20140331 is before open date 20150401" in message
    assert "line 6: duplicate code RJ1 (first seen on line 1)" in message
    assert "--skip-bad-rows" in message
    assert Organisation.objects.count() == 0
    assert history_rows() == 0


def test_with_skip_bad_rows_the_good_rows_are_saved_and_the_bad_ones_listed(malformed_file):
    output = run("import_ods", str(malformed_file), "--skip-bad-rows")

    assert set(Organisation.objects.values_list("ods_code", flat=True)) == {"RJ1", "RX9"}
    assert "2 created, 0 updated, 0 closed, 0 unchanged, 5 skipped" in output
    for line in (2, 3, 4, 5, 6):
        assert f"Skipped bad row line {line}: " in output


def test_a_dry_run_reports_the_changes_but_saves_nothing():
    output = run("import_ods", "orgs/data/ods_etr_2015-10/etr.csv", "--dry-run")
    assert "239 created" in output
    assert "Dry run: nothing was saved" in output
    assert Organisation.objects.count() == 0


def test_a_file_that_cannot_be_read_is_rejected_even_when_bad_rows_may_be_skipped(tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text('"Y56","LONDON COMMISSIONING REGION"\r\n')
    with pytest.raises(CommandError, match="unknown format: cannot tell"):
        run("import_ods", str(path), "--skip-bad-rows")


def test_open_only_does_not_create_closed_organisations_but_does_close_existing_ones(tmp_path):
    OrganisationFactory(ods_code="RA3", name="WESTON AREA HEALTH NHS TRUST")
    path = write_ods(
        tmp_path,
        [
            ods_line("RA3", "WESTON AREA HEALTH NHS TRUST", closed="20200331"),
            ods_line("RBA", "TAUNTON AND SOMERSET NHS FOUNDATION TRUST", closed="20200331"),
            ods_line("RJ1", "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST"),
        ],
    )
    result = organisation_file_import(path=path, open_only=True, source="test")

    assert result.counts() == {
        "created": 1,
        "updated": 0,
        "closed": 1,
        "unchanged": 0,
        "skipped": 1,
    }
    assert str(Organisation.objects.get(ods_code="RA3").closed_on) == "2020-03-31"
    assert not Organisation.objects.filter(ods_code="RBA").exists()


def test_a_kind_guessed_from_the_name_does_not_replace_a_known_kind(tmp_path):
    OrganisationFactory(
        ods_code="ZZ1", name="NEW MENTAL HEALTH NHS TRUST", kind="mental_health_trust"
    )
    path = write_ods(tmp_path, [ods_line("ZZ1", "RENAMED MENTAL HEALTH NHS TRUST")])
    organisation_file_import(path=path, source="test")
    organisation = Organisation.objects.get(ods_code="ZZ1")
    assert organisation.name == "RENAMED MENTAL HEALTH NHS TRUST"
    assert organisation.kind == OrganisationKind.MENTAL_HEALTH_TRUST


def test_an_unknown_region_code_leaves_the_region_empty_and_is_reported(tmp_path):
    path = write_ods(tmp_path, [ods_line("ZZ2", "SOMEWHERE NHS TRUST", region="Y99")])
    output = run("import_ods", str(path))
    assert Organisation.objects.get(ods_code="ZZ2").region is None
    assert "region code Y99, which is not a known NHS England region" in output


def test_each_change_is_recorded_in_the_history_with_its_source(tmp_path):
    first = write_ods(tmp_path, [ods_line("ZZ3", "OLD NAME NHS TRUST")], filename="etr.csv")
    organisation_file_import(path=first, source="first/etr.csv")
    second = write_ods(tmp_path, [ods_line("ZZ3", "NEW NAME NHS TRUST")], filename="etr2.csv")
    organisation_file_import(path=second, source="second/etr.csv")

    reasons = list(
        Organisation.objects.get(ods_code="ZZ3")
        .history.order_by("history_date")
        .values_list("history_change_reason", flat=True)
    )
    assert reasons == ["Imported from first/etr.csv", "Imported from second/etr.csv: name changed"]
