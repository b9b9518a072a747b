"""The layers between the apps (.importlinter) and the rule that views reach scoped models only
through selectors (scripts/lint_model_usage_in_views.py) hold today, and each check fails when
the rule is broken: a cycle put back, an import hidden inside a function, a bare query in a view.
See docs/adr/0013-who-sees-what-and-layers.md."""

import configparser
import importlib.util
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _root_packages() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    return config["importlinter"]["root_packages"].split()


def _load_view_lint():
    spec = importlib.util.spec_from_file_location(
        "lint_model_usage_in_views", ROOT / "scripts" / "lint_model_usage_in_views.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


view_lint = _load_view_lint()


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": str(LINT_IMPORTS.parent)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """The apps and .importlinter, copied, so that a test can break them without touching ours."""
    for package in _root_packages():
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def _add_module(root: Path, dotted: str, source: str) -> None:
    path = root.joinpath(*dotted.split(".")).with_suffix(".py")
    path.write_text(textwrap.dedent(source))


# --- The layers ---------------------------------------------------------------------------------


def test_every_import_contract_is_kept():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_talent_importing_succession_again_breaks_the_layers(project_copy):
    _add_module(project_copy, "talent.nominees", "from succession.models import Nomination\n")

    result = _lint_imports(project_copy)

    assert result.returncode == 1
    assert "talent is not allowed to import succession" in result.stdout
    assert "talent.nominees -> succession.models" in result.stdout


def test_an_import_hidden_inside_a_function_still_breaks_the_layers(project_copy):
    _add_module(
        project_copy,
        "succession.scores",
        """\
        def latest_score(post):
            from risk.models import LatestRisk

            return LatestRisk.objects.filter(post=post).first()
        """,
    )

    result = _lint_imports(project_copy)

    assert result.returncode == 1
    assert "succession.scores -> risk.models" in result.stdout


def test_core_importing_an_app_breaks_its_contract(project_copy):
    _add_module(project_copy, "core.who", "from accounts.roles import memberships_of\n")

    result = _lint_imports(project_copy)

    assert result.returncode == 1
    assert "core.who -> accounts.roles" in result.stdout


def test_pledges_importing_succession_breaks_its_contract(project_copy):
    _add_module(project_copy, "pledges.posts", "from succession.models import Post\n")

    result = _lint_imports(project_copy)

    assert result.returncode == 1
    assert "pledges.posts -> succession.models" in result.stdout


# --- No bare query of a scoped model in views ---------------------------------------------------


def test_no_view_queries_a_scoped_model_directly():
    assert view_lint.findings_in(ROOT) == []
    result = subprocess.run(
        [sys.executable, "scripts/lint_model_usage_in_views.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bare_query_of_a_scoped_model_in_a_view_is_found_with_its_line():
    source = textwrap.dedent(
        """\
        from talent.models import Person

        def person_list(request):
            return Person.objects.filter(organisation=request.user.organisation)
        """
    )

    findings = view_lint.findings_in_source(source, "talent/views/people.py")

    assert [(f.path, f.line, f.model) for f in findings] == [
        ("talent/views/people.py", 4, "Person")
    ]


def test_a_query_through_the_module_or_the_default_manager_is_found_too():
    source = textwrap.dedent(
        """\
        from succession import models

        def plans(request):
            return models.SuccessionPlan._default_manager.all(), models.Post.objects.all()
        """
    )

    models = [f.model for f in view_lint.findings_in_source(source)]

    assert models == ["SuccessionPlan", "Post"]


def test_reference_data_may_be_queried_in_a_view():
    source = "from orgs.models import Region\nregions = Region.objects.all()\n"

    assert view_lint.findings_in_source(source) == []


def test_the_lint_fails_when_a_view_module_has_a_bare_query(tmp_path):
    views = tmp_path / "talent" / "views"
    views.mkdir(parents=True)
    (views / "people.py").write_text("def page(request):\n    return Incumbency.objects.all()\n")
    (tmp_path / "talent" / "selectors.py").write_text("rows = Incumbency.objects.all()\n")

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "lint_model_usage_in_views.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert "talent/views/people.py:2: Incumbency.objects in a view" in result.stdout
    assert "selectors.py" not in result.stdout


@pytest.mark.parametrize(
    ("path", "is_view"),
    [
        ("talent/views.py", True),
        ("succession/views/pool.py", True),
        ("succession/api/pool_views.py", True),
        ("succession/api/views.py", True),
        ("risk/templatetags/risk.py", True),
        ("succession/selectors/pool.py", False),
        ("succession/api/serializers.py", False),
        ("talent/services/pool.py", False),
    ],
)
def test_views_api_views_and_template_tags_are_checked(path, is_view):
    assert view_lint.is_view_module(path) is is_view
