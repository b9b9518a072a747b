"""A request over the size limits gets the NHS page that says the limit, under every settings
module and with DEBUG on too, never a debug page or a server error (docs/adr/0014-bad-input.md).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from core.limits import size_in_words
from tests.pages import text_of

pytestmark = pytest.mark.django_db


def upload_url(trust):
    return reverse("succession:import_upload", args=[trust.ods_code])


def test_sizes_are_said_in_words():
    assert size_in_words(5 * 1024 * 1024) == "5 MB"
    assert size_in_words(2_621_440) == "2.5 MB"
    assert size_in_words(512 * 1024) == "512 KB"
    assert size_in_words(100) == "100 bytes"


@pytest.mark.parametrize("debug", [False, True], ids=["debug off", "debug on"])
def test_a_file_over_the_upload_limit_gets_the_page_saying_the_limit(
    client_for, hr_director, trust, settings, debug
):
    settings.DEBUG = debug
    big = SimpleUploadedFile("posts.csv", b"x" * (5 * 1024 * 1024 + 1))

    response = client_for(hr_director).post(upload_url(trust), {"file": big})

    assert response.status_code == 413
    page = text_of(response)
    assert "The file is too large" in page
    assert "The file must be smaller than 5 MB." in page
    assert "Traceback" not in response.content.decode()
    assert 'class="nhsuk-header' in response.content.decode()


@pytest.mark.parametrize("debug", [False, True], ids=["debug off", "debug on"])
def test_a_form_over_the_text_limit_gets_the_page_saying_the_limit(
    client_for, hr_director, trust, settings, debug
):
    settings.DEBUG = debug

    response = client_for(hr_director).post(
        reverse("succession:post_create", args=[trust.ods_code]), {"title": "x" * 2_700_000}
    )

    assert response.status_code == 413
    assert "A form must send less than 2.5 MB of text." in text_of(response)


@pytest.mark.parametrize("debug", [False, True], ids=["debug off", "debug on"])
def test_a_form_with_too_many_fields_gets_the_page_saying_the_limit(
    client_for, hr_director, trust, settings, debug
):
    settings.DEBUG = debug
    fields = {f"field{n}": "x" for n in range(1001)}

    response = client_for(hr_director).post(
        reverse("succession:post_create", args=[trust.ods_code]), fields
    )

    assert response.status_code == 400
    assert "A form may send at most 1,000." in text_of(response)


def test_too_many_files_gets_the_page_saying_the_limit(client_for, hr_director, trust):
    files = {f"file{n}": SimpleUploadedFile(f"{n}.csv", b"x") for n in range(11)}

    response = client_for(hr_director).post(upload_url(trust), files)

    assert response.status_code == 400
    assert "A form may send at most 10 files." in text_of(response)


def test_an_upload_with_no_length_given_is_still_stopped_at_the_limit(settings):
    """A chunked upload says no Content-Length: the handler counts what arrives."""
    from django.core.files.uploadhandler import load_handler

    from core.limits import UploadTooBig

    handler = load_handler("core.limits.UploadSizeLimitHandler")
    handler.handle_raw_input(None, {}, None, b"boundary")
    handler.receive_data_chunk(b"x" * settings.REQUEST_MAX_UPLOAD_BYTES, 0)
    with pytest.raises(UploadTooBig):
        handler.receive_data_chunk(b"x", settings.REQUEST_MAX_UPLOAD_BYTES)


@pytest.mark.parametrize(
    "module", ["config.settings.local", "config.settings.test", "config.settings.production"]
)
def test_every_settings_module_has_the_limits_and_their_middleware(module, monkeypatch):
    import importlib

    for name, value in {
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "sqlite:///:memory:",
        "CELERY_BROKER_URL": "memory://",
    }.items():
        monkeypatch.setenv(name, value)
    settings_module = importlib.import_module(module)

    assert "core.limits.RequestLimitsMiddleware" in settings_module.MIDDLEWARE
    assert settings_module.FILE_UPLOAD_HANDLERS[0] == "core.limits.UploadSizeLimitHandler"
    assert settings_module.REQUEST_MAX_UPLOAD_BYTES == 5 * 1024 * 1024
    assert settings_module.REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"][0] == "core.parsers.JSONParser"


@override_settings(DEBUG=True)
def test_a_sign_in_form_over_the_limit_gets_the_page_before_anyone_is_signed_in(client):
    response = client.post(reverse("accounts:login"), {"username": "x" * 2_700_000})

    assert response.status_code == 413
    assert "A form must send less than 2.5 MB of text." in text_of(response)
