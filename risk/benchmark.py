"""Measuring succession risk on the data in the database: the full recalculation (twice: a
first run and the same night again), the dashboard, a filtered dashboard, an HR director's
dashboard and a post's risk page, timed and with their queries counted, as a markdown table.

Product code, with no data of its own: `manage.py benchmark_risk` (the demo app) builds a
national-scale data set and calls `measure`; see docs/performance.md."""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership, Role, User
from orgs.models import Organisation, OrganisationKind
from succession.models import Nomination, Post
from talent.models import Person

from .models import LatestRisk, RiskAssessment, RunKind
from .recalculation import recalculate_all

RENDERS = 20
BENCHMARK_USERNAME = "benchmark.national"
BENCHMARK_HR_USERNAME = "benchmark.hr"


@dataclass
class Result:
    label: str
    database: str
    organisations: int = 0
    posts: int = 0
    people: int = 0
    nominations: int = 0
    history_rows: int = 0
    build_seconds: float = 0.0
    recalculation_seconds: float = 0.0
    recalculation_queries: int = 0
    rerun_seconds: float = 0.0
    rerun_queries: int = 0
    dashboard_ms: list[float] = field(default_factory=list)
    dashboard_queries: int = 0
    filtered_ms: list[float] = field(default_factory=list)
    filtered_queries: int = 0
    hr_ms: list[float] = field(default_factory=list)
    hr_queries: int = 0
    post_ms: list[float] = field(default_factory=list)
    post_queries: int = 0


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else 0.0


def database_name() -> str:
    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"


def history_rows() -> int:
    """The assessments of earlier nightly runs: the history the benchmark built."""
    today = timezone.localdate()
    return RiskAssessment.objects.filter(run__kind=RunKind.NIGHTLY, run__for_date__lt=today).count()


def _timed_run() -> tuple[float, int]:
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        recalculate_all(kind=RunKind.NIGHTLY)
        seconds = time.perf_counter() - started
    return seconds, len(captured)


def _user(username: str, role: str, organisation: Organisation) -> User:
    user, _ = User.objects.get_or_create(username=username, defaults={"email": ""})
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user


def _renders(client: Client, url: str, count: int) -> tuple[list[float], int]:
    for _ in range(2):  # warm: templates compiled, session made
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return times, len(captured)


def measure(result: Result, *, renders: int) -> Result:
    result.organisations = Organisation.objects.filter(posts__isnull=False).distinct().count()
    result.posts = Post.objects.open().count()
    result.people = Person.objects.count()
    result.nominations = Nomination.objects.count()
    result.recalculation_seconds, result.recalculation_queries = _timed_run()
    result.rerun_seconds, result.rerun_queries = _timed_run()

    national_body = Organisation.objects.filter(kind=OrganisationKind.NATIONAL_BODY).first()
    busiest = (
        Organisation.objects.filter(posts__latest_risk__band="high").order_by("ods_code").first()
    )
    national = _user(BENCHMARK_USERNAME, Role.NATIONAL_TALENT_TEAM, national_body)
    hr = _user(BENCHMARK_HR_USERNAME, Role.HR_DIRECTOR, busiest)
    client = Client(SERVER_NAME="localhost")
    client.force_login(national)
    result.dashboard_ms, result.dashboard_queries = _renders(client, "/risk/", renders)
    result.filtered_ms, result.filtered_queries = _renders(
        client,
        "/risk/?band=high&factor=no_emergency_cover&sort=organisation&order=asc&page=2",
        renders,
    )
    post = LatestRisk.objects.order_by("-score", "post_id").values_list("post_id", flat=True)[0]
    result.post_ms, result.post_queries = _renders(client, f"/risk/posts/{post}/", renders)
    hr_client = Client(SERVER_NAME="localhost")
    hr_client.force_login(hr)
    result.hr_ms, result.hr_queries = _renders(hr_client, "/risk/", renders)
    return result


HEADINGS = [
    "data set",
    "database",
    "organisations",
    "open posts",
    "people",
    "nominations",
    "history assessments",
    "recalculation s (queries)",
    "same night again s (queries)",
    "dashboard p50 / p95 ms (queries)",
    "filtered dashboard p95 ms (queries)",
    "HR director dashboard p95 ms (queries)",
    "post risk page p95 ms (queries)",
]


def table_row(r: Result) -> list[str]:
    return [
        r.label,
        r.database,
        f"{r.organisations:,}",
        f"{r.posts:,}",
        f"{r.people:,}",
        f"{r.nominations:,}",
        f"{r.history_rows:,}",
        f"{r.recalculation_seconds:.2f} ({r.recalculation_queries})",
        f"{r.rerun_seconds:.2f} ({r.rerun_queries})",
        f"{statistics.median(r.dashboard_ms):.0f} / {p95(r.dashboard_ms):.0f} "
        f"({r.dashboard_queries})",
        f"{p95(r.filtered_ms):.0f} ({r.filtered_queries})",
        f"{p95(r.hr_ms):.0f} ({r.hr_queries})",
        f"{p95(r.post_ms):.0f} ({r.post_queries})",
    ]


def markdown_table(results: list[Result]) -> str:
    lines = [
        "| " + " | ".join(HEADINGS) + " |",
        "| " + " | ".join("---" for _ in HEADINGS) + " |",
    ]
    lines += ["| " + " | ".join(table_row(r)) + " |" for r in results]
    return "\n".join(lines)
