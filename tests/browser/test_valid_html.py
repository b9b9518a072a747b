"""Valid HTML: the Nu Html Checker finds no error in any page the browser journeys reached.

Runs after every other browser test of the session (conftest moves it last), over the pages they
saved into test-results/pages/ (see vnu.py). On its own it has nothing to check and skips."""

import pytest

from tests.browser.vnu import PageArchive, java, report, validate
from tests.integration.support import service_missing

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def java_path() -> str:
    if not java():
        service_missing("Java is not installed (apt-get install -y default-jre-headless)")
    return java()


def test_vnu_finds_an_error_planted_in_a_page(java_path, tmp_path):
    """The check can fail: a heading given the role of a status, as the no-results pages had."""
    planted = tmp_path / "planted.html"
    planted.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Planted</title></head>\n'
        '<body><main><h1>Results</h1>\n<h2 role="status">No people found</h2></main></body></html>'
    )

    errors = validate({planted: "http://example.test/planted/"})

    assert [(error.url, error.line) for error in errors] == [("http://example.test/planted/", 3)]
    assert "Bad value “status” for attribute “role” on element “h2”" in errors[0].message
    assert "http://example.test/planted/ line 3" in report(errors, 1)


def test_every_page_the_journeys_reached_is_valid_html(java_path, page_archive: PageArchive):
    pages = page_archive.pages()
    if not pages:
        pytest.skip("no browser journey ran in this session: run it with them (pytest -m browser)")

    errors = validate(pages)

    assert errors == [], report(errors, len(pages))
