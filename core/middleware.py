"""Response headers every page shares."""

from django.conf import settings
from django.http import JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control

from .limits import FORM_CONTENT_TYPES

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# core.api's message, said here too: core.api imports DRF, which a middleware need not load.
JSON_REQUIRED = "JSON is required: send the body as JSON with Content-Type: application/json."


class PermissionsPolicyMiddleware:
    """Turns off the browser features the service never uses (settings.PERMISSIONS_POLICY), so a
    script that got in somehow still cannot reach the camera, the location or a payment sheet.
    Placed before WhiteNoise so that static files carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class NoStoreWhenSignedInMiddleware:
    """Nothing a signed-in user is shown stays in a browser's or a proxy's cache: on a shared
    ward computer the next person could open it from the history. Every answer to a request made
    signed in, or that signs someone in or out, is `Cache-Control: no-store, private`: pages, the
    API, exports and error pages alike. Placed after WhiteNoise, whose static files keep their
    long caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            if "no-store" in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True)  # keeps never_cache's extras
            else:
                response["Cache-Control"] = "no-store, private"
        return response


class ApiJsonOnlyMiddleware:
    """The API takes JSON only (ADR 0020). A form or multipart body sent to it is a 415 saying
    JSON is required, answered before anything reads the form: once Django has parsed a form,
    DRF would take it as an empty body and answer 400 "this field is required" instead. Other
    bodies that are not JSON reach DRF, whose 415 says the same (core.api.exception_handler)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith("/api/")
            and request.method in BODY_METHODS
            and request.content_type in FORM_CONTENT_TYPES
        ):
            return JsonResponse({"detail": JSON_REQUIRED}, status=415)
        return self.get_response(request)


class GZipTextMiddleware(GZipMiddleware):
    """Django's GZip middleware (with its BREACH mitigation: random bytes in each gzip header),
    for text only: pages, CSV and JSON shrink to a fifth, while an XLSX workbook (already a zip)
    or an image would only cost time. Placed after WhiteNoise, which serves static files
    compressed ahead of time, and before every middleware that reads or writes a body."""

    COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml")
    COMPRESSIBLE_SUFFIXES = ("+json", "+xml")

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if not (
            content_type.startswith(self.COMPRESSIBLE)
            or content_type.endswith(self.COMPRESSIBLE_SUFFIXES)
        ):
            return response
        return super().process_response(request, response)
