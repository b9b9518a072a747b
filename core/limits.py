"""Requests over the size limits get the NHS page that says the limit, whatever DEBUG says.

Django raises RequestDataTooBig, TooManyFieldsSent and TooManyFilesSent when a form's data is
first read, and answers them with its debug page (DEBUG) or a bare 400. RequestLimitsMiddleware
reads a form's data first, before any view or middleware, and answers these itself; and
UploadSizeLimitHandler stops reading an upload at REQUEST_MAX_UPLOAD_BYTES, so a huge file never
reaches the disk or a worker's memory.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

FORM_CONTENT_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def size_in_words(size: int) -> str:
    """5242880 -> "5 MB", 2621440 -> "2.5 MB", 512000 -> "500 KB"."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:,} bytes"


class UploadTooBig(RequestDataTooBig):
    """An uploaded file went over REQUEST_MAX_UPLOAD_BYTES."""


class UploadSizeLimitHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: refuses a request whose body, or whose files together, are
    larger than REQUEST_MAX_UPLOAD_BYTES, before the other handlers keep any of it."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received = 0
        if content_length and content_length > settings.REQUEST_MAX_UPLOAD_BYTES:
            raise UploadTooBig("The upload is larger than REQUEST_MAX_UPLOAD_BYTES.")

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.REQUEST_MAX_UPLOAD_BYTES:
            raise UploadTooBig("The upload is larger than REQUEST_MAX_UPLOAD_BYTES.")
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_message(error: Exception) -> tuple[int, str, str]:
    """(status, heading, what to do) for a request over one of the limits."""
    if isinstance(error, UploadTooBig):
        limit = size_in_words(settings.REQUEST_MAX_UPLOAD_BYTES)
        return 413, "The file is too large", f"The file must be smaller than {limit}."
    if isinstance(error, RequestDataTooBig):
        limit = size_in_words(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return 413, "What you sent is too large", f"A form must send less than {limit} of text."
    if isinstance(error, TooManyFieldsSent):
        limit = f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}"
        return 400, "What you sent has too many answers", f"A form may send at most {limit}."
    limit = f"{settings.DATA_UPLOAD_MAX_NUMBER_FILES:,}"
    return 400, "What you sent has too many files", f"A form may send at most {limit} files."


def body_too_large_message() -> str:
    limit = size_in_words(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return f"The body is too large: it must be {limit} or smaller."


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def limit_response(error: Exception) -> HttpResponse:
    status, heading, detail = limit_message(error)
    # No request or context processors: the user is not known yet at this point.
    body = render_to_string("413.html", {"heading": heading, "detail": detail})
    return HttpResponse(body, status=status)


class RequestLimitsMiddleware:
    """Reads a POSTed form's data before anything else does, so that a request over the limits
    is answered with the NHS page saying the limit, never a debug page or a server error; any
    other body longer than DATA_UPLOAD_MAX_MEMORY_SIZE is refused unread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            try:
                request.POST  # noqa: B018 - reading it is the check
                request.FILES  # noqa: B018
            except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as error:
                return limit_response(error)
        elif _content_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            # Any other body (the API's JSON): the answer is JSON, as the API's errors are.
            return JsonResponse({"detail": body_too_large_message()}, status=400)
        return self.get_response(request)
