"""Browser tests: the service started as `make run` starts it (the Procfile's web line under
gunicorn, local settings, a migrated SQLite database loaded by `manage.py setup_service`), driven by
Debian's Chromium through Playwright for Python. Playwright never downloads a browser here.

Fixtures for journeys:
    live_server_url   the running service's address (one gunicorn for the whole session)
    browser           headless Chromium (one for this folder's tests)
    page              a fresh browser context and tab per test, its base URL the service's, which
                      records console errors and failed requests (see `page_problems`) and is
                      photographed into test-results/ when the test fails
    sign_in           sign_in(page, username, password=DEMO_PASSWORD) signs a demo account in
                      (the function `sign_in_as`, for fixtures wider than a test)
    screenshot        screenshot(page, name) saves test-results/<name>.png
    new_page          new_page(**context_options) another tab in a context of its own (a second
                      editor, JavaScript off, another server's base_url), watched like `page`
    manage_py         manage_py(*args) runs manage.py against the live server's database
    world             what the journeys need from that database: the demo trust's posts and
                      people, and an HR director of another trust (see WORLD_SCRIPT)
    error_pages_url   the same service and database with DEBUG off, for the error pages that a
                      deployed service shows (make run's DEBUG shows Django's technical 404)
    a11y              a11y.check(page, name) runs axe-core on the page and checks that it does not
                      scroll sideways at 320 and 375 px (see axe.py and reflow.py)
    page_archive      every HTML document a tab of `new_page` receives, saved as served into
                      test-results/pages/; test_valid_html.py runs vnu on them last (see vnu.py)

Without Chromium the tests are skipped, saying why, unless REQUIRE_SERVICES=1 (CI sets it)."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from demo.accounts import DEMO_PASSWORD
from tests.browser.axe import AccessibilityChecker
from tests.browser.vnu import PageArchive, watch_documents
from tests.integration.support import (
    ROOT,
    clean_env,
    service_missing,
    start_procfile_process,
    stop,
    tail,
)

RESULTS_DIR = ROOT / "test-results"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling Google's hosts, which a closed
# network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SERVER_START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The service ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def server_env(tmp_path_factory) -> dict[str, str]:
    """`make run`'s environment, with a database and broker folders of the session's own."""
    folder = tmp_path_factory.mktemp("live-server")
    return clean_env(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        CELERY_FILESYSTEM_FOLDER=str(folder / "celery"),
    )


@pytest.fixture(scope="session")
def live_server_url(server_env, tmp_path_factory) -> str:
    """The service at http://127.0.0.1:<free port>, started from the Procfile's web line after
    `manage.py migrate` and `manage.py setup_service`, as `make run` does."""
    for command in (["migrate", "--noinput"], ["setup_service"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=server_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            pytest.fail(f"manage.py {' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.getbasetemp() / "gunicorn.log"
    server = start_procfile_process("web", {**server_env, "BIND": f"127.0.0.1:{port}"}, log_path)
    try:
        wait_until_healthy(url, server, log_path)
        yield url
    finally:
        stop(server)


def wait_until_healthy(url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last_error = None
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last_error = error
        time.sleep(0.25)
    pytest.fail(
        f"{url}/healthz did not answer 200 within {SERVER_START_TIMEOUT} s ({last_error}):\n"
        f"{tail(log_path)}"
    )


# --- The browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        service_missing(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    return CHROMIUM


# Package scope, not session: Playwright's sync API keeps an event loop in this thread, and Django
# refuses database access from a thread with a running loop, which would break later tests.
@pytest.fixture(scope="package")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _file_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:150]


@pytest.fixture(scope="session")
def results_dir() -> Path:
    """test-results/, emptied of the last run's screenshots."""
    RESULTS_DIR.mkdir(exist_ok=True)
    for old in RESULTS_DIR.glob("*.png"):
        old.unlink()
    return RESULTS_DIR


@pytest.fixture
def screenshot(results_dir):
    def save(page, name: str) -> Path:
        path = results_dir / f"{_file_name(name)}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture(scope="session")
def page_archive(results_dir) -> PageArchive:
    """test-results/pages/, emptied at the start of the session, filled by every tab."""
    return PageArchive(results_dir / "pages")


def pytest_collection_modifyitems(config, items):
    # vnu checks the pages every other browser test saved, so it goes last.
    last = [item for item in items if item.path.name == "test_valid_html.py"]
    items[:] = [item for item in items if item not in last] + last


@pytest.fixture
def page_problems():
    """What went wrong in the page while the test ran: console errors (a blocked script shows up
    here as a CSP violation), uncaught exceptions and responses of 400 or more."""
    return []


def _watch(tab, problems: list[str]) -> None:
    def on_console(message):
        source = (message.location or {}).get("url", "")
        # Chromium asks for /favicon.ico by itself on pages without an icon link (Django's admin).
        if message.type == "error" and not source.endswith("/favicon.ico"):
            problems.append(f"console error on {tab.url} ({source}): {message.text}")

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: problems.append(f"uncaught error on {tab.url}: {error}"))
    tab.on(
        "response",
        lambda response: (
            response.status >= 400 and problems.append(f"{response.status} for {response.url}")
        ),
    )


@pytest.fixture
def new_page(browser, live_server_url, page_problems, screenshot, page_archive, request):
    """new_page(**context_options): a tab in a browser context of its own (its own cookies), its
    problems recorded in `page_problems`, photographed when the test fails, closed afterwards."""
    opened = []

    def open_page(**options):
        options = {
            "base_url": live_server_url,
            "viewport": {"width": 1280, "height": 900},
            **options,
        }
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        tab = context.new_page()
        _watch(tab, page_problems)
        watch_documents(tab, page_archive)
        opened.append((context, tab))
        return tab

    yield open_page
    report = getattr(request.node, "report_call", None)
    for number, (context, tab) in enumerate(opened):
        if report is not None and report.failed and not tab.is_closed():
            suffix = f"-{number + 1}" if number else ""
            screenshot(tab, f"FAILED-{request.node.name}{suffix}")
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def sign_in_as(page, username: str, password: str = DEMO_PASSWORD):
    """Sign an account in through the sign-in form, as a person would."""
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/sign-in/" in page.url:
        errors = page.locator(".nhsuk-error-summary, .nhsuk-error-message").all_inner_texts()
        raise AssertionError(f"{username} could not sign in: {errors or page.title()}")
    return page


@pytest.fixture
def sign_in():
    """sign_in(page, username): signs a demo account in through the sign-in form."""
    return sign_in_as


# --- The data the journeys work on ----------------------------------------------------------------


@pytest.fixture(scope="session")
def manage_py(server_env, live_server_url):
    """manage_py(*args) -> stdout: manage.py against the live server's database. The browser tests
    never touch the database from this process: Playwright's event loop runs in this thread."""

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=server_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            pytest.fail(f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    return run


OTHER_HR_DIRECTOR = "other.hr.director"
WORLD_MARK = "WORLD="

# Run by `manage.py shell` in the live server's database once per session: adds an HR director of
# another trust, and picks from the demo trust's seeded board the posts and people each journey
# works on, one post per journey so that the journeys do not depend on each other's order (the
# sign-off story, journeys 1 to 3, is one post on purpose).
WORLD_SCRIPT = (
    f"MARK = {WORLD_MARK!r}\nUSERNAME = {OTHER_HR_DIRECTOR!r}\n"
    + """
import json

from django.db.models import Count, Q

from accounts.models import Role, User
from accounts.services import membership_grant
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from orgs.models import Organisation, OrganisationKind
from succession.models import Incumbency, Nomination, NominationStatus, Post
from talent.models import PostRole
from talent.models import Person

# The demo trust is the demo HR director's; the other trust, the first other trust with posts.
trust = Organisation.objects.get(
    ods_code=next(a.organisation for a in DEMO_ACCOUNTS if a.role == Role.HR_DIRECTOR)
)
other = (
    Organisation.objects.filter(kind__in=OrganisationKind.trust_kinds(), posts__isnull=False)
    .exclude(pk=trust.pk)
    .distinct()
    .order_by("ods_code")
    .first()
)
bob, _ = User.objects.get_or_create(
    username=USERNAME,
    defaults={"first_name": "Bob", "last_name": "Marsh", "email": "bob.marsh@demo.nhs.example"},
)
bob.set_password(DEMO_PASSWORD)
bob.save()
membership_grant(user=bob, organisation=other, role=Role.HR_DIRECTOR)

active = Nomination.objects.filter(status=NominationStatus.ACTIVE)
on_slate = Q(plan__nominations__status=NominationStatus.ACTIVE)
posts = list(
    Post.objects.filter(organisation=trust)
    .annotate(
        slate=Count("plan__nominations", filter=on_slate),
        cover=Count("plan__nominations", filter=on_slate & Q(plan__nominations__is_emergency_cover=True)),
    )
    .order_by("pk")
)
holding = Incumbency.objects.current()
held = set(holding.filter(post__organisation=trust).values_list("post_id", flat=True))
used = set()


def first(predicate):
    post = next(post for post in posts if post.pk not in used and predicate(post))
    used.add(post.pk)
    return post


def unique(people):
    return next(
        person for person in people
        if not Person.objects.filter(first_name=person.first_name, last_name=person.last_name)
        .exclude(pk=person.pk).exists()
    )


def post_data(post):
    return {"id": post.pk, "title": post.title}


def person_data(person):
    name = person.organisation.display_name if person.organisation else ""
    return {"id": person.pk, "name": person.full_name, "organisation": name}


# Journeys 1-3: a post whose holder stays, so the slate is the whole story.
story = first(lambda post: post.role == PostRole.FINANCE_DIRECTOR and post.pk in held)
# Journey 7: a nominee who holds another post of the trust.
appointment = (
    active.filter(
        plan__post__organisation=trust,
        person__incumbencies__in=holding.filter(post__organisation=trust),
    )
    .exclude(plan__post_id__in=used)
    .select_related("person", "plan__post")
    .order_by("plan__post__role", "pk")
    .first()
)
left = holding.select_related("post").get(person=appointment.person, post__organisation=trust)
used.update({appointment.plan.post_id, left.post_id})
# Journey 4: two editors of one successor; also the accessibility checks' post and plan pages.
conflict = first(lambda post: post.slate >= 1)
# Journey 9: the keyboard names an emergency cover on a slate without one.
keyboard = first(lambda post: post.slate >= 1 and post.cover == 0)
# Journey 8: the HR director's journey without JavaScript, on a post with an empty slate.
no_js = first(lambda post: post.slate == 0 and post.pk in held)

# Someone of the trust's own on no slate and holding no post; and a national talent pool member
# of another trust who agreed to be seen by other organisations.
free = Person.objects.exclude(pk__in=holding.values("person_id")).order_by(
    "last_name", "first_name", "pk"
)
colleague = unique(free.filter(organisation=trust).exclude(pk__in=active.values("person_id")))
pool_member = unique(
    free.filter(
        talent_profile__in_national_pool=True,
        talent_profile__visible_to_other_organisations=True,
        organisation__kind__in=OrganisationKind.trust_kinds(),
    )
    .exclude(organisation=trust)
    .exclude(pk__in=active.filter(plan__post__organisation=trust).values("person_id"))
    .select_related("organisation")
)
other_post = Post.objects.filter(organisation=other).order_by("pk").first()

print(MARK + json.dumps({
    "trust": {"ods_code": trust.ods_code, "name": trust.display_name},
    "other_trust": {"ods_code": other.ods_code, "name": other.display_name, "post_id": other_post.pk},
    "other_hr_director": bob.username,
    "story_post": post_data(story),
    "conflict_post": post_data(conflict),
    "keyboard_post": post_data(keyboard),
    "no_js_post": post_data(no_js),
    "appointment": {
        "post": post_data(appointment.plan.post),
        "nominee": person_data(appointment.person),
        "left_post": post_data(left.post),
    },
    "colleague": person_data(colleague),
    "pool_member": person_data(pool_member),
}))
"""
)


@pytest.fixture(scope="session")
def world(manage_py) -> dict:
    """The posts and people the journeys use (ids, titles, names), read from the live database."""
    output = manage_py("shell", "-c", WORLD_SCRIPT)
    line = next(line for line in output.splitlines() if line.startswith(WORLD_MARK))
    return json.loads(line.removeprefix(WORLD_MARK))


# --- The service with DEBUG off -------------------------------------------------------------------

ERROR_PAGES_SETTINGS = '''"""make run's settings with DEBUG off, as a deployed service runs: its own error pages."""
from config.settings.local import *  # noqa: F403

DEBUG = False
WHITENOISE_USE_FINDERS = True  # no collectstatic: serve the static files from where they are
'''


@pytest.fixture(scope="session")
def error_pages_url(server_env, live_server_url, tmp_path_factory) -> str:
    """A second gunicorn on the same database with DEBUG off: `make run` keeps DEBUG on, which
    answers a 404 with Django's technical page, not the page a user of the service would see."""
    folder = tmp_path_factory.mktemp("error-pages")
    (folder / "error_pages_settings.py").write_text(ERROR_PAGES_SETTINGS)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **server_env,
        "DJANGO_SETTINGS_MODULE": "error_pages_settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(folder), server_env.get("PYTHONPATH")])),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    log_path = folder / "gunicorn.log"
    server = start_procfile_process("web", env, log_path)
    try:
        wait_until_healthy(url, server, log_path)
        yield url
    finally:
        stop(server)


# --- Accessibility --------------------------------------------------------------------------------


@pytest.fixture
def a11y() -> AccessibilityChecker:
    """a11y.check(page, name) runs axe-core on the page as it is; a11y.violations lists every
    serious or critical violation found, a11y.report() says where."""
    return AccessibilityChecker()
