"""Equality breakdowns: boards, pipeline and pool, nationally and by region. Every view and
every export is written to the audit log (who, what, which filters, when; no equality values)."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from succession.selectors import equality as selectors
from talent.equality import SUPPRESSED
from talent.forms.pool import EqualityFilterForm
from talent.models import EqualityAuditEntry
from talent.services.equality import equality_audit_record


def _filters(request):
    if not request.user.has_perm("talent.see_equality_breakdowns"):
        raise PermissionDenied
    regions = selectors.regions_for_breakdowns()
    form = EqualityFilterForm(
        request.GET or None,
        regions=regions,
        dimensions=[(key, dimension.label) for key, dimension in selectors.DIMENSIONS.items()],
    )
    dimension_key, region = selectors.DEFAULT_DIMENSION, None
    if form.is_bound:
        form.is_valid()
        dimension_key = form.cleaned_data.get("dimension") or selectors.DEFAULT_DIMENSION
        region = form.cleaned_data.get("region")
    dimension = selectors.DIMENSIONS[dimension_key]
    areas = [region] if region is not None else [None, *regions]
    filters = {"dimension": dimension.key, "region": region.code if region else "all"}
    return form, dimension, areas, filters


@require_GET
def equality(request):
    form, dimension, areas, filters = _filters(request)
    equality_audit_record(
        user=request.user,
        action=EqualityAuditEntry.Action.VIEWED,
        page="Equality breakdowns",
        filters=filters,
    )
    breakdowns = [selectors.equality_breakdown(dimension=dimension, region=area) for area in areas]
    return render(
        request,
        "talent/equality.html",
        {
            "form": form,
            "dimension": dimension,
            "breakdowns": breakdowns,
            "suppressed": SUPPRESSED,
            "export_query": request.GET.urlencode(),
        },
    )


def _figure(value) -> str:
    return "" if value is None else str(value)


@require_GET
def equality_export(request):
    """The same tables as the page, as CSV: every figure below national level as published."""
    _form, dimension, areas, filters = _filters(request)
    equality_audit_record(
        user=request.user,
        action=EqualityAuditEntry.Action.EXPORTED,
        page="Equality breakdowns (CSV export)",
        filters={**filters, "format": "csv"},
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="equality-{dimension.key}-{filters["region"]}-{stamp}.csv"'
    )
    writer = csv.writer(response)
    header = ["Area", "Figures", dimension.label]
    for _key, label in selectors.GROUPS:
        header += [f"{label}: number", f"{label}: %"]
    writer.writerow(header)
    for area in areas:
        breakdown = selectors.equality_breakdown(dimension=dimension, region=area)
        kind = "Actual numbers" if breakdown.is_national else "Rounded to 5; * is 1 to 7"
        for row in [*breakdown.rows]:
            line = [breakdown.area, kind, row.label]
            for cell in row.cells:
                line += [_figure(cell.count), _figure(cell.percentage)]
            writer.writerow(line)
        total = [breakdown.area, kind, "Total"]
        for cell in breakdown.totals:
            total += [_figure(cell.count), _figure(cell.percentage)]
        writer.writerow(total)
    return response
