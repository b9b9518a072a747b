"""The production shape: the Dockerfile and docker-compose.yml agree with the Procfile, and the
production settings pass Django's deployment checks, refuse to start half-configured and send the
security headers.

Production settings are loaded in a child process (they cannot coexist with the test settings in
this one) with an environment built from nothing but what each test names, and with `.env` ignored,
so that neither a developer's .env nor the CI job's DATABASE_URL can make a test pass by accident."""

import json
import os
import re
import secrets
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.integration.support import PROCFILE, parse_procfile

ROOT = PROCFILE.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
PROCESS_TYPES = ("web", "worker", "beat")

# Variables that configure the service: none leaks from the parent into a production child.
_CONFIGURING = re.compile(r"^(DJANGO_|DATABASE_|CELERY_|EMAIL_|SECURE_|SESSION_|AXES_)")

# Runs before Django imports the settings, so that `.env` can't fill in what a test leaves out.
_IGNORE_DOTENV = "import environ; environ.Env.read_env = lambda *args, **kwargs: None\n"


def dockerfile_stages(path: Path = DOCKERFILE) -> list[dict]:
    """Each `FROM image AS name` and the instructions under it (continuation lines joined)."""
    text = re.sub(r"\\\n", " ", path.read_text())
    stages: list[dict] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, rest = line.partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            match = re.match(r"(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", rest, re.I)
            stages.append({"image": match[1], "name": match[2], "steps": []})
        else:
            stages[-1]["steps"].append((instruction, " ".join(rest.split())))
    return stages


def production_env(**overrides: str | None) -> dict[str, str]:
    """A complete production configuration; an override of None leaves that variable unset."""
    env = {key: value for key, value in os.environ.items() if not _CONFIGURING.match(key)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="sqlite:///:memory:",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        DJANGO_ALLOWED_HOSTS="talent.nhs.example,testserver",
        PYTHONDONTWRITEBYTECODE="1",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_django(script: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _IGNORE_DOTENV + textwrap.dedent(script)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # collectstatic compresses every asset: minutes on a busy 2-core machine
    )


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run_django(
        f"""
        from django.core.management import execute_from_command_line
        execute_from_command_line(["manage.py", *{list(args)!r}])
        """,
        env,
    )


# --- The Procfile is the single source of the process commands ----------------------------------


def test_procfile_names_web_worker_and_beat():
    processes = parse_procfile()

    assert set(PROCESS_TYPES) <= set(processes)
    assert processes["web"].startswith("gunicorn config.wsgi:application")
    assert "${BIND:-0.0.0.0:8000}" in processes["web"]
    assert processes["worker"].startswith("celery -A config worker")
    assert processes["beat"].startswith("celery -A config beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_compose_has_the_whole_stack(compose):
    services = compose["services"]

    for name in ("web", "worker", "beat", "db", "redis"):
        assert name in services, f"docker-compose.yml has no {name} service"
    assert services["db"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")


@pytest.mark.parametrize("process", PROCESS_TYPES)
def test_compose_commands_are_the_procfile_lines(compose, process):
    assert compose["services"][process]["command"] == parse_procfile()[process]


@pytest.mark.parametrize("process", PROCESS_TYPES)
def test_compose_app_services_wait_for_healthy_dependencies_and_migrations(compose, process):
    service = compose["services"][process]
    depends_on = service["depends_on"]

    assert depends_on["db"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"
    assert depends_on["migrate"]["condition"] == "service_completed_successfully"
    migrate = compose["services"]["migrate"]
    assert "manage.py migrate --noinput" in " ".join(migrate["command"])
    assert migrate["restart"] == "no"


@pytest.mark.parametrize("service", ["web", "worker", "db", "redis"])
def test_compose_services_have_healthchecks(compose, service):
    assert compose["services"][service]["healthcheck"]["test"]


@pytest.mark.parametrize("process", [*PROCESS_TYPES, "migrate"])
def test_compose_app_services_use_postgres_redis_and_a_required_secret(compose, process):
    environment = compose["services"][process]["environment"]

    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in environment["DATABASE_URL"]
    assert environment["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    # ${VAR:?message} makes `docker compose up` stop with the message when VAR is unset.
    assert environment["DJANGO_SECRET_KEY"] == "${DJANGO_SECRET_KEY:?set DJANGO_SECRET_KEY}"


def test_compose_publishes_only_the_web_port(compose):
    published = {name for name, service in compose["services"].items() if service.get("ports")}
    assert published == {"web"}


def test_dockerfile_builds_assets_with_node_then_runs_python():
    stages = dockerfile_stages()

    node_stages = [stage for stage in stages if stage["image"].startswith("node:20")]
    assert node_stages, "the Dockerfile has no Node 20 build stage"
    node_runs = [step for instruction, step in node_stages[0]["steps"] if instruction == "RUN"]
    assert any(step.startswith("npm ci") for step in node_runs)
    assert "npm run build" in node_runs

    final = stages[-1]
    assert final["image"].startswith("python:3.11-slim")
    steps = final["steps"]
    assert any(
        instruction == "COPY"
        and f"--from={node_stages[0]['name']}" in step
        and "static/dist" in step
        for instruction, step in steps
    ), "the Python stage does not copy static/dist from the Node stage"
    assert any(
        instruction == "RUN" and "requirements/base.lock" in step for instruction, step in steps
    )
    assert any(instruction == "RUN" and "collectstatic" in step for instruction, step in steps)
    assert ("EXPOSE", "8000") in steps
    users = [step for instruction, step in steps if instruction == "USER"]
    assert users and users[-1] not in ("root", "0"), "the image must not run as root"


def test_dockerfile_default_command_is_the_procfile_web_line():
    cmd = [step for instruction, step in dockerfile_stages()[-1]["steps"] if instruction == "CMD"]

    assert json.loads(cmd[-1]) == [parse_procfile()["web"]]


def test_dockerfile_collectstatic_needs_only_dummy_values():
    """The build-time collectstatic passes throwaway values to that one RUN, never to ENV."""
    steps = dockerfile_stages()[-1]["steps"]
    collectstatic = next(step for instruction, step in steps if "collectstatic" in step)
    env_steps = " ".join(step for instruction, step in steps if instruction in ("ENV", "ARG"))

    for variable in ("DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL"):
        assert f"{variable}=" in collectstatic
        assert variable not in env_steps, f"{variable} must not be baked into the image"


@pytest.mark.slow
def test_dockerfile_collectstatic_runs_under_production_settings(tmp_path):
    """What the image build does, here: production settings with the Dockerfile's dummy values,
    the manifest storage (which fails on a missing url() in the CSS) and the built static/dist."""
    if not (ROOT / "static" / "dist" / "css" / "main.css").exists():
        pytest.fail("static/dist is not built: run `npm run build` (make test does)")
    steps = dockerfile_stages()[-1]["steps"]
    collectstatic = next(step for instruction, step in steps if "collectstatic" in step)
    assignments = dict(
        word.split("=", 1) for word in shlex.split(collectstatic) if re.match(r"^[A-Z_]+=", word)
    )
    env = production_env(**{key: None for key in ("DJANGO_SECRET_KEY", "DATABASE_URL")})
    env.update(assignments)

    result = run_django(
        f"""
        import django
        from django.conf import settings
        from django.core.management import call_command
        django.setup()
        settings.STATIC_ROOT = {str(tmp_path)!r}
        call_command("collectstatic", "--noinput", verbosity=0)
        """,
        env,
    )

    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert "dist/css/main.css" in manifest["paths"]


# --- Production settings ------------------------------------------------------------------------


def test_check_deploy_passes_with_a_complete_configuration():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("variable", ["DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL"])
def test_production_refuses_to_start_without(variable):
    result = manage("check", env=production_env(**{variable: None}))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", env=production_env(DJANGO_ALLOWED_HOSTS=None))

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


HEADERS_PAGE = "/accessibility/"  # a whole page of the layout that needs no sign-in
SIGN_IN_PAGE = "/accounts/sign-in/"  # sets the CSRF cookie


@pytest.fixture(scope="module")
def production_responses(tmp_path_factory) -> dict:
    """Pages fetched through Django's full middleware stack under production settings, as if over
    HTTPS from the load balancer (and once over plain HTTP), with static files collected as in the
    image: the manifest storage refuses to render a page without them."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    result = run_django(
        """
        import json
        import os
        import traceback
        import django
        from django.conf import settings
        from django.core.management import call_command
        django.setup()
        settings.STATIC_ROOT = os.environ["TEST_STATIC_ROOT"]
        call_command("collectstatic", "--noinput", verbosity=0)
        from django.test import Client

        def fetch(path, **extra):
            client = Client(raise_request_exception=True, HTTP_HOST="talent.nhs.example")
            try:
                response = client.get(path, **extra)
            except Exception:
                return {"error": traceback.format_exc()}
            return {
                "status": response.status_code,
                "headers": dict(response.headers),
                "cookies": {key: dict(morsel) for key, morsel in response.cookies.items()},
            }

        https = {"secure": True, "HTTP_X_FORWARDED_PROTO": "https"}
        gzip = {**https, "HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
        from django.templatetags.static import static
        print(json.dumps({
            "https": {path: fetch(path, **https) for path in os.environ["TEST_PATHS"].split()},
            "http": {path: fetch(path) for path in os.environ["TEST_PATHS"].split()},
            "gzip": {
                "page": fetch(os.environ["TEST_PATHS"].split()[0], **gzip),
                "css": fetch(static("dist/css/main.css"), **gzip),
            },
        }))
        """,
        production_env(
            TEST_STATIC_ROOT=str(static_root), TEST_PATHS=f"{HEADERS_PAGE} {SIGN_IN_PAGE}"
        ),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production_response(production_responses) -> dict:
    response = production_responses["https"][HEADERS_PAGE]
    assert "error" not in response, response.get("error")
    assert response["status"] == 200
    return response


@pytest.mark.slow
@pytest.mark.xdist_group("production-responses")
def test_production_sends_hsts(production_response):
    hsts = production_response["headers"]["Strict-Transport-Security"]

    max_age = int(re.search(r"max-age=(\d+)", hsts)[1])
    assert max_age >= 60 * 60 * 24 * 365
    assert "includeSubDomains" in hsts


@pytest.mark.slow
@pytest.mark.xdist_group("production-responses")
def test_production_sends_a_csp_without_inline_script(production_response):
    csp = production_response["headers"]["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}

    script_src = directives.get("script-src", directives.get("default-src"))
    assert script_src, csp
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.slow
@pytest.mark.xdist_group("production-responses")
def test_production_sends_the_other_security_headers(production_response):
    headers = production_response["headers"]

    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.slow
@pytest.mark.xdist_group("production-responses")
def test_production_cookies_are_secure_and_host_only(production_responses):
    response = production_responses["https"][SIGN_IN_PAGE]
    assert "error" not in response, response.get("error")
    csrf = response["cookies"]["__Host-csrftoken"]

    assert csrf["secure"] is True
    assert csrf["path"] == "/"
    assert not csrf["domain"]


@pytest.mark.slow
@pytest.mark.xdist_group("production-responses")
@pytest.mark.parametrize("path", [HEADERS_PAGE, SIGN_IN_PAGE])
def test_production_redirects_plain_http_to_https(production_responses, path):
    response = production_responses["http"][path]

    assert response["status"] == 301
    assert response["headers"]["Location"] == f"https://talent.nhs.example{path}"


@pytest.mark.slow
@pytest.mark.xdist_group("production-responses")
def test_production_gzips_pages_and_serves_static_files_compressed_ahead(production_responses):
    """Pages are compressed as they go out; CSS was compressed once by collectstatic (whitenoise's
    compressed manifest storage), served under a hashed name that can be cached for a year."""
    page, css = production_responses["gzip"]["page"], production_responses["gzip"]["css"]
    assert "error" not in page, page.get("error")
    assert "error" not in css, css.get("error")

    assert page["status"] == 200
    assert page["headers"]["Content-Encoding"] == "gzip"
    assert css["status"] == 200
    assert css["headers"]["Content-Encoding"] in ("gzip", "br")
    assert "max-age=315360000" in css["headers"]["Cache-Control"]
