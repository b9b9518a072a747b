"""Calibration sessions (the national talent team's): open one for a cohort, move people on its
nine-box grid with a reason, close it to publish the calibrated values."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from talent.forms.pool import CalibrationMoveForm, CalibrationSessionForm
from talent.selectors import calibration as selectors
from talent.services import calibration as services

from . import _add_service_error, _posted


def _may_calibrate(request) -> None:
    if not request.user.has_perm("talent.calibrate"):
        raise PermissionDenied


def _session_url(session, anchor: str = "") -> str:
    url = reverse("talent:calibration_session", args=[session.pk])
    return f"{url}#{anchor}" if anchor else url


@require_GET
def calibration_list(request):
    _may_calibrate(request)
    return render(
        request,
        "talent/calibration/list.html",
        {
            "sessions": selectors.calibration_sessions(),
            "cohorts": selectors.cohorts_for_calibration(),
        },
    )


@require_http_methods(["GET", "POST"])
def calibration_open(request):
    _may_calibrate(request)
    cohorts = selectors.cohorts_for_calibration()
    form = CalibrationSessionForm(
        _posted(request),
        initial={"cohort": request.GET.get("cohort"), "held_on": timezone.localdate()},
        cohorts=cohorts,
        cancel_url=reverse("talent:calibration_list"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.calibration_session_open(
                cohort=form.cleaned_data["cohort"],
                held_on=form.cleaned_data["held_on"],
                by=request.user,
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, f"Calibration of {session.cohort} opened.")
            return redirect(_session_url(session))
    return render(request, "talent/calibration/open.html", {"form": form})


def _move_forms(session, grid, *, bound=None) -> dict[int, CalibrationMoveForm]:
    """One form per person on the grid (the way to move people without JavaScript)."""
    action = reverse("talent:calibration_move", args=[session.pk])
    forms = {}
    for placement in grid.placements:
        if bound is not None and bound.person_pk == placement.person_id:
            forms[placement.person_id] = bound.form
            continue
        forms[placement.person_id] = CalibrationMoveForm(
            initial={
                "person": placement.person_id,
                "version": placement.version,
                "performance": placement.performance,
                "potential": placement.potential,
            },
            prefix=f"p{placement.person_id}",
            action=action,
            person_pk=placement.person_id,
            person_name=placement.person.full_name,
        )
    return forms


class _Bound:
    def __init__(self, person_pk, form):
        self.person_pk = person_pk
        self.form = form


def _session_page(request, session, *, status=200, bound=None, conflict=None, error=""):
    grid = selectors.calibration_grid(session)
    forms = _move_forms(session, grid, bound=bound) if session.is_open else {}
    for placement in grid.placements:
        placement.move_form = forms.get(placement.person_id)
    return render(
        request,
        "talent/calibration/session.html",
        {
            "session": session,
            "grid": grid,
            "moved_count": sum(1 for placement in grid.placements if placement.has_moved),
            "conflict": conflict,
            "page_error": error,
            "error_form": bound.form if bound is not None else None,
        },
        status=status,
    )


@require_GET
def calibration_session(request, pk: int):
    _may_calibrate(request)
    return _session_page(request, selectors.calibration_session_by_pk(pk))


@require_POST
def calibration_move(request, pk: int):
    _may_calibrate(request)
    session = selectors.calibration_session_by_pk(pk)
    person_pk = _person_pk(request)
    if person_pk is None:
        return _session_page(request, session, error="Choose the person to move, then try again.")
    placement = selectors.placement_in_session(session=session, person_pk=person_pk)
    form = CalibrationMoveForm(
        request.POST,
        prefix=f"p{person_pk}",
        action=reverse("talent:calibration_move", args=[session.pk]),
        person_pk=person_pk,
        person_name=placement.person.full_name,
    )
    bound = _Bound(person_pk, form)
    if not session.is_open:
        messages.error(request, services.CLOSED)
        return redirect(_session_url(session))
    if form.is_valid():
        try:
            services.calibration_move(
                placement=placement,
                performance=form.cleaned_data["performance"],
                potential=form.cleaned_data["potential"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except services.CalibrationConflict as conflict:
            form.data = form.data.copy()
            form.data[form.add_prefix("version")] = conflict.current_version
            form.add_error(
                None,
                f"Someone else moved {placement.person.full_name} after you loaded the page, so "
                "your move was not made. Check where they are now, then move them again if "
                "your move should still apply.",
            )
            return _session_page(request, session, status=409, bound=bound, conflict=conflict)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request,
                f"{placement.person.full_name} moved to {placement.label.lower()}.",
            )
            return redirect(_session_url(session, f"person-{person_pk}"))
    return _session_page(request, session, bound=bound)


def _person_pk(request) -> int | None:
    """The person the posted form is about: its fields are prefixed p<person id>-."""
    for key, value in request.POST.items():
        if key.startswith("p") and key.endswith("-person"):
            try:
                return int(value)
            except ValueError:
                return None
    return None


@require_http_methods(["GET", "POST"])
def calibration_close(request, pk: int):
    _may_calibrate(request)
    session = selectors.calibration_session_by_pk(pk)
    if not session.is_open:
        messages.info(request, "This calibration session is already closed.")
        return redirect(_session_url(session))
    if request.method == "POST":
        try:
            published = services.calibration_session_close(session=session, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Calibration of {session.cohort} closed: {published} calibrated "
                f"{'value' if published == 1 else 'values'} published to profiles.",
            )
        return redirect(_session_url(session))
    grid = selectors.calibration_grid(session)
    return render(
        request,
        "talent/calibration/close.html",
        {
            "session": session,
            "grid": grid,
            "moved": [placement for placement in grid.placements if placement.has_moved],
        },
    )
