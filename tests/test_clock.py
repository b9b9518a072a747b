"""No module reads the clock when it is imported, and the suite gives the same answers whatever
instant it runs at: the last second of a quarter and of a year included (tests/clock.py)."""

import ast
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from tests.clock import NOW, TODAY

ROOT = Path(__file__).resolve().parent.parent
CLOCK_READS = {"now", "today", "localdate", "localtime", "utcnow", "time", "time_ns"}
# What depends on the day most: quarters and staleness of pledges, risk by days in post and
# days since review, the trend of the last runs, the pipeline's horizons.
DAY_SENSITIVE_TESTS = [
    "tests/pledges",
    "tests/risk/test_dashboard.py",
    "tests/risk/test_recalculation.py",
    "tests/talent/test_pipeline.py",
]


def project_modules() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [ROOT / name for name in listed if "/migrations/" not in name]


def clock_reads_at_import(tree: ast.Module) -> list[ast.Call]:
    """Calls such as date.today() or timezone.now() that run when the module is imported: in its
    body, in class bodies, in decorators and in default arguments (never in a function's body or
    a lambda's, which run later)."""
    found = []
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            pending += node.decorator_list + arguments.defaults
            pending += [default for default in arguments.kw_defaults if default is not None]
            continue
        if isinstance(node, ast.Lambda):
            pending += node.args.defaults
            continue
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in CLOCK_READS:
                found.append(node)
        pending += list(ast.iter_child_nodes(node))
    return found


def test_no_module_reads_the_clock_when_it_is_imported():
    """A value computed at import is the day the process started, not the day of the request or
    the test: a server up since yesterday, or a test run that crosses midnight, gets it wrong.
    Pass the callable (LazyFunction(timezone.localdate), default=timezone.now) or call it inside
    the function."""
    reads = [
        f"{path.relative_to(ROOT)}:{call.lineno}: {ast.unparse(call)}"
        for path in project_modules()
        for call in clock_reads_at_import(ast.parse(path.read_text(), str(path)))
    ]

    assert reads == []


def test_the_scan_finds_module_class_and_default_argument_clock_reads():
    source = """
import datetime as dt
from django.utils import timezone
STARTED = timezone.now()
class Factory:
    start = dt.date.today()
def report(on=timezone.localdate()):
    return dt.date.today()  # at call time: fine
LATER = lambda: timezone.now()  # at call time: fine
"""
    reads = [ast.unparse(call) for call in clock_reads_at_import(ast.parse(source))]

    assert sorted(reads) == ["dt.date.today()", "timezone.localdate()", "timezone.now()"]


def test_every_test_runs_with_the_clock_stopped_at_the_suites_instant(today):
    started = time.time()

    assert today == TODAY == timezone.localdate()
    assert timezone.now() == NOW
    assert time.time() == started


def test_a_test_can_travel_further_and_comes_back(today):
    with time_machine.travel(dt.datetime(2027, 3, 31, 23, 59, 59, tzinfo=dt.UTC), tick=False):
        assert timezone.localdate() == dt.date(2027, 4, 1)  # British Summer Time by then
    assert timezone.localdate() == today


@pytest.mark.real_clock
def test_a_test_marked_real_clock_keeps_the_machines_clock(today):
    assert today is None
    assert abs(time.time() - dt.datetime.now(dt.UTC).timestamp()) < 5
    assert timezone.now() != NOW


@pytest.mark.slow
@pytest.mark.parametrize(
    "instant",
    [
        "2027-03-31T23:59:59",  # the last second of a quarter and of the financial year
        "2026-12-31T23:59:59",  # the last second of a calendar year and of a quarter
    ],
)
def test_the_day_sensitive_tests_pass_at_the_last_second_of_a_quarter(instant):
    """The same tests, in a fresh process (so that every module is imported again) whose clock
    stands at `instant`: a value computed at import time, or a factory date that does not follow
    the clock, fails here."""
    env = {**os.environ, "TEST_NOW": instant, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("PYTEST_XDIST_WORKER", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         *DAY_SENSITIVE_TESTS],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
