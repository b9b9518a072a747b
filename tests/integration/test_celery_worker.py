"""A real Celery worker, started from the Procfile's worker line, answers `config.ping` through a
real broker: Redis as in production, and kombu's filesystem transport as in `make run`.

Each worker listens on a queue of its own, and the filesystem one also keeps its folders apart from
var/celery (CELERY_FILESYSTEM_FOLDER), so that it takes no other worker's messages (a developer's
`make run`, say) and leaves none behind for another."""

import re
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery import Celery

from .support import ROOT, clean_env, start_procfile_process, stop, tail

pytestmark = pytest.mark.integration

TIMEOUT = 60  # seconds for a worker to start and answer


@contextmanager
def procfile_worker(env: dict[str, str], log_path: Path):
    """The Procfile's worker line (one pool process), on a queue of its own."""
    queue = f"integration-{uuid.uuid4().hex[:12]}"
    worker = start_procfile_process(
        "worker",
        {"CELERY_CONCURRENCY": "1", **env},
        log_path,
        f"--queues={queue} --hostname={queue}@%h --without-gossip --without-mingle"
        " --without-heartbeat",
    )
    try:
        yield worker, queue
    finally:
        stop(worker)


def wait_for(result, worker: subprocess.Popen, log_path: Path, timeout: float = TIMEOUT):
    """The task's return value, failing early with the worker's log if the worker dies."""
    deadline = time.monotonic() + timeout
    while not result.ready():
        if worker.poll() is not None:
            pytest.fail(f"the worker exited with {worker.returncode}:\n{tail(log_path)}")
        if time.monotonic() > deadline:
            pytest.fail(f"no answer within {timeout} s; the worker's log:\n{tail(log_path)}")
        time.sleep(0.2)
    return result.get(timeout=5)


def test_worker_answers_ping_through_redis(redis_url, tmp_path):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        CELERY_BROKER_URL=redis_url,
        CELERY_RESULT_BACKEND=redis_url,
        CELERY_TASK_ALWAYS_EAGER="false",
    )
    # A client of its own: the project's app in this process is configured for eager tests.
    client = Celery("integration-client", broker=redis_url, backend=redis_url)
    log_path = tmp_path / "worker.log"

    try:
        with procfile_worker(env, log_path) as (worker, queue):
            result = client.send_task("config.ping", queue=queue)
            answer = wait_for(result, worker, log_path)
            result.forget()
    finally:
        client.close()

    assert answer == "pong"
    log = log_path.read_text()
    transport = re.search(r"transport:\s+(\S+)", log)[1]  # the banner hides any password
    assert transport.startswith("redis://")
    assert transport.split("@")[-1] == redis_url.split("@")[-1].removeprefix("redis://")
    assert "config.ping" in log, "the worker did not register the project's tasks"


CLIENT = f"""
import os
import django

django.setup()
from config.celery import app

assert app.conf.broker_url == "filesystem://", app.conf.broker_url
assert app.conf.result_backend.startswith("file://"), app.conf.result_backend
result = app.send_task("config.ping", queue=os.environ["TEST_QUEUE"])
answer = result.get(timeout={TIMEOUT})
result.forget()
print("answer:", answer)
"""


def test_filesystem_broker_of_make_run_works_with_a_real_worker(tmp_path):
    """No broker server at all: `make run`'s settings, unchanged, on both sides. The client is a
    process of its own too, so that both read the embedded default from the settings."""
    env = clean_env(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        CELERY_FILESYSTEM_FOLDER=str(tmp_path / "celery"),
    )
    log_path = tmp_path / "worker.log"

    with procfile_worker(env, log_path) as (worker, queue):
        client = subprocess.run(
            [sys.executable, "-c", CLIENT],
            cwd=ROOT,
            env={**env, "TEST_QUEUE": queue},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT + 30,
        )
        alive = worker.poll() is None

    assert alive, f"the worker exited early:\n{tail(log_path)}"
    assert client.returncode == 0, f"client:\n{client.stderr[-4000:]}\nworker:\n{tail(log_path)}"
    assert "answer: pong" in client.stdout
    log = log_path.read_text()
    assert re.search(r"transport:\s+filesystem://", log)
    assert re.search(r"Task config\.ping\[[0-9a-f-]+\] succeeded in [0-9.]+s: 'pong'", log)
