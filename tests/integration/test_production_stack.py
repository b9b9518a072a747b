"""The production shape without Docker (no engine runs on our machines): the compose file's
`migrate` command, then the Procfile's web, worker and beat lines, all under production settings
against a fresh PostgreSQL database and Redis, as `docker compose up` would start them."""

import http.client
import json
import os
import re
import secrets
import subprocess
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
import yaml
from celery import Celery

from .support import ROOT, clean_env, service_missing, start_procfile_process, stop, tail

pytestmark = pytest.mark.integration

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
TIMEOUT = 60


@pytest.fixture(scope="module")
def postgres_database():
    """A new, empty PostgreSQL database, dropped afterwards."""
    import psycopg2

    try:
        admin = psycopg2.connect(POSTGRES_URL, connect_timeout=5)
    except psycopg2.Error as error:
        service_missing(f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}".strip())
    admin.autocommit = True
    name = f"it_production_{uuid.uuid4().hex[:10]}"
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, **headers: str) -> tuple[int, dict, bytes]:
    """One GET, redirects not followed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path or "/", headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        connection.close()


def run_checked(command, env: dict[str, str], what: str) -> str:
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"{what} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result.stdout


def wait_for_log(path: Path, pattern: str, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not re.search(pattern, path.read_text(errors="replace")):
        if process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode}:\n{tail(path)}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not log {pattern!r} within {TIMEOUT} s:\n{tail(path)}")
        time.sleep(0.25)


@pytest.fixture(scope="module")
def stack(postgres_database, redis_url, tmp_path_factory):
    """migrate, collectstatic, then web + worker + beat, under production settings."""
    folder = tmp_path_factory.mktemp("production-stack")
    port = free_port()
    queue = f"production-{uuid.uuid4().hex[:12]}"
    env = clean_env(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=postgres_database,
        CELERY_BROKER_URL=redis_url,  # and, by default in production, the result backend
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        CELERY_CONCURRENCY="1",
    )
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    run_checked(compose["services"]["migrate"]["command"], env, "the compose migrate command")
    # The image runs collectstatic at build time; here it fills var/staticfiles.
    run_checked(["python", "manage.py", "collectstatic", "--noinput"], env, "collectstatic")

    processes = {}
    logs = {name: folder / f"{name}.log" for name in ("web", "worker", "beat")}
    try:
        processes["web"] = start_procfile_process("web", env, logs["web"])
        processes["worker"] = start_procfile_process(
            "worker", env, logs["worker"], f"--queues={queue} --hostname={queue}@%h"
        )
        processes["beat"] = start_procfile_process(
            "beat", env, logs["beat"], f"--schedule={folder / 'beat-schedule'}"
        )
        wait_for_log(logs["web"], r"Booting worker", processes["web"], "gunicorn")
        wait_for_log(logs["worker"], r"\S+@\S+ ready\.", processes["worker"], "the worker")
        wait_for_log(logs["beat"], r"beat: Starting", processes["beat"], "beat")
        yield {
            "url": f"http://127.0.0.1:{port}",
            "env": env,
            "queue": queue,
            "processes": processes,
            "logs": logs,
        }
    finally:
        for process in processes.values():
            stop(process)


def wait_for_health(url: str, stack) -> tuple[int, dict]:
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            status, _, body = get(f"{url}/healthz")
            return status, json.loads(body)
        except (ConnectionError, OSError):
            if time.monotonic() > deadline or stack["processes"]["web"].poll() is not None:
                pytest.fail(f"gunicorn never answered:\n{tail(stack['logs']['web'])}")
            time.sleep(0.25)


def test_healthz_is_ok_on_postgres_and_redis(stack):
    status, body = wait_for_health(stack["url"], stack)

    assert status == 200, body
    assert body == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


def test_pages_are_served_over_https_only_with_hashed_static_files(stack):
    wait_for_health(stack["url"], stack)
    url = f"{stack['url']}/accounts/sign-in/"

    status, headers, _ = get(url)
    assert status == 301
    assert headers["Location"].startswith("https://")

    status, headers, body = get(url, **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    stylesheet = re.search(rb'href="(/static/dist/css/main\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the page does not link the hashed stylesheet collectstatic made"

    status, headers, _ = get(
        stack["url"] + stylesheet[1].decode(), **{"X-Forwarded-Proto": "https"}
    )
    assert status == 200
    assert "immutable" in headers["Cache-Control"]


def test_organisations_were_loaded_by_the_migrate_service(stack):
    output = run_checked(
        [
            "python",
            "-c",
            "import django; django.setup()\n"
            "from orgs.models import Organisation\n"
            "print(Organisation.objects.count())",
        ],
        stack["env"],
        "counting organisations",
    )
    assert int(output.strip().splitlines()[-1]) > 400


def test_production_worker_answers_through_redis(stack, redis_url):
    client = Celery("production-client", broker=redis_url, backend=redis_url)
    try:
        result = client.send_task("config.ping", queue=stack["queue"])
        assert result.get(timeout=TIMEOUT) == "pong"
        result.forget()
    finally:
        client.close()


def test_beat_runs_with_the_database_scheduler(stack):
    time.sleep(1)
    assert stack["processes"]["beat"].poll() is None, tail(stack["logs"]["beat"])
    assert "DatabaseScheduler" in stack["logs"]["beat"].read_text()
