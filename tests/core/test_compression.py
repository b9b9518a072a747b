"""Answers go out gzipped to a client that asks (pages, CSV exports and the API), with Django's
BREACH-aware GZip middleware, and only where compressing pays: an XLSX workbook is a zip already."""

import gzip

import pytest

from risk import recalculation
from talent.models import PostRole
from tests.succession.factories import make_post

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def scored_posts(trust):
    for role, title in [
        (PostRole.CHIEF_EXECUTIVE, "Chief executive"),
        (PostRole.FINANCE_DIRECTOR, "Director of finance"),
        (PostRole.CHIEF_NURSE, "Chief nurse"),
        (PostRole.MEDICAL_DIRECTOR, "Medical director"),
    ]:
        make_post(trust, role, title)
    recalculation.recalculate_all()


def test_a_page_comes_back_gzipped_when_the_browser_asks(client_for, hr_director, scored_posts):
    plain = client_for(hr_director).get("/risk/")
    response = client_for(hr_director).get("/risk/", **GZIP)

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    page = gzip.decompress(response.content).decode()
    assert "Director of finance" in page
    assert len(response.content) < len(plain.content) / 2


def test_a_page_is_not_gzipped_for_a_client_that_does_not_ask(client_for, hr_director):
    response = client_for(hr_director).get("/")

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert "<html" in response.text


def test_a_csv_export_comes_back_gzipped(client_for, hr_director, scored_posts):
    response = client_for(hr_director).get("/risk/export.csv", **GZIP)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Encoding"] == "gzip"
    body = response.getvalue() if response.streaming else response.content
    assert "Chief executive" in gzip.decompress(body).decode("utf-8-sig")


def test_an_api_answer_comes_back_gzipped(client_for, talent_team, trust, other_trust):
    response = client_for(talent_team).get(
        "/api/organisations/", HTTP_ACCEPT="application/json", **GZIP
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Encoding"] == "gzip"
    assert trust.name in gzip.decompress(response.content).decode()


def test_an_xlsx_export_is_not_compressed_again(client_for, hr_director, scored_posts):
    response = client_for(hr_director).get("/risk/export.xlsx", **GZIP)

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert response.content[:2] == b"PK"  # the workbook's own zip


def test_each_gzipped_answer_differs_so_its_length_gives_nothing_away(
    client_for, talent_team, trust
):
    """Heal the BREACH: the middleware pads each gzip header with random bytes, so the length of
    an encrypted answer cannot be used to guess a secret on the page a byte at a time."""
    client = client_for(talent_team)
    bodies = [
        client.get("/api/organisations/", HTTP_ACCEPT="application/json", **GZIP).content
        for _ in range(5)
    ]

    assert len({gzip.decompress(body) for body in bodies}) == 1
    assert len(set(bodies)) > 1
