"""Helpers for tests that start the service's real processes (integration and browser tests):
the Procfile, a clean environment for a child process, stopping it, and the skip-or-fail rule for
missing services."""

import os
import re
import signal
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PROCFILE = ROOT / "Procfile"

# Variables that configure the service: none leaks from the test run into a child process.
CONFIGURING = re.compile(r"^(DJANGO_|DATABASE_|CELERY_|BIND$|WEB_CONCURRENCY$)")


def parse_procfile(path: Path = PROCFILE) -> dict[str, str]:
    """Process type -> command, as honcho reads it: `name: command`, one a line."""
    processes = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, separator, command = line.partition(":")
        assert separator, f"not a Procfile line: {line!r}"
        processes[name.strip()] = command.strip()
    return processes


def clean_env(**values: str) -> dict[str, str]:
    """The test run's environment without anything that configures the service, with this
    Python's bin folder first on PATH (so the Procfile's `gunicorn` and `celery` are the venv's),
    plus `values`."""
    env = {key: value for key, value in os.environ.items() if not CONFIGURING.match(key)}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(values)
    return env


def start_procfile_process(
    process_type: str, env: dict[str, str], log_path: Path, extra_args: str = ""
) -> subprocess.Popen:
    """Run a Procfile line as honcho does (with sh), exec'd so that signals reach it, in a process
    group of its own, its output in `log_path`."""
    command = f"exec {parse_procfile()[process_type]} {extra_args}".strip()
    with log_path.open("w") as log:
        return subprocess.Popen(
            ["sh", "-c", command],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process: subprocess.Popen, grace: float = 30) -> None:
    """SIGTERM (a warm shutdown for Celery, a graceful one for gunicorn), then SIGKILL to the
    process group, which holds the pool's or the server's own children, if any remain."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def tail(path: Path, characters: int = 4000) -> str:
    return path.read_text(errors="replace")[-characters:] if path.exists() else "(no log)"


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "") not in ("", "0", "false", "no")


def service_missing(reason: str) -> None:
    """Skip, saying why; or fail, when REQUIRE_SERVICES=1 says every service must be there."""
    if services_required():
        pytest.fail(f"{reason} (REQUIRE_SERVICES is set, so this is a failure, not a skip)")
    pytest.skip(f"{reason}; set REQUIRE_SERVICES=1 to make this a failure")
