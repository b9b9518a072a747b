"""Every environment variable the settings read is listed in .env.example and in the README."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ENV_READ = re.compile(r"""env(?:\.[a-z_]+)?\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def environment_variables_read() -> set[str]:
    names = set()
    for path in (ROOT / "config").rglob("*.py"):
        names.update(ENV_READ.findall(path.read_text()))
    return names


def test_the_settings_read_their_environment_variables():
    assert {
        "DJANGO_SECRET_KEY",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
    } <= environment_variables_read()


def test_every_environment_variable_is_in_env_example():
    documented = set(
        re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    )

    assert environment_variables_read() - documented == set()


def test_every_environment_variable_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()

    missing = {name for name in environment_variables_read() if f"`{name}`" not in readme}
    assert missing == set()
