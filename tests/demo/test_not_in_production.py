"""The demo app is for local machines and the tests only: production settings neither install
nor import it, and no product module imports it, so a live service cannot load demo data or
hold the demo password."""

import ast
import json
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from django.test import override_settings

from accounts.models import User
from succession.models import Post
from tests.test_production import ROOT, production_env, run_django

PRODUCT_PACKAGES = ("accounts", "orgs", "talent", "succession", "risk", "pledges", "core", "config")
DEMO_COMMANDS = (
    "setup_demo",
    "load_demo_data",
    "load_risk_demo",
    "load_talent_demo_data",
    "load_pledge_demo_data",
    "benchmark_risk",
)


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved against its package."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _is_demo(module: str) -> bool:
    return module == "demo" or module.startswith("demo.")


@pytest.mark.slow
def test_production_settings_neither_install_nor_import_the_demo_app():
    result = run_django(
        """
        import json, sys
        import django
        from django.apps import apps
        from django.core.management import get_commands
        django.setup()
        import config.urls, config.wsgi, config.celery
        print(json.dumps({
            "installed": apps.is_installed("demo"),
            "modules": sorted(m for m in sys.modules if m == "demo" or m.startswith("demo.")),
            "commands": sorted(get_commands()),
        }))
        """,
        production_env(),
    )

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["installed"] is False
    assert found["modules"] == []
    assert "setup_service" in found["commands"]
    assert not set(DEMO_COMMANDS) & set(found["commands"])


def test_local_and_test_settings_install_the_demo_app_and_its_commands(settings):
    assert "demo" in settings.INSTALLED_APPS
    commands = get_commands()
    for command in DEMO_COMMANDS:
        assert commands[command] == "demo"


@pytest.mark.parametrize("package", PRODUCT_PACKAGES)
def test_no_product_module_imports_the_demo_app(package):
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for module in sorted(_imported_modules(path))
        if _is_demo(module)
    ]

    assert offenders == []


def test_the_import_scan_sees_absolute_and_relative_imports_of_demo():
    """The scan above would pass vacuously if it missed a form of import."""
    imported = _imported_modules(ROOT / "demo" / "boards" / "__init__.py")

    assert "demo.constants" in imported  # from demo.constants import ...
    assert "demo.boards.summary" in imported  # from .summary import ...


@pytest.mark.django_db
@pytest.mark.slow
def test_setup_service_without_the_demo_app_loads_the_organisations_and_no_demo_data(settings):
    apps_without_demo = [app for app in settings.INSTALLED_APPS if app != "demo"]
    with override_settings(INSTALLED_APPS=apps_without_demo):
        assert "load_demo_data" not in get_commands()
        call_command("setup_service")

    from orgs.models import Organisation

    assert Organisation.objects.exists()
    assert not User.objects.exists()
    assert not Post.objects.exists()
