"""manage.py benchmark_risk refuses what would delete a live service's data or measure nothing."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_benchmark_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="run it with DEBUG on or with --force"):
        call_command("benchmark_risk", "--sizes", "1")


def test_measuring_an_empty_database_says_to_build_a_data_set_first():
    with pytest.raises(CommandError, match="nothing to measure: build a data set first"):
        call_command("benchmark_risk", "--force", "--measure-only", "--sizes", "1")


def test_sizes_must_be_numbers():
    with pytest.raises(CommandError, match="--sizes takes numbers"):
        call_command("benchmark_risk", "--force", "--sizes", "one")
