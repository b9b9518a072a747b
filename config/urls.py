from django.contrib import admin
from django.urls import URLResolver, include, path
from django_otp.admin import OTPAdminSite

from accounts.forms import AdminSignInForm
from core import views as core_views
from notifications import views as notifications_views

# Staff need a second factor for the admin: a one-time code from an authenticator app (TOTP)
# or a printed backup code, on top of their password.
admin.site.__class__ = OTPAdminSite
admin.site.login_form = AdminSignInForm


def capabilities(namespace: str, *modules: tuple[str, str]) -> URLResolver:
    """Capability modules that share one URL namespace, each included at its own prefix.

    Django keeps a single resolver per namespace, so the modules are grouped under one include:
    `{% url "talent:pipeline" %}` reaches talent.urls.pipeline through "talent-pool/pipeline/".
    Prefixes are plain words; a path's converters stay in its module, next to its view.
    """
    return path(
        "", include(([path(prefix, include(module)) for prefix, module in modules], namespace))
    )


urlpatterns = [
    path("", notifications_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("accounts/", include("accounts.urls")),
    path("organisations/", include("orgs.urls")),
    path("notifications/", include("notifications.urls")),
    capabilities(
        "succession",
        ("", "succession.urls.board"),
        ("organisations/", "succession.urls.imports"),
        ("posts/", "succession.urls.posts"),
        ("posts/", "succession.urls.plans"),
    ),
    capabilities(
        "risk",
        ("risk/", "risk.urls.dashboard"),
        ("risk/method/", "risk.urls.method"),
    ),
    capabilities(
        "talent",
        ("people/", "succession.urls.people"),
        ("talent-pool/", "succession.urls.pool"),
        ("talent-pool/calibration/", "talent.urls.calibration"),
        ("talent-pool/pipeline/", "succession.urls.pipeline"),
        ("talent-pool/equality/", "succession.urls.equality"),
    ),
    capabilities(
        "pledges",
        ("pledges/", "pledges.urls.pledges"),
        ("pledges/reports/", "pledges.urls.reports"),
    ),
    path("api/", include("config.api_urls")),
    path("admin/", admin.site.urls),
]

# Unknown addresses under /api/ are answered in JSON (ADR 0020); elsewhere Django's 404 page.
handler404 = "core.views.page_not_found"
