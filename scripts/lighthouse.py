"""Lighthouse on the ten key pages, under production settings, signed in as the demo account
that uses each page; prints a table of performance, accessibility and best-practices scores.

    .venv/bin/python scripts/lighthouse.py [--runs 3] [--only risk,pool] [--folder DIR]

What it does, on loopback only:
  1. a fresh SQLite database in a scratch folder, migrated and loaded by `manage.py
     setup_service` (local settings: the demo app, which production does not install, makes the
     demo accounts and data), then `manage.py recalculate_risk`
  2. `manage.py collectstatic` under production settings (whitenoise's compressed manifest)
  3. gunicorn from the Procfile's web line under config.settings.production (DEBUG off), on a
     free port on 127.0.0.1, HTTPS redirect off (there is no TLS in front of it here)
  4. signs each demo account in through the sign-in form and passes its session cookie to
     Lighthouse with --extra-headers
  5. node_modules/.bin/lighthouse (the pinned devDependency) against Debian's Chromium
     (CHROME_PATH, default /usr/bin/chromium), with Lighthouse's default mobile emulation and
     simulated throttling, `--runs` times a page; the table shows each page's median
     performance score, its lowest accessibility and best-practices scores, and the medians of
     what it cost: the HTML as sent, all it loaded, its elements and its largest paint

Exit code 0 when every page meets the targets (performance 95, accessibility and best practices
100), 1 when one does not, 2 when the service could not be started."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from demo.texts import texts  # noqa: E402  (plain YAML: no Django needed)
from tests.integration.support import clean_env, start_procfile_process, stop, tail  # noqa: E402

DEMO_PASSWORD = texts("accounts")["password"]  # every demo account's

# The pinned devDependency; LIGHTHOUSE names another copy of the same version if need be.
LIGHTHOUSE = Path(os.environ.get("LIGHTHOUSE", ROOT / "node_modules" / ".bin" / "lighthouse"))
# The browser tests' flags: without the background-networking ones Chromium keeps calling
# Google's hosts, which a closed network refuses; --no-sandbox because CI runs as root.
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100}

# The records the pages show, found in the seeded database (under local settings).
FIND_RECORDS = """
import json
from django.db.models import Count, Q
from accounts.models import Role
from demo.accounts import DEMO_ACCOUNTS
from orgs.models import Organisation
from succession.models import Nomination, NominationStatus, Post

trust = Organisation.objects.get(
    ods_code=next(a.organisation for a in DEMO_ACCOUNTS if a.role == Role.HR_DIRECTOR)
)
post = (
    Post.objects.filter(organisation=trust, plan__isnull=False)
    .annotate(on_slate=Count("plan__nominations", filter=Q(plan__nominations__status=NominationStatus.ACTIVE)))
    .order_by("-on_slate", "pk")
    .first()
)
person = (
    Nomination.objects.filter(plan=post.plan, status=NominationStatus.ACTIVE)
    .order_by("rank", "pk")
    .first()
    .person
)
print(json.dumps({"ods_code": trust.ods_code, "post": post.pk, "person": person.pk}))
"""


@dataclass(frozen=True)
class Page:
    key: str
    name: str
    path: str
    account: str


def key_pages(records: dict) -> list[Page]:
    post, ods, person = records["post"], records["ods_code"], records["person"]
    return [
        Page("home", "Home", "/", "hr.director"),
        Page("organisations", "Organisations", "/organisations/", "talent.team"),
        Page("board", "A board", f"/organisations/{ods}/posts/", "hr.director"),
        Page("post", "A post", f"/posts/{post}/", "hr.director"),
        Page("plan", "A plan", f"/posts/{post}/plan/", "hr.director"),
        Page("sign-off", "Sign-off", f"/posts/{post}/plan/sign-off/", "chair"),
        Page("risk", "Risk dashboard", "/risk/", "talent.team"),
        Page("pool", "Talent pool", "/talent-pool/", "talent.team"),
        Page("person", "A person", f"/people/{person}/", "hr.director"),
        Page("pledges", "Pledges", "/pledges/", "talent.team"),
    ]


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 (our own manage.py, with arguments written here)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {args[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr}")
    return result.stdout


def wait_until_healthy(url: str, server: subprocess.Popen, log_path: Path) -> None:
    parts = urllib.parse.urlsplit(url)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}:\n{tail(log_path)}")
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"{url}/healthz did not answer within 60 s:\n{tail(log_path)}")


def cookies_from(response: http.client.HTTPResponse) -> dict[str, str]:
    cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


def sign_in(url: str, username: str) -> str:
    """The Cookie header of a session signed in as `username`, through the sign-in form."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", "/accounts/sign-in/")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = cookies_from(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": DEMO_PASSWORD}
    )
    connection.request(
        "POST",
        "/accounts/sign-in/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        },
    )
    response = connection.getresponse()
    response.read()
    cookies.update(cookies_from(response))
    connection.close()
    if response.status != 302 or not any("sessionid" in name for name in cookies):
        raise SystemExit(f"signing in as {username} failed ({response.status})")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def run_lighthouse(url: str, cookie: str, report: Path) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(  # noqa: S603 (the pinned Lighthouse, on a loopback address)
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--extra-headers={json.dumps({'Cookie': cookie})}",
            "--output=json",
            "--output=html",
            f"--output-path={report}",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    json_report = report.with_suffix(".report.json")
    if result.returncode != 0 or not json_report.exists():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stdout[-2000:]}{result.stderr}")
    data = json.loads(json_report.read_text())
    if data.get("runtimeError"):
        raise SystemExit(f"lighthouse could not load {url}: {data['runtimeError']}")
    final = data.get("finalDisplayedUrl", url)
    if "/accounts/sign-in/" in final:
        raise SystemExit(f"{url} sent Lighthouse to the sign-in page: the cookie was not used")
    document = data["audits"]["network-requests"]["details"]["items"][0]
    if document["statusCode"] != 200:
        raise SystemExit(f"{url} answered {document['statusCode']}, not the page")
    return {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}


def weights(report: Path) -> dict[str, float]:
    """What the page cost: its HTML as sent (KB), everything it loaded (KB), its elements, and
    when its largest content was drawn (s, simulated on a mid-range phone)."""
    data = json.loads(report.with_suffix(".report.json").read_text())
    audits = data["audits"]
    document = audits["network-requests"]["details"]["items"][0]
    return {
        "html_kb": document["transferSize"] / 1024,
        "total_kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "elements": audits["dom-size"]["numericValue"],
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
    }


def failing_audits(report: Path) -> list[str]:
    """The audits that cost a page points outside performance, for the summary."""
    data = json.loads(report.with_suffix(".report.json").read_text())
    lost = []
    for name in CATEGORIES[1:]:
        for ref in data["categories"][name]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{name}: {ref['id']}")
    return lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs a page (median)")
    parser.add_argument("--only", default="", help="comma-separated page keys, e.g. risk,pool")
    parser.add_argument(
        "--folder",
        type=Path,
        default=ROOT / "test-results" / "lighthouse",
        help="for the database, logs and reports (emptied first)",
    )
    options = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `npm ci`", file=sys.stderr)
        return 2

    folder = options.folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    database = folder / "db.sqlite3"
    common = {
        "DATABASE_URL": f"sqlite:///{database}",
        "CELERY_FILESYSTEM_FOLDER": str(folder / "celery"),
    }
    local = clean_env(DJANGO_SETTINGS_MODULE="config.settings.local", **common)
    print(f"Seeding {database} ...", flush=True)
    manage(local, "migrate", "--noinput", "-v", "0")
    manage(local, "setup_service")
    manage(local, "recalculate_risk")
    records = json.loads(manage(local, "shell", "-c", FIND_RECORDS).strip().splitlines()[-1])

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    production = clean_env(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        CELERY_BROKER_URL="filesystem://",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        **common,
    )
    print("Collecting static files (production storage) ...", flush=True)
    manage(production, "collectstatic", "--noinput", "-v", "0")
    log_path = folder / "gunicorn.log"
    server = start_procfile_process("web", production, log_path)
    try:
        wait_until_healthy(url, server, log_path)
        pages = key_pages(records)
        if options.only:
            wanted = set(options.only.split(","))
            pages = [page for page in pages if page.key in wanted]
        cookies = {account: sign_in(url, account) for account in {p.account for p in pages}}
        rows, problems = [], {}
        for page in pages:
            runs, costs = [], []
            for run in range(options.runs):
                report = folder / f"{page.key}-{run + 1}"
                runs.append(run_lighthouse(url + page.path, cookies[page.account], report))
                costs.append(weights(report))
                problems.setdefault(page.key, set()).update(failing_audits(report))
            scores = {
                "performance": round(statistics.median(r["performance"] for r in runs)),
                "accessibility": min(r["accessibility"] for r in runs),
                "best-practices": min(r["best-practices"] for r in runs),
                **{key: statistics.median(c[key] for c in costs) for key in costs[0]},
            }
            rows.append((page, scores))
            print(f"  {page.name}: {[scores[name] for name in CATEGORIES]}", flush=True)
    finally:
        stop(server)

    print()
    print(f"Reports in {folder}")
    print()
    print(
        "| page | path | signed in as | performance | accessibility | best practices "
        "| HTML sent KB | all KB | elements | LCP s |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for page, scores in rows:
        path = re.sub(r"/\d+/", "/<id>/", page.path).replace(records["ods_code"], "<ods>")
        print(
            f"| {page.name} | `{path}` | `{page.account}` | {scores['performance']} | "
            f"{scores['accessibility']} | {scores['best-practices']} | "
            f"{scores['html_kb']:.1f} | {scores['total_kb']:.0f} | {scores['elements']:,.0f} | "
            f"{scores['lcp_s']:.1f} |"
        )
    met = all(scores[name] >= TARGETS[name] for _, scores in rows for name in CATEGORIES)
    for key, lost in problems.items():
        if lost:
            print(f"{key}: {', '.join(sorted(lost))}")
    print("Targets met on every page." if met else "Targets not met on every page.")
    return 0 if met else 1


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
