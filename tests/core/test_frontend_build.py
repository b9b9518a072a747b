"""The front end a page downloads before it is drawn: only the design system's components our
templates use, and no script that holds the first paint back."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
COMPONENTS = ROOT / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk" / "components"
MAIN_SCSS = ROOT / "static" / "scss" / "main.scss"
# Where our markup lives: templates (the crispy pack in templates/nhsuk/ too), the tags that
# draw components, and our scripts.
SOURCES = [
    *(ROOT / "templates").rglob("*.html"),
    *(ROOT / "core" / "templatetags").glob("*.py"),
    *(ROOT / "static" / "js").glob("*.*js"),
]
# Class prefixes whose component folder has another name, and components drawn by a class built
# at run time: the crispy pack's choices.html writes nhsuk-{{ f.kind }}, radios or checkboxes.
FOLDER_FOR_CLASS = {"table": "tables"}
BUILT_AT_RUN_TIME = {"radios", "checkboxes"}


def components_with_styles() -> set[str]:
    return {folder.name for folder in COMPONENTS.iterdir() if (folder / "_index.scss").exists()}


def components_used() -> set[str]:
    available = components_with_styles()
    used = set(BUILT_AT_RUN_TIME)
    for source in SOURCES:
        for name in re.findall(r"nhsuk-([a-z-]+?)(?:__|--|[^a-z-]|$)", source.read_text()):
            folder = FOLDER_FOR_CLASS.get(name, name)
            if folder in available:
                used.add(folder)
    return used


def components_imported() -> set[str]:
    return set(
        re.findall(r'@use "nhsuk-frontend/dist/nhsuk/components/([a-z-]+)"', MAIN_SCSS.read_text())
    )


def test_the_design_system_package_is_installed():
    assert COMPONENTS.is_dir(), "node_modules/nhsuk-frontend is missing: run npm ci"
    assert {"button", "header", "tables"} <= components_with_styles()


def test_every_component_the_templates_use_is_in_the_css():
    missing = components_used() - components_imported()

    assert not missing, f"add to static/scss/main.scss: {sorted(missing)}"


def test_no_component_is_in_the_css_that_no_template_uses():
    unused = components_imported() - components_used()

    assert not unused, f"remove from static/scss/main.scss: {sorted(unused)}"


def test_main_scss_does_not_import_the_whole_bundle():
    assert not re.search(r'@use "nhsuk-frontend/dist/nhsuk"', MAIN_SCSS.read_text())


@pytest.mark.django_db
def test_a_page_has_no_script_that_blocks_its_first_paint(client_for, hr_director):
    response = client_for(hr_director).get("/")

    page = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page):
        assert re.search(r'type="module"|\bdefer\b|\basync\b', tag), tag


@pytest.mark.django_db
def test_the_inline_script_is_allowed_by_its_hash_not_by_unsafe_inline(client_for, hr_director):
    response = client_for(hr_director).get("/")

    inline = re.findall(r"<script>(.*?)</script>", response.content.decode(), flags=re.S)
    assert inline == [settings.JS_ENABLED_SCRIPT]
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert f"'sha256-{digest}'" in script_src
    assert "unsafe-inline" not in script_src
