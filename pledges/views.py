"""The pledge tracker, a pledge's page, and the forms that keep pledges, milestones, progress
updates and reports of inconsistency. Thin: permission -> selector or service -> template."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from core.editing_views import require, show_conflict

from . import selectors, services
from .forms import (
    MilestoneForm,
    PledgeEditForm,
    PledgeForm,
    ProgressUpdateForm,
    ReportForm,
    ResponseForm,
)
from .history import pledge_history
from .rules import reporting_organisations

# The change history on a pledge's page shows this many entries unless asked for all of them.
HISTORY_CAP = 50


def _posted(request):
    """The submitted form data, or None for a GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def _pledge_url(pledge, anchor: str = "") -> str:
    url = reverse("pledges:pledge_detail", args=[pledge.pk])
    return f"{url}#{anchor}" if anchor else url


# --- The tracker ------------------------------------------------------------------------------


def _cell_url(request, cell) -> str:
    """The tracker narrowed to one body and condition, keeping the other filters."""
    query = request.GET.copy()
    query["body"] = cell.body.ods_code
    query["condition"] = cell.condition.number
    return f"{reverse('pledges:tracker')}?{query.urlencode()}"


@require_GET
def tracker(request):
    filterset = selectors.pledge_filter(user=request.user, data=request.GET)
    board = selectors.tracker(user=request.user, filterset=filterset)
    for row in board.matrix:
        for cell in row.cells:
            cell.url = _cell_url(request, cell)
    query = request.GET.urlencode()
    return render(
        request,
        "pledges/tracker.html",
        {
            "filter": filterset,
            "tracker": board,
            "is_filtered": filterset.is_filtered,
            "export_url": reverse("pledges:export") + (f"?{query}" if query else ""),
            "can_create": request.user.has_perm("pledges.create_pledge"),
            "can_report": request.user.has_perm("pledges.report_inconsistency"),
        },
    )


def _spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula is written with a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return f"'{value}"
    return value


@require_GET
def export(request):
    filterset = selectors.pledge_filter(user=request.user, data=request.GET)
    rows = selectors.tracker_csv_rows(filterset)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"pledge-tracker-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(response, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_spreadsheet_safe(value) for value in row])
    return response


# --- Pledges ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def pledge_create(request):
    require(request.user, "pledges.create_pledge", None)
    bodies = selectors.bodies_for_new_pledge(request.user)
    form = PledgeForm(
        _posted(request),
        bodies=bodies,
        cancel_url=reverse("pledges:tracker"),
        submit="Add the pledge",
    )
    if request.method == "POST" and form.is_valid():
        body = form.chosen_body()
        require(request.user, "pledges.create_pledge", body)
        fields = {name: value for name, value in form.cleaned_data.items() if name != "body"}
        try:
            pledge = services.pledge_create(body=body, by=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Added the pledge “{pledge.title}”.")
            return redirect("pledges:pledge_detail", pledge_pk=pledge.pk)
    return render(
        request,
        "pledges/pledge_form.html",
        {"form": form, "heading": "Add a pledge", "only_body": form.only_body},
    )


@require_GET
def pledge_detail(request, pledge_pk):
    user = request.user
    pledge = selectors.pledge_for_user(user=user, pk=pledge_pk)
    history = pledge_history(pledge)
    show_all_history = request.GET.get("history") == "all"
    return render(
        request,
        "pledges/pledge_detail.html",
        {
            "pledge": pledge,
            "milestones": selectors.pledge_milestones(pledge),
            "timeline": selectors.pledge_timeline(user=user, pledge=pledge),
            "history": history if show_all_history else history[:HISTORY_CAP],
            "history_count": len(history),
            "history_capped": not show_all_history and len(history) > HISTORY_CAP,
            "can_edit": user.has_perm("pledges.edit_pledge", pledge),
            "can_record_progress": user.has_perm("pledges.record_progress", pledge),
            "can_respond": user.has_perm("pledges.respond_to_report", pledge),
            "can_report": user.has_perm("pledges.report_inconsistency"),
        },
    )


def _editable_pledge(request, pledge_pk, permission: str = "pledges.edit_pledge"):
    """The pledge (every signed-in user may see it) if the user may change it, else 403."""
    pledge = selectors.pledge_for_user(user=request.user, pk=pledge_pk)
    require(request.user, permission, pledge)
    return pledge


@require_http_methods(["GET", "POST"])
def pledge_edit(request, pledge_pk):
    pledge = _editable_pledge(request, pledge_pk)
    initial = {name: getattr(pledge, name) for name in services.PLEDGE_EDITABLE_FIELDS}
    initial["version"] = pledge.version
    form = PledgeEditForm(
        _posted(request), initial=initial, cancel_url=_pledge_url(pledge), submit="Save the pledge"
    )
    context = {"form": form, "pledge": pledge, "heading": "Change the pledge"}
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in services.PLEDGE_EDITABLE_FIELDS}
        try:
            services.pledge_update(
                pledge=pledge, expected_version=form.cleaned_data["version"], **changes
            )
        except services.EditConflict as conflict:
            context.update(show_conflict(form, conflict))
            return render(request, "pledges/pledge_form.html", context, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved the pledge.")
            return redirect("pledges:pledge_detail", pledge_pk=pledge.pk)
    return render(request, "pledges/pledge_form.html", context)


# --- Milestones -------------------------------------------------------------------------------


def _milestone_form(request, *, pledge, milestone=None):
    """Add a milestone (milestone None) or change one; both claim the pledge's version."""
    initial = {"version": pledge.version}
    if milestone is not None:
        initial |= {
            "title": milestone.title,
            "due_on": milestone.due_on,
            "achieved_on": milestone.achieved_on,
        }
    form = MilestoneForm(
        _posted(request),
        initial=initial,
        cancel_url=_pledge_url(pledge, "milestones"),
        submit="Add the milestone" if milestone is None else "Save the milestone",
    )
    context = {"form": form, "pledge": pledge, "milestone": milestone}
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("title", "due_on", "achieved_on")}
        version = form.cleaned_data["version"]
        try:
            if milestone is None:
                services.milestone_add(pledge=pledge, expected_version=version, **fields)
            else:
                services.milestone_update(milestone=milestone, expected_version=version, **fields)
        except services.EditConflict as conflict:
            context.update(show_conflict(form, conflict))
            return render(request, "pledges/milestone_form.html", context, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Added the milestone “{fields['title']}”."
                if milestone is None
                else f"Saved the milestone “{fields['title']}”.",
            )
            return redirect(_pledge_url(pledge, "milestones"))
    return render(request, "pledges/milestone_form.html", context)


@require_http_methods(["GET", "POST"])
def milestone_add(request, pledge_pk):
    pledge = _editable_pledge(request, pledge_pk)
    return _milestone_form(request, pledge=pledge)


@require_http_methods(["GET", "POST"])
def milestone_edit(request, pledge_pk, milestone_pk):
    pledge = _editable_pledge(request, pledge_pk)
    milestone = selectors.milestone_for_pledge(pledge=pledge, pk=milestone_pk)
    return _milestone_form(request, pledge=pledge, milestone=milestone)


# --- Progress updates -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def update_add(request, pledge_pk):
    """Submit a progress update, or (with ?corrects=<id>) a correction of an earlier one."""
    pledge = _editable_pledge(request, pledge_pk, "pledges.record_progress")
    source = request.POST if request.method == "POST" else request.GET
    corrects = selectors.update_for_pledge(pledge=pledge, pk=source.get("corrects"))
    initial = {}
    if corrects is not None:
        initial = {
            "period_start": corrects.period_start,
            "period_end": corrects.period_end,
            "rag": corrects.rag,
            "narrative": corrects.narrative,
            "evidence_links": "\n".join(corrects.evidence_links),
            "corrects": corrects.pk,
        }
    form = ProgressUpdateForm(
        _posted(request),
        initial=initial,
        cancel_url=_pledge_url(pledge, "timeline"),
        submit="Submit the correction" if corrects else "Submit the update",
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "corrects"}
        if form.cleaned_data["corrects"] and corrects is None:
            form.add_error(None, "The update you are correcting is not one of this pledge’s.")
        else:
            try:
                update = services.progress_update_submit(
                    pledge=pledge, corrects=corrects, by=request.user, **fields
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    "Submitted the correction."
                    if corrects
                    else f"Submitted the update for {update.period_start:%-d %B %Y} to "
                    f"{update.period_end:%-d %B %Y}.",
                )
                return redirect(_pledge_url(pledge, f"update-{update.pk}"))
    return render(
        request,
        "pledges/update_form.html",
        {"form": form, "pledge": pledge, "corrects": corrects},
    )


# --- Reports of inconsistency -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def report_create(request):
    require(request.user, "pledges.report_inconsistency", None)
    pledges = selectors.pledges_to_report_on(request.user)
    initial = {}
    chosen = request.GET.get("pledge", "")
    if chosen.isdigit():
        initial["pledge"] = int(chosen)
    form = ReportForm(
        _posted(request),
        initial=initial,
        pledges=pledges,
        organisations=reporting_organisations(request.user),
        cancel_url=reverse("pledges:tracker"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(
                pledge=form.cleaned_data["pledge"],
                what_happened=form.cleaned_data["what_happened"],
                happened_on=form.cleaned_data["happened_on"],
                by=request.user,
                reporter_organisation=form.reporter_organisation(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Your report about {report.pledge.body.display_name} has been recorded. "
                "Their response will appear here.",
            )
            return redirect("pledges:my_reports")
    return render(request, "pledges/report_form.html", {"form": form})


@require_GET
def my_reports(request):
    require(request.user, "pledges.report_inconsistency", None)
    return render(
        request, "pledges/my_reports.html", {"reports": selectors.my_reports(user=request.user)}
    )


@require_http_methods(["GET", "POST"])
def report_respond(request, report_pk):
    report = selectors.report_for_user(user=request.user, pk=report_pk)
    require(request.user, "pledges.respond_to_report", report.pledge)
    pledge = report.pledge
    form = ResponseForm(_posted(request), cancel_url=_pledge_url(pledge, f"report-{report.pk}"))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_respond(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Sent the response. The person who reported it can see it.")
            return redirect(_pledge_url(pledge, f"report-{report.pk}"))
    return render(
        request,
        "pledges/report_respond.html",
        {
            "form": form,
            "pledge": pledge,
            "view": selectors.report_view(report, user=request.user),
        },
    )
