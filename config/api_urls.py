"""The REST API: one router for every app's viewsets, and the OpenAPI schema with its docs."""

import functools
import json

from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import path
from django.views.generic import TemplateView
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import APIRootView, DefaultRouter

from core.api_reference import ApiReference, api_reference
from orgs.api.views import OrganisationViewSet
from pledges.api.views import PledgeViewSet, ProgressUpdateViewSet, ReportViewSet
from succession.api.people_views import PersonViewSet
from succession.api.pool_views import TalentPoolViewSet
from succession.api.views import IncumbencyViewSet, NominationViewSet, PlanViewSet, PostViewSet
from talent.api.pool_views import CalibrationSessionViewSet


class ApiRootView(APIRootView):
    """The address of each resource's list."""

    # JSON only, here and in the viewsets: DRF's browsable pages use inline styles, which the
    # Content-Security-Policy blocks. The page for people is the documentation at /api/docs/.
    renderer_classes = [JSONRenderer]


class ApiRouter(DefaultRouter):
    APIRootView = ApiRootView
    # No `.json` suffixes: JSON is all there is, and the schema is clearer without them.
    include_format_suffixes = False


# Path converters, not regular expressions: ids are integers in the URLs and in the schema.
router = ApiRouter(use_regex_path=False)
router.register("organisations", OrganisationViewSet, basename="api-organisation")
router.register("posts", PostViewSet, basename="api-post")
router.register("incumbencies", IncumbencyViewSet, basename="api-incumbency")
router.register("people", PersonViewSet, basename="api-person")
router.register("plans", PlanViewSet, basename="api-plan")
router.register("nominations", NominationViewSet, basename="api-nomination")
router.register("talent-pool", TalentPoolViewSet, basename="api-talent-pool")
router.register(
    "calibration-sessions", CalibrationSessionViewSet, basename="api-calibration-session"
)
router.register("pledges", PledgeViewSet, basename="api-pledge")
router.register("pledge-updates", ProgressUpdateViewSet, basename="api-pledge-update")
router.register("pledge-reports", ReportViewSet, basename="api-pledge-report")


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema, for signed-in users only (drf-spectacular serves it to anyone)."""

    permission_classes = [IsAuthenticated]

    def handle_exception(self, exc):
        # Errors in JSON like the rest of the API, whichever format the schema was asked for in.
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response


@functools.cache
def reference() -> ApiReference:
    """The reference, worked out once per process: the schema is the same for every caller."""
    generator = SpectacularAPIView.generator_class(urlconf=SpectacularAPIView.urlconf)
    schema = generator.get_schema(request=None, public=True)
    # Through the schema's own JSON renderer, so the page reads what /api/schema/ serves.
    return api_reference(json.loads(OpenApiJsonRenderer().render(schema, renderer_context={})))


class DocsView(TemplateView):
    """The API reference for people: every operation and schema of /api/schema/, drawn by our own
    NHS.UK template on the server (no script, nothing from another host; ADR 0021)."""

    template_name = "api/reference.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reference=reference(), **kwargs)


# The API's own views are login_not_required, so LoginRequiredMiddleware lets them through and
# DRF's authentication and IsAuthenticated answer an anonymous client with 403 in JSON, which a
# program can act on, rather than a redirect to the sign-in page. (DRF 3.16 and later mark its
# views so itself; saying it here keeps it true whatever version is installed.)
api_patterns = [*router.urls, path("schema/", SchemaView.as_view(), name="api-schema")]
for pattern in api_patterns:
    login_not_required(pattern.callback)

urlpatterns = [
    *api_patterns,
    # A page for people, who are better sent to sign in first.
    path("docs/", login_required(DocsView.as_view()), name="api-docs"),
]
