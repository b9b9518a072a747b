"""The pipeline page: supply of ready people against posts to fill, nationally and by region."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from succession.selectors.pipeline import pipeline as build_pipeline
from succession.selectors.pool import regions_with_organisations
from talent.forms.pool import RegionFilterForm


@require_GET
def pipeline(request):
    if not request.user.has_perm("talent.see_pipeline"):
        raise PermissionDenied
    form = RegionFilterForm(request.GET or None, regions=regions_with_organisations())
    region = None
    if form.is_bound and form.is_valid():
        region = form.cleaned_data["region"]
    figures = build_pipeline()
    return render(
        request,
        "talent/pipeline.html",
        {
            "form": form,
            "region": region,
            "rows": figures.for_region(region),
            "regions": figures.regions,
        },
    )
