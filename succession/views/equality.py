"""Equality breakdowns: boards, pipeline and pool, in England and each region, as last
published. Every view and export is written to the audit log (who, what, which filters, when; no
equality values); so is every publication of new figures."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from succession.equality_snapshots import equality_snapshot_publish
from succession.schedule import next_equality_publication
from succession.selectors import equality as selectors
from talent.equality import SUPPRESSED
from talent.forms.pool import EqualityFilterForm
from talent.models import EqualityAuditEntry
from talent.services.equality import equality_audit_record

PUBLISH_PERMISSION = "talent.publish_equality_figures"
RULE = "Rounded to 5; * is 1 to 7"


def _when(moment) -> str:
    moment = timezone.localtime(moment)
    return f"{moment:%-d %B %Y} at {moment:%H:%M}"


def published_on(snapshot) -> str:
    return f"Figures published on {_when(snapshot.made_at)}"


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
    filters = {"dimension": dimension.key, "region": region.code if region else "all"}
    return form, dimension, region, filters


@require_GET
def equality(request):
    form, dimension, region, filters = _filters(request)
    equality_audit_record(
        user=request.user,
        action=EqualityAuditEntry.Action.VIEWED,
        page="Equality breakdowns",
        filters=filters,
    )
    snapshot = selectors.latest_equality_snapshot()
    breakdowns = (
        selectors.snapshot_breakdowns(snapshot, dimension=dimension, region=region)
        if snapshot is not None
        else []
    )
    return render(
        request,
        "talent/equality.html",
        {
            "form": form,
            "dimension": dimension,
            "snapshot": snapshot,
            "published_on": published_on(snapshot) if snapshot is not None else "",
            "next_due": _when(next_equality_publication(timezone.now())),
            "breakdowns": breakdowns,
            "suppressed": SUPPRESSED,
            "export_query": request.GET.urlencode(),
            "may_publish": request.user.has_perm(PUBLISH_PERMISSION),
        },
    )


def _figure(value) -> str:
    return "" if value is None else str(value)


@require_GET
def equality_export(request):
    """The same tables as the page, as CSV, from the same snapshot; its first row says when the
    figures were published."""
    _form, dimension, region, filters = _filters(request)
    equality_audit_record(
        user=request.user,
        action=EqualityAuditEntry.Action.EXPORTED,
        page="Equality breakdowns (CSV export)",
        filters={**filters, "format": "csv"},
    )
    snapshot = selectors.latest_equality_snapshot()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = (
        timezone.localtime(snapshot.made_at).strftime("%Y-%m-%d-%H%M")
        if snapshot is not None
        else "none"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="equality-{dimension.key}-{filters["region"]}-{stamp}.csv"'
    )
    writer = csv.writer(response)
    if snapshot is None:
        writer.writerow(["No equality figures have been published yet"])
        return response
    writer.writerow([published_on(snapshot)])
    header = ["Area", "Figures", dimension.label]
    for _key, label in selectors.GROUPS:
        header += [f"{label}: number", f"{label}: %"]
    writer.writerow(header)
    for breakdown in selectors.snapshot_breakdowns(snapshot, dimension=dimension, region=region):
        for row in breakdown.rows:
            line = [breakdown.area, RULE, row.label]
            for cell in row.cells:
                line += [_figure(cell.count), _figure(cell.percentage)]
            writer.writerow(line)
        total = [breakdown.area, RULE, "Total"]
        for cell in breakdown.totals:
            total += [_figure(cell.count), _figure(cell.percentage)]
        writer.writerow(total)
    return response


@require_POST
def equality_publish(request):
    """Publish new figures now: a holder of the equality permission only."""
    if not request.user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied
    snapshot = equality_snapshot_publish(by=request.user)
    messages.success(request, f"New equality figures published. {published_on(snapshot)}.")
    return redirect("talent:equality")
