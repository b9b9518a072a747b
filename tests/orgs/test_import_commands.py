"""The load_organisations and import_ods commands, and the import service under them."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from orgs import importers
from orgs.models import Organisation, OrganisationKind, Region
from orgs.services import organisation_file_import, regions_import
from tests.orgs.factories import OrganisationFactory
from tests.orgs.helpers import ETR_2015, ETR_2026, ICB_2024, ods_line, shared_file, write_ods

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


def test_loading_the_shipped_data_gives_todays_england_and_the_programme_as_history():
    output = run("load_organisations")

    assert Organisation.objects.count() == 502
    assert kinds_of(Organisation.objects.all()) == {
        "acute_trust": 160,
        "mental_health_trust": 49,
        "community_trust": 19,
        "ambulance_trust": 10,
        "other_trust": 2,
        "ccg": 209,
        "icb": 42,
        "national_body": 11,
    }
    today = Organisation.objects.open_on()
    assert today.trusts().count() == 200
    assert today.filter(kind=OrganisationKind.ICB).count() == 42
    assert today.national_bodies().count() == 6
    assert not today.filter(kind=OrganisationKind.CCG).exists()
    assert Region.objects.count() == 10
    assert output.strip() == (
        "Organisations: 502 created (42 ICBs, 200 trusts, 40 closed trusts, 209 CCGs, "
        "11 national bodies), 0 already present, 502 in all; regions: 10 created, "
        "0 already present."
    )


def test_todays_trusts_have_their_region_kind_icb_and_dates(defaults):
    guys = Organisation.objects.get(ods_code="RJ1")
    assert guys.display_name == "Guy's and St Thomas' NHS Foundation Trust"
    assert guys.kind == OrganisationKind.ACUTE_TRUST
    assert guys.is_foundation_trust
    assert guys.region.code == "Y56"
    assert guys.icb.ods_code == "QKK"
    assert guys.source == "orgs/data/ods_etr_2026/etr.csv"
    assert Organisation.objects.get(ods_code="RH8").display_name == (
        "Royal Devon University Healthcare NHS Foundation Trust"
    )
    # The programme is England's: Welsh bodies are left out.
    assert not Organisation.objects.filter(ods_code__in=["RT4", "RQF", "RYT"]).exists()
    # A programme trust that has closed since is kept, closed on the 2026 file's date...
    solent = Organisation.objects.get(ods_code="R1C")
    assert str(solent.closed_on) == "2024-09-30"
    # ...but one that opened and closed between the two files is not created.
    assert not Organisation.objects.filter(ods_code="R1G").exists()


def test_every_current_region_finds_organisations_and_every_icb_has_one(defaults):
    for region in Region.objects.filter(is_current=True):
        assert Organisation.objects.open_on().filter(region=region).count() >= 20, region
    assert not Organisation.objects.filter(kind=OrganisationKind.ICB, region=None).exists()


def test_a_trust_whose_icb_code_is_not_in_the_icb_list_is_kept_with_its_code(defaults):
    unknown = [
        organisation for organisation in Organisation.objects.trusts().open_on().filter(icb=None)
    ]
    assert len(unknown) == 53
    assert all(organisation.unknown_icb_code for organisation in unknown)
    assert Organisation.objects.get(ods_code="RV3").unknown_icb_code == "Z9B2Z"
    assert Organisation.objects.trusts().open_on().exclude(icb=None).count() == 147


def test_the_2016_ccgs_are_closed_with_their_icb_where_the_2025_file_shows_it(defaults):
    ccgs = Organisation.objects.filter(kind=OrganisationKind.CCG)
    assert ccgs.count() == 209
    assert not ccgs.filter(closed_on=None).exists()
    north_durham = ccgs.get(ods_code="00L")  # "NHS NORTH EAST AND NORTH CUMBRIA ICB - 00L"
    assert str(north_durham.closed_on) == "2022-06-30"
    assert north_durham.successor.ods_code == "QHM"
    new_devon = ccgs.get(ods_code="99P")  # merged into Devon CCG in 2019: successor not shown
    assert str(new_devon.closed_on) == "2019-03-31"
    assert new_devon.successor is None
    assert ccgs.exclude(successor=None).count() == 71


def test_national_bodies_are_todays_and_the_abolished_say_what_they_became(defaults):
    bodies = Organisation.objects.national_bodies()
    assert sorted(bodies.open_on().values_list("ods_code", flat=True)) == [
        "NB-CQC",
        "NB-DHSC",
        "NB-NICE",
        "NB-OHID",
        "NB-UKHSA",
        "X24",
    ]
    became = {body.ods_code: body.successor.ods_code for body in bodies.exclude(successor=None)}
    assert became == {
        "NB-DH": "NB-DHSC",
        "NB-HEE": "X24",
        "NB-NHSD": "X24",
        "NB-NHSI": "X24",
        "NB-PHE": "NB-UKHSA",
    }


def test_loading_the_shipped_data_again_changes_nothing(defaults):
    history = history_rows()
    output = run("load_organisations")
    assert "0 created (0 ICBs, 0 trusts, 0 closed trusts, 0 CCGs, 0 national bodies)" in output
    assert Organisation.objects.count() == 502
    assert history_rows() == history


def test_loading_the_shipped_data_keeps_what_administrators_changed(defaults):
    Organisation.objects.filter(ods_code="NB-CQC").update(name="THE CARE QUALITY COMMISSION")
    Organisation.objects.filter(ods_code="NB-NHSI").update(closed_on="2022-07-31", successor=None)
    run("load_organisations")
    assert Organisation.objects.get(ods_code="NB-CQC").name == "THE CARE QUALITY COMMISSION"
    nhsi = Organisation.objects.get(ods_code="NB-NHSI")
    assert str(nhsi.closed_on) == "2022-07-31"
    # No successor was held, so the shipped one is recorded.
    assert nhsi.successor.ods_code == "X24"


def test_an_installation_loaded_with_the_2016_lists_has_its_closures_recorded():
    OrganisationFactory(
        ods_code="99P",
        name="NHS NORTHERN, EASTERN AND WESTERN DEVON CCG",
        kind=OrganisationKind.CCG,
    )
    OrganisationFactory(
        ods_code="NB-NHSI", name="NHS IMPROVEMENT", kind=OrganisationKind.NATIONAL_BODY
    )
    run("load_organisations")
    devon = Organisation.objects.get(ods_code="99P")
    assert str(devon.closed_on) == "2019-03-31"
    assert devon.history.first().history_change_reason.startswith("Closed, as")
    nhsi = Organisation.objects.get(ods_code="NB-NHSI")
    assert str(nhsi.closed_on) == "2022-06-30"
    assert nhsi.successor.ods_code == "X24"


def test_importing_the_same_file_twice_changes_nothing_the_second_time():
    first = run("import_ods", str(ETR_2015))
    history = history_rows()
    second = run("import_ods", str(ETR_2015))

    assert "236 created, 0 updated, 0 closed, 0 unchanged, 3 skipped" in first
    assert "0 created, 0 updated, 0 closed, 236 unchanged, 3 skipped" in second
    assert history_rows() == history


@pytest.fixture
def installed_in_2016():
    """An installation that loaded the regions and the programme's 2015 trust list (as the
    service once did)."""
    regions_import(rows=importers.read_regions()[0])
    run("import_ods", str(ETR_2015), "--open-only")


def test_the_2026_trust_file_renames_and_closes_organisations_and_adds_new_ones(
    installed_in_2016,
):
    output = run("import_ods", str(ETR_2026), "--open-only")

    assert "ods_etr_2026/etr.csv: 6 created, 194 updated, 40 closed, 0 unchanged, 34 skipped" in (
        output
    )
    devon = Organisation.objects.get(ods_code="RH8")
    assert devon.display_name == "Royal Devon University Healthcare NHS Foundation Trust"
    assert devon.region.code == "Y58"
    assert devon.source == "orgs/data/ods_etr_2026/etr.csv"
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
    assert Organisation.objects.trusts().open_on().count() == 200


def test_importing_the_2026_file_again_changes_nothing(installed_in_2016):
    run("import_ods", str(ETR_2026), "--open-only")
    history = history_rows()
    output = run("import_ods", str(ETR_2026), "--open-only")
    assert "0 created, 0 updated, 0 closed, 240 unchanged, 34 skipped" in output
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
    assert "236 created" in output
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
