from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import check_broker, check_database


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when the database and the broker answer; 503 naming whichever does not."""
    checks = {"database": check_database(), "broker": check_broker()}
    failing = {name: error for name, error in checks.items() if error}
    body = {
        "status": "ok" if not failing else "unavailable",
        "checks": {name: ("ok" if not error else "failing") for name, error in checks.items()},
    }
    if failing:
        body["failing"] = sorted(failing)
        body["errors"] = failing
    return JsonResponse(body, status=503 if failing else 200)


@login_not_required
@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html")


@login_not_required
@require_GET
def privacy(request):
    return render(request, "core/privacy.html")


@login_not_required
def csrf_failure(request, reason=""):
    """A form was sent without a valid security token (often an expired session)."""
    return render(request, "403_csrf.html", status=403)


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on pages (such as the admin) that do not name an icon."""
    return HttpResponsePermanentRedirect(static("dist/images/favicon.ico"))


API_NOT_FOUND = "Nothing is at this address in the API: /api/schema/ lists every address it has."


def page_not_found(request, exception):
    """Django's 404 page, except under /api/, where a program gets JSON like the API's own 404s
    rather than an HTML page it cannot read."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": API_NOT_FOUND}, status=404)
    return defaults.page_not_found(request, exception)
