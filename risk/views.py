"""The succession-risk dashboard: figures, the at-risk table, the heat map and the trend; a post's
risk page; the exports; "recalculate now"; and the method page. The national team sees every
organisation, HR directors and chairs their own (the selectors decide)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import ORGANISATION_ROLES, is_national, organisations_for
from core.editing import EditConflict
from core.editing_views import require, show_conflict

from . import charts, exports, methods, recalculation, scoring
from . import selectors as risk
from .forms import APPLY_NOW, RiskFilterForm, RiskMethodForm
from .tasks import recalculate_risk

PAGE_SIZE = 25  # rows a page: each has its factors, and a short page draws quickly

# (sort key, heading, numeric) of the at-risk table's sortable columns, in table order.
TABLE_COLUMNS = [
    ("post", "Post", False),
    ("organisation", "Organisation", False),
    ("region", "Region", False),
    ("role", "Role", False),
    ("score", "Score", True),
]
ORGANISATION_COLUMNS = {"organisation", "region"}


def _require_dashboard(user) -> None:
    if not user.has_perm("succession.see_risk_dashboard") or not risk.may_see_risk(user):
        raise PermissionDenied


def _columns(request, filters, national: bool) -> list[dict]:
    """Each sortable column's heading, the link that sorts by it, and its aria-sort."""
    columns = []
    for key, label, numeric in TABLE_COLUMNS:
        if key in ORGANISATION_COLUMNS and not national:
            continue
        is_sorted = key == filters.sort
        query = request.GET.copy()
        query.pop("page", None)
        query["sort"] = key
        if is_sorted:
            query["order"] = "asc" if filters.descending else "desc"
        else:
            query["order"] = "desc" if numeric else "asc"
        columns.append(
            {
                "key": key,
                "label": label,
                "numeric": numeric,
                "url": f"?{query.urlencode()}",
                "aria_sort": ("descending" if filters.descending else "ascending")
                if is_sorted
                else "",
            }
        )
    return columns


def _trend(user, today, figures):
    points = risk.risk_trend(
        user=user, today=today, now_high=figures.high_risk if figures.posts else None
    )
    start = scoring.add_months(today, -risk.TREND_MONTHS)
    chart = charts.line_chart([(p.for_date, p.high) for p in points], start=start, end=today)
    description = ""
    if points:
        lowest = min(points, key=lambda p: p.high)
        highest = max(points, key=lambda p: p.high)
        description = (
            f"From {_day(points[0].for_date)} to {_day(points[-1].for_date)}, "
            f"{len(points)} nightly run{'s' if len(points) != 1 else ''}: lowest "
            f"{lowest.high:,} ({_day(lowest.for_date)}), highest {highest.high:,} "
            f"({_day(highest.for_date)}), latest {points[-1].high:,}."
        )
    return {
        "points": points,
        "chart": chart,
        "months": risk.monthly_trend(points),
        "description": description,
    }


def _day(day) -> str:
    return f"{day.day} {day:%B %Y}"


@require_GET
def dashboard(request):
    user = request.user
    _require_dashboard(user)
    national = is_national(user)
    form = RiskFilterForm(request.GET or None, national=national)
    filters = form.filters()
    rows = risk.risk_table(user=user, filters=filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.factor_labels = risk.factor_labels(row.factors)
    today = timezone.localdate()
    export_query = request.GET.copy()
    export_query.pop("page", None)
    # The figures, the trend's last point and the table all count the posts' latest scores.
    figures = risk.risk_figures(user=user)
    run = risk.latest_run()
    return render(
        request,
        "risk/dashboard/dashboard.html",
        {
            "national": national,
            "form": form,
            "filters": filters,
            "is_filtered": filters.is_filtered(),
            "page_obj": page,
            "rows": page.object_list,
            "columns": _columns(request, filters, national),
            "figures": figures,
            "version_mix": risk.version_mix(figures=figures, run=run),
            "heat_map": risk.risk_heat_map(user=user),
            "trend": _trend(user, today, figures),
            "run": run,
            "can_recalculate": user.has_perm("succession.recalculate_risk"),
            "export_query": export_query.urlencode(),
            "scope": _scope_name(user, national),
        },
    )


def _scope_name(user, national: bool) -> str:
    if national:
        return "All organisations"
    names = sorted({o.display_name for o in organisations_for(user, *ORGANISATION_ROLES)})
    return ", ".join(names)


@require_GET
def export(request, file_format: str):
    user = request.user
    _require_dashboard(user)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    form = RiskFilterForm(request.GET or None, national=is_national(user))
    rows = risk.risk_table(user=user, filters=form.filters())
    stamp = timezone.localdate().isoformat()
    if file_format == "csv":
        response = HttpResponse(exports.as_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.as_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="posts-at-risk-{stamp}.{file_format}"'
    return response


@require_GET
def post_risk(request, pk: int):
    user = request.user
    _require_dashboard(user)
    post = risk.post_risk_for_user(user=user, pk=pk)
    require(user, "succession.see_post", post)
    today = timezone.localdate()
    history = risk.post_risk_history(post, today=today)
    latest = risk.post_latest_risk(post)
    start = scoring.add_months(today, -risk.TREND_MONTHS)
    daily = {}
    for assessment in history:
        daily[assessment.run.for_date] = assessment.score  # the day's last assessment
    explained = risk.post_risk_explained(post, today=today) if post.abolished_on is None else None
    return render(
        request,
        "risk/post_risk.html",
        {
            "post": post,
            "latest": latest,
            "latest_factors": [
                (scoring.FACTOR_LABELS.get(key, key), points)
                for key, points in (latest.factors.items() if latest else [])
            ],
            "explained": explained,
            "explained_factors": [
                (scoring.FACTOR_LABELS[key], points)
                for key, points in (explained.assessment.factors.items() if explained else [])
            ],
            "out_of_reach": [
                scoring.FACTOR_LABELS[key] for key in (explained.out_of_reach if explained else [])
            ],
            "changes": risk.history_changes(history),
            "assessments_count": len(history),
            "chart": charts.line_chart(sorted(daily.items()), start=start, end=today),
            "history_description": _history_description(daily),
        },
    )


def _history_description(daily: dict) -> str:
    if not daily:
        return ""
    days = sorted(daily)
    scores = [daily[day] for day in days]
    return (
        f"From {_day(days[0])} to {_day(days[-1])}: lowest score {min(scores)}, highest "
        f"{max(scores)}, latest {scores[-1]}."
    )


def _queue_recalculation(request, *, queued: str) -> None:
    """Queue a "recalculate now" once this request's writes commit, and say so; or say which
    recalculation is already on its way."""
    try:
        run = recalculation.recalculation_request(by=request.user)
    except recalculation.RecalculationPending as pending:
        messages.info(
            request,
            "A recalculation is already "
            f"{pending.run.get_status_display().lower()} (asked for at "
            f"{timezone.localtime(pending.run.requested_at):%H:%M}). The scores below change "
            "when it finishes.",
        )
        return
    transaction.on_commit(lambda: recalculate_risk.delay(kind=run.kind, run_id=run.pk))
    messages.success(request, queued)


@require_POST
def recalculate(request):
    require(request.user, "succession.recalculate_risk", None)
    _queue_recalculation(
        request,
        queued="Recalculation queued. Every open post will be scored again in the next minute "
        "or so: reload this page to see when it has finished.",
    )
    return redirect("risk:dashboard")


@require_GET
def method(request):
    _require_dashboard(request.user)
    versions = methods.method_versions()
    changes = methods.version_changes(versions)
    for version in versions:
        version.changes = changes.get(version.version, [])
    current = next((v for v in versions if v.is_current), None) or methods.current_method()
    return render(
        request,
        "risk/method.html",
        {
            "method": current,
            "factors": [
                (factor.label, int(current.points.get(factor.key, 0))) for factor in scoring.FACTORS
            ],
            "versions": versions,
            "can_edit": request.user.has_perm("succession.edit_risk_method"),
        },
    )


@require_http_methods(["GET", "POST"])
def method_edit(request):
    require(request.user, "succession.edit_risk_method", None)
    current = methods.current_method()
    cancel_url = reverse("risk:method")
    form = RiskMethodForm(
        request.POST or None,
        initial=RiskMethodForm.initial_from(current),
        cancel_url=cancel_url,
    )
    context = {"form": form, "method": current}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            new = methods.risk_method_change(
                points=form.points(),
                high_from=form.cleaned_data["high_from"],
                medium_from=form.cleaned_data["medium_from"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            context.update(show_conflict(form, conflict))
            status = 409
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if form.cleaned_data["takes_effect"] == APPLY_NOW:
                _queue_recalculation(
                    request,
                    queued=f"Saved version {new.version} of the risk method and queued a "
                    "recalculation of every open post with it. Until it finishes, the dashboard "
                    "says how many posts each version scored.",
                )
                return redirect("risk:dashboard")
            messages.success(
                request,
                f"Saved version {new.version} of the risk method. Scores use it from the next "
                "nightly run; earlier scores keep the version they were made with.",
            )
            return redirect("risk:method")
    return render(request, "risk/method_form.html", context, status=status)
