"""Response headers every page shares."""

from django.conf import settings
from django.utils.cache import patch_cache_control


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
