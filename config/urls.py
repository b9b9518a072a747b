from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from accounts import views as accounts_views
from accounts.forms import AdminSignInForm
from core import views as core_views

# Staff need a second factor for the admin: a one-time code from an authenticator app (TOTP)
# or a printed backup code, on top of their password.
admin.site.__class__ = OTPAdminSite
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("accounts/", include("accounts.urls")),
    path("organisations/", include("orgs.urls")),
    path("", include("succession.urls")),
    path("", include("risk.urls")),
    path("", include("talent.urls")),
    path("pledges/", include("pledges.urls")),
    path("api/", include("config.api_urls")),
    path("admin/", admin.site.urls),
]
