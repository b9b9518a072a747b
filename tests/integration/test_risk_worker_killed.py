"""A real Celery worker, started from the Procfile's worker line, is killed (SIGKILL, no warm
shutdown) in the middle of the nightly risk recalculation: the assessments it was replacing are
still there, unchanged, and the next run completes. Killed in the middle of a "recalculate now",
its run stops beating; the watchdog (the task beat runs every minute) marks it interrupted and
queues it again, and a fresh worker finishes it: the same scores as a clean run, one set of them.

The run is made slow by RISK_RECALC_TEST_DELAY, which only the test settings honour: the worker
pauses half-way through writing the new assessments, inside the run's transaction. Two set-ups:
`make run`'s (SQLite and the filesystem broker, no server at all) and production's (PostgreSQL
and Redis; skipped without them unless REQUIRE_SERVICES=1)."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .support import ROOT, clean_env, service_missing, start_procfile_process, stop, tail

pytestmark = pytest.mark.integration

TIMEOUT = 90
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stderr[-4000:]}"
    return done.stdout


def python(env: dict, code: str) -> dict:
    """Run `code` with Django set up in a process of its own; it prints one JSON document."""
    script = f"import django, json\ndjango.setup()\n{code}"
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT + 60,
    )
    assert done.returncode == 0, f"{done.stderr[-4000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


SNAPSHOT = """
from risk.models import LatestRisk, RecalculationRun, RiskAssessment
from succession.models import Post

runs = list(RecalculationRun.objects.filter(kind="nightly").values("pk", "status", "for_date"))
print(json.dumps({
    "runs": [{**run, "for_date": str(run["for_date"])} for run in runs],
    "assessments": sorted(
        RiskAssessment.objects.filter(run__kind="nightly").values_list("run_id", "post_id", "score", "band")
    ),
    "latest": sorted(
        [post, score, band, run, sorted(factors)]
        for post, score, band, run, factors in LatestRisk.objects.values_list(
            "post_id", "score", "band", "run_id", "factors"
        )
    ),
    "open_posts": Post.objects.open().count(),
}))
"""

VACATE_EVERY_POST = """
from django.utils import timezone
from succession.models import Incumbency

holders = list(Incumbency.objects.current())
for holder in holders:
    holder.ended_on = max(holder.started_on, timezone.localdate())
Incumbency.objects.bulk_update(holders, ["ended_on"])
print(json.dumps({"vacated": len(holders)}))
"""

SEND = """
import os
from config.celery import app

result = app.send_task(
    "succession.recalculate_risk", kwargs={"kind": "nightly"}, queue=os.environ["TEST_QUEUE"]
)
if os.environ.get("TEST_WAIT"):
    print(json.dumps(result.get(timeout=int(os.environ["TEST_WAIT"]))))
else:
    print(json.dumps({"sent": result.id}))
"""


ASK_NOW = """
import os
from config.celery import app
from risk.recalculation import recalculation_request

run = recalculation_request(by=None)
app.send_task(
    "succession.recalculate_risk",
    kwargs={"kind": run.kind, "run_id": run.pk},
    queue=os.environ["TEST_QUEUE"],
)
print(json.dumps({"run": run.pk}))
"""

MANUAL_RUNS = """
import os
from risk.models import RecalculationRun, RiskAssessment

print(json.dumps({
    "runs": list(
        RecalculationRun.objects.filter(kind="manual").order_by("pk").values(
            "pk", "status", "interruptions", "error", "heartbeat_at"
        )
    ),
    "assessments": sorted(
        [run, post, score, band, sorted(factors)]
        for run, post, score, band, factors in RiskAssessment.objects.filter(
            run__kind="manual"
        ).values_list("run_id", "post_id", "score", "band", "factors")
    ),
}, default=str))
"""

WATCHDOG = """
import os
from config.celery import app

for _pass in range(2):  # twice: the second finds nothing left to do
    app.send_task("risk.watchdog", queue=os.environ["TEST_QUEUE"])
print(json.dumps({"sent": 2}))
"""


@contextmanager
def worker(env: dict, log_path: Path, queue: str):
    process = start_procfile_process(
        "worker",
        {"CELERY_CONCURRENCY": "1", **env},
        log_path,
        f"--queues={queue} --hostname={queue}@%h --without-gossip --without-mingle"
        " --without-heartbeat",
    )
    try:
        yield process
    finally:
        stop(process)


def wait_for_log(process, log_path: Path, text: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while text not in (log_path.read_text(errors="replace") if log_path.exists() else ""):
        if process.poll() is not None:
            pytest.fail(f"the worker exited with {process.returncode}:\n{tail(log_path)}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {text!r} within {timeout} s; the worker's log:\n{tail(log_path)}")
        time.sleep(0.2)


def kill(process) -> None:
    """SIGKILL the worker and its pool: no warm shutdown, no chance to roll back politely."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@pytest.fixture(params=["sqlite-and-filesystem-broker", "postgresql-and-redis"])
def service_env(request, tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    base = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    if request.param == "sqlite-and-filesystem-broker":
        yield clean_env(
            **base,
            DATABASE_URL=f"sqlite:///{tmp_path / 'risk.sqlite3'}",
            CELERY_BROKER_URL="filesystem://",
            CELERY_FILESYSTEM_FOLDER=str(tmp_path / "celery"),
            CELERY_RESULT_BACKEND=f"file://{results}",
        )
        return
    redis_url = request.getfixturevalue("redis_url")
    import psycopg2

    name = f"risk_killed_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg2.connect(POSTGRES_URL, connect_timeout=3)
    except psycopg2.OperationalError as error:
        service_missing(f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(POSTGRES_URL)
    try:
        yield clean_env(
            **base,
            DATABASE_URL=urlunsplit(parts._replace(path=f"/{name}")),
            CELERY_BROKER_URL=redis_url,
            CELERY_RESULT_BACKEND=redis_url,
        )
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_a_worker_killed_in_the_middle_of_a_run_loses_nothing_and_the_next_run_completes(
    service_env, tmp_path
):
    env = service_env
    manage(env, "migrate", "--noinput")
    manage(env, "load_organisations")
    manage(env, "load_demo_data", "--organisations", "4", "--force")
    manage(env, "recalculate_risk", "--nightly")  # tonight's run, finished
    before = python(env, SNAPSHOT)
    assert len(before["runs"]) == 1
    assert before["runs"][0]["status"] == "succeeded"
    assert len(before["assessments"]) == before["open_posts"] > 20
    # The next run would score differently: every post loses its holder.
    assert python(env, VACATE_EVERY_POST)["vacated"] > 0

    queue = f"risk-{uuid.uuid4().hex[:12]}"
    client_env = {**env, "TEST_QUEUE": queue}
    slow_log = tmp_path / "killed-worker.log"
    with worker({**env, "RISK_RECALC_TEST_DELAY": "120"}, slow_log, queue) as slow:
        python(client_env, SEND)
        wait_for_log(slow, slow_log, "pausing")
        kill(slow)

    during = python(env, SNAPSHOT)
    assert during["assessments"] == before["assessments"], "the killed run changed assessments"
    assert during["latest"] == before["latest"], "the killed run changed the latest risk"
    assert [run["status"] for run in during["runs"]] == ["running"]

    # A run that beat moments ago may still be alive, and is left alone; silent for longer than
    # RISK_RUN_STALE_SECONDS, it is taken over.
    stale_env = {**env, "RISK_RUN_STALE_SECONDS": "3"}
    time.sleep(4)
    log_path = tmp_path / "worker.log"
    with worker(stale_env, log_path, queue) as fresh:
        answer = python({**client_env, "TEST_WAIT": str(TIMEOUT)}, SEND)
        assert fresh.poll() is None, tail(log_path)

    after = python(env, SNAPSHOT)
    assert answer["status"] == "succeeded"
    assert answer["posts_scored"] == before["open_posts"]
    assert [run["status"] for run in after["runs"]] == ["succeeded"]
    assert len(after["assessments"]) == before["open_posts"], "one assessment per post per run"
    assert after["assessments"] != before["assessments"]
    assert all("post_vacant" in factors for *_post, factors in after["latest"])
    assert {run for _post, _score, _band, run, _factors in after["latest"]} == {
        after["runs"][0]["pk"]
    }


def wait_for(env: dict, code: str, done, what: str, timeout: float = TIMEOUT) -> dict:
    deadline = time.monotonic() + timeout
    while not done(snapshot := python(env, code)):
        if time.monotonic() > deadline:
            pytest.fail(f"not {what} within {timeout} s: {snapshot}")
        time.sleep(1)
    return snapshot


def test_a_worker_killed_in_the_middle_of_recalculate_now_is_redone_by_the_watchdog(
    service_env, tmp_path
):
    queue = f"risk-{uuid.uuid4().hex[:12]}"
    # Every task, the watchdog's redo too, goes to this test's own queue.
    env = {**service_env, "CELERY_TASK_DEFAULT_QUEUE": queue, "TEST_QUEUE": queue}
    manage(env, "migrate", "--noinput")
    manage(env, "load_organisations")
    manage(env, "load_demo_data", "--organisations", "4", "--force")
    manage(env, "recalculate_risk", "--nightly")
    before = python(env, SNAPSHOT)
    assert python(env, VACATE_EVERY_POST)["vacated"] > 0
    postgresql = env["DATABASE_URL"].startswith("postgres")

    slow_log = tmp_path / "killed-worker.log"
    slow_env = {**env, "RISK_RECALC_TEST_DELAY": "120", "RISK_RUN_HEARTBEAT_SECONDS": "1"}
    with worker(slow_env, slow_log, queue) as slow:
        asked = python(env, ASK_NOW)["run"]
        wait_for_log(slow, slow_log, "pausing")
        first_beat = python(env, MANUAL_RUNS)["runs"][0]["heartbeat_at"]
        if postgresql:  # beats from its own connection, seen outside the run's transaction
            wait_for(
                env,
                MANUAL_RUNS,
                lambda seen: seen["runs"][0]["heartbeat_at"] != first_beat,
                "beating while paused",
                timeout=15,
            )
        kill(slow)

    during = python(env, MANUAL_RUNS)
    assert [(run["pk"], run["status"]) for run in during["runs"]] == [(asked, "running")]
    assert during["assessments"] == [], "the killed run's transaction rolled back"
    assert python(env, SNAPSHOT)["latest"] == before["latest"]

    fresh_env = {**env, "RISK_RUN_STALE_SECONDS": "3"}
    time.sleep(4)  # no heartbeat for longer than RISK_RUN_STALE_SECONDS
    log_path = tmp_path / "worker.log"
    with worker(fresh_env, log_path, queue) as fresh:
        python(fresh_env, WATCHDOG)
        after = wait_for(
            env,
            MANUAL_RUNS,
            lambda seen: seen["runs"][0]["status"] == "succeeded",
            "redone",
        )
        assert fresh.poll() is None, tail(log_path)

    assert [(run["pk"], run["status"], run["interruptions"]) for run in after["runs"]] == [
        (asked, "succeeded", 1)
    ], "the same run redone, once"
    redone = [row[1:] for row in after["assessments"]]
    assert len(redone) == len({post for post, *_rest in redone}) == before["open_posts"]
    assert all("post_vacant" in factors for *_row, factors in redone)

    manage(env, "recalculate_risk")  # a clean run of the same data, for comparison
    clean = python(env, MANUAL_RUNS)
    clean_run = clean["runs"][-1]["pk"]
    assert [row[1:] for row in clean["assessments"] if row[0] == clean_run] == redone
    latest = python(env, SNAPSHOT)
    assert latest["assessments"] == before["assessments"], "the nightly run is untouched"
