"""The demo's texts are YAML files in demo/data/, read once by demo.texts."""

import random
from collections import Counter

from demo.accounts import DEMO_ACCOUNTS, DEMO_ADMIN_CODES, DEMO_PASSWORD, EQUALITY_ANALYST
from demo.boards.names import (
    FIRST_NAMES,
    SURNAMES,
    WOMEN_FIRST_NAMES,
    _commissioner_layout,
    _trust_layout,
)
from demo.pledges import PLEDGES, REPORTS
from demo.texts import DATA, texts
from succession.models import PostRole


def test_every_data_file_is_yaml_and_reads_as_a_mapping():
    files = sorted(DATA.glob("*.yaml"))

    assert [path.stem for path in files] == [
        "accounts",
        "boards",
        "names",
        "pledges",
        "talent_pool",
    ]
    for path in files:
        assert isinstance(texts(path.stem), dict), path.name


def test_the_readme_password_and_codes_are_the_data_files():
    """README.md prints these; the demo reads them from accounts.yaml."""
    assert DEMO_PASSWORD == "demo-password-2026"
    assert DEMO_ADMIN_CODES[0] == "demo0001" and DEMO_ADMIN_CODES[-1] == "demo0010"
    assert [a.username for a in DEMO_ACCOUNTS] == [
        "hr.director",
        "chair",
        "talent.team",
        "pledge.lead",
        "admin",
    ]
    assert EQUALITY_ANALYST == "equality.analyst"


def test_the_womens_first_names_come_first_for_the_equality_answers():
    assert FIRST_NAMES[: len(WOMEN_FIRST_NAMES)] == WOMEN_FIRST_NAMES
    assert FIRST_NAMES[len(WOMEN_FIRST_NAMES)] == "David"
    assert len(set(FIRST_NAMES)) == len(FIRST_NAMES) == 150
    assert len(set(SURNAMES)) == len(SURNAMES)


def test_a_trust_board_has_six_executives_a_chair_and_four_to_six_non_executives():
    for seed in range(50):
        roles = Counter(role for role, _, _ in _trust_layout(random.Random(seed)))

        assert roles[PostRole.CHIEF_EXECUTIVE] == roles[PostRole.CHAIR] == 1
        assert roles[PostRole.OTHER_EXECUTIVE_DIRECTOR] <= 1
        assert 4 <= roles[PostRole.NON_EXECUTIVE_DIRECTOR] <= 6
        assert sum(roles.values()) in range(11, 15)


def test_a_commissioner_board_is_led_by_an_accountable_officer_and_a_clinical_chair():
    layout = _commissioner_layout(random.Random(1))
    titles = {role: title for role, title, _ in layout}

    assert titles[PostRole.ACCOUNTABLE_OFFICER] == "Accountable officer"
    assert titles[PostRole.CHAIR] == "Clinical chair"
    assert 3 <= sum(role == PostRole.NON_EXECUTIVE_DIRECTOR for role, _, _ in layout) <= 4


def test_every_report_names_a_pledge_of_the_demo():
    pledges = {(pledge.body, pledge.title) for pledge in PLEDGES}

    for _reporter, body, title, *_ in REPORTS:
        assert (body, title) in pledges
    for pledge in PLEDGES:
        assert set(pledge.rags) <= set(pledge.progress), pledge.title
