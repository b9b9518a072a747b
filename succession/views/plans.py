"""A post's succession plan: the HR director keeps the slate, asks the chair to sign it off and
appoints a successor; the chair signs off the slate exactly as their page showed it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.editing_views import require, save_form, show_conflict
from succession import selectors, services
from succession.forms.plans import (
    AppointForm,
    CandidateSearchForm,
    EmergencyCoverForm,
    NominationAddForm,
    NominationEditForm,
    NominationMoveForm,
    NominationRemoveForm,
    PlanReviewForm,
    SignOffForm,
    SignOffRequestForm,
    SlateReorderForm,
)
from succession.models import NominationStatus
from succession.selectors import people as people_selectors
from talent import selectors as talent_selectors

STALE_PAGE = (
    "Someone else changed this plan after you loaded the page, so nothing was changed. "
    "Check what they changed below, then try again if it still needs doing."
)


def _plan_url(post) -> str:
    return reverse("succession:plan_manage", args=[post.pk]) + "#slate"


def _post_url(post) -> str:
    return reverse("succession:post_detail", args=[post.pk])


def _plan_post(request, pk):
    """The post, if the user may see it (else 404) and keep its plan (else 403)."""
    post = selectors.post_for_user(user=request.user, pk=pk)
    require(request.user, "succession.manage_plan", post.plan)
    return post


def _plan_nomination(request, pk, nomination_pk):
    post = _plan_post(request, pk)
    nomination = selectors.nomination_for_user(user=request.user, post=post, pk=nomination_pk)
    return post, nomination


def _no_longer_on_slate(request, post, nomination):
    messages.error(request, f"{nomination.person.full_name} is no longer on the slate.")
    return redirect(_plan_url(post))


def _plan_page(request, post, *, status=200, review_form=None, conflict=None, say_stale=True):
    """The HR director's page for the plan; with a conflict when a small form on it (move,
    emergency cover, reorder, review, asking the chair) was sent from a stale page."""
    plan = post.plan
    if review_form is None:
        review_form = PlanReviewForm(
            initial={"reviewed_on": timezone.localdate(), "version": plan.version}
        )
    review_form.helper.form_action = reverse("succession:plan_review", args=[post.pk])
    context = {
        "post": post,
        "organisation": post.organisation,
        "plan": plan,
        "holder": selectors.current_incumbency(post),
        "pending": selectors.pending_incumbency(post),
        "slate": selectors.plan_slate(plan),
        "state": selectors.plan_sign_off_state(plan),
        "review_form": review_form,
        "can_nominate": request.user.has_perm("succession.nominate", post),
    }
    if conflict is not None:
        context.update({"conflict": conflict, "stale_page": STALE_PAGE if say_stale else ""})
    return render(request, "succession/plans/plan_manage.html", context, status=status)


# --- The HR director's page ---------------------------------------------------------------------


@require_GET
def plan_manage(request, pk):
    return _plan_page(request, _plan_post(request, pk))


# --- Adding a successor -------------------------------------------------------------------------


def _is_pool_member_elsewhere(person, post) -> bool:
    profile = getattr(person, "talent_profile", None)
    return (
        profile is not None
        and profile.in_national_pool
        and person.organisation_id != post.organisation_id
    )


def _back_after_nominating(request, post):
    """The plan page for its HR director; the post page for the national team, who may nominate
    but not keep the plan."""
    if request.user.has_perm("succession.manage_plan", post.plan):
        return redirect(_plan_url(post))
    return redirect(_post_url(post))


@require_http_methods(["GET", "POST"])
def nomination_add(request, pk):
    post = selectors.post_for_user(user=request.user, pk=pk)
    require(request.user, "succession.nominate", post)
    person_id = (request.POST if request.method == "POST" else request.GET).get("person", "")
    if not person_id:
        if request.method == "POST":
            raise Http404("No person was chosen.")
        return _candidate_search(request, post)
    try:
        person_pk = int(person_id)
    except ValueError:
        raise Http404("No such person.") from None
    # Never trust a posted id: only people this user may name on this slate are found.
    person = people_selectors.successor_candidate_for_user(
        user=request.user, post=post, pk=person_pk
    )
    plan = post.plan
    add_url = reverse("succession:nomination_add", args=[post.pk])
    form = NominationAddForm(
        request.POST or None,
        initial={"person": person.pk, "version": plan.version},
        cancel_url=add_url,
        asks_consent=services.nomination_needs_consent(person=person, post=post),
        person_name=person.full_name,
    )
    context = {
        "post": post,
        "organisation": post.organisation,
        "person": person,
        "is_pool_member": _is_pool_member_elsewhere(person, post),
        "form": form,
        "search_url": add_url,
    }
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_add(
                plan=plan,
                person=person,
                readiness=form.cleaned_data["readiness"],
                is_emergency_cover=form.cleaned_data["is_emergency_cover"],
                notes=form.cleaned_data["notes"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
                **form.consent_answers(),
            )
        except services.EditConflict as conflict:
            context.update(show_conflict(form, conflict))
            return render(request, "succession/plans/nomination_add.html", context, status=409)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Added {person.full_name} to the slate for {post.title}.")
            return _back_after_nominating(request, post)
    return render(request, "succession/plans/nomination_add.html", context)


def add_service_error(form, error: ValidationError) -> None:
    """A service's refusal at the field it names, or above the form if the form has no such
    field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


def _candidate_search(request, post):
    search_form = CandidateSearchForm(request.GET or None)
    query = search_form.cleaned_data["q"].strip() if search_form.is_valid() else ""
    results, total = [], 0
    if query:
        found = people_selectors.successor_candidates(user=request.user, post=post, query=query)
        results = [
            {"person": person, "is_pool_member": _is_pool_member_elsewhere(person, post)}
            for person in found.items
        ]
        total = found.total
    return render(
        request,
        "succession/plans/candidate_search.html",
        {
            "post": post,
            "organisation": post.organisation,
            "search_form": search_form,
            "query": query,
            "results": results,
            "total": total,
            "back_url": _plan_url(post)
            if request.user.has_perm("succession.manage_plan", post.plan)
            else _post_url(post),
        },
    )


# --- Changing the slate -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def nomination_edit(request, pk, nomination_pk):
    post, nomination = _plan_nomination(request, pk, nomination_pk)
    if nomination.status != NominationStatus.ACTIVE:
        return _no_longer_on_slate(request, post, nomination)
    initial = {
        "readiness": nomination.readiness,
        "notes": nomination.notes,
        "version": post.plan.version,
    }
    form = NominationEditForm(request.POST or None, initial=initial, cancel_url=_plan_url(post))
    context = {
        "form": form,
        "post": post,
        "organisation": post.organisation,
        "nomination": nomination,
    }
    return save_form(
        request,
        form,
        "succession/plans/nomination_edit.html",
        context,
        save=lambda data: services.nomination_update(
            nomination=nomination,
            readiness=data["readiness"],
            notes=data["notes"],
            expected_version=data["version"],
        ),
        success=f"Saved the readiness and notes of {nomination.person.full_name}.",
        next_url=_plan_url(post),
    )


@require_POST
def nomination_move(request, pk, nomination_pk):
    post, nomination = _plan_nomination(request, pk, nomination_pk)
    form = NominationMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose to move a successor up or down the slate.")
        return redirect(_plan_url(post))
    try:
        services.nomination_move(
            nomination=nomination,
            direction=form.cleaned_data["direction"],
            expected_version=form.cleaned_data["version"],
        )
    except services.EditConflict as conflict:
        return _plan_page(request, post, status=409, conflict=conflict)
    except ValidationError:
        return _no_longer_on_slate(request, post, nomination)
    nomination.refresh_from_db(fields=["rank"])
    messages.success(
        request, f"{nomination.person.full_name} is now number {nomination.rank} on the slate."
    )
    return redirect(_plan_url(post))


@require_POST
def slate_reorder(request, pk):
    post = _plan_post(request, pk)
    form = SlateReorderForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The new order could not be read. Use Move up and Move down.")
        return redirect(_plan_url(post))
    try:
        services.slate_reorder(
            plan=post.plan,
            nomination_ids=form.cleaned_data["order"],
            expected_version=form.cleaned_data["version"],
        )
    except services.EditConflict as conflict:
        return _plan_page(request, post, status=409, conflict=conflict)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_plan_url(post))
    messages.success(request, "Saved the new order of the slate.")
    return redirect(_plan_url(post))


@require_POST
def nomination_emergency_cover(request, pk, nomination_pk):
    post, nomination = _plan_nomination(request, pk, nomination_pk)
    form = EmergencyCoverForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to name this successor as emergency cover.")
        return redirect(_plan_url(post))
    is_cover = form.cleaned_data["value"] == "on"
    try:
        services.nomination_set_emergency_cover(
            nomination=nomination,
            is_emergency_cover=is_cover,
            expected_version=form.cleaned_data["version"],
        )
    except services.EditConflict as conflict:
        return _plan_page(request, post, status=409, conflict=conflict)
    except ValidationError:
        return _no_longer_on_slate(request, post, nomination)
    name = nomination.person.full_name
    messages.success(
        request,
        f"{name} is now emergency cover for {post.title}."
        if is_cover
        else f"{name} is no longer emergency cover.",
    )
    return redirect(_plan_url(post))


@require_http_methods(["GET", "POST"])
def nomination_remove(request, pk, nomination_pk):
    post, nomination = _plan_nomination(request, pk, nomination_pk)
    if nomination.status != NominationStatus.ACTIVE:
        return _no_longer_on_slate(request, post, nomination)
    form = NominationRemoveForm(
        request.POST or None,
        initial={"version": post.plan.version},
        cancel_url=_plan_url(post),
    )
    context = {
        "form": form,
        "post": post,
        "organisation": post.organisation,
        "nomination": nomination,
    }
    return save_form(
        request,
        form,
        "succession/plans/nomination_remove.html",
        context,
        save=lambda data: services.nomination_remove(
            nomination=nomination, reason=data["reason"], expected_version=data["version"]
        ),
        success=f"Removed {nomination.person.full_name} from the slate.",
        next_url=_plan_url(post),
    )


# --- Reviews and sign-off -----------------------------------------------------------------------


@require_POST
def plan_review(request, pk):
    post = _plan_post(request, pk)
    form = PlanReviewForm(request.POST)
    if form.is_valid():
        try:
            services.plan_record_review(
                plan=post.plan,
                reviewed_on=form.cleaned_data["reviewed_on"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except services.EditConflict as conflict:
            # The review form says what happened, at the form, and keeps the date typed.
            show_conflict(form, conflict)
            return _plan_page(
                request, post, status=409, review_form=form, conflict=conflict, say_stale=False
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Recorded a review of the plan on {form.cleaned_data['reviewed_on']:%-d %B %Y}.",
            )
            return redirect(_plan_url(post))
    return _plan_page(request, post, review_form=form)


@require_POST
def plan_request_sign_off(request, pk):
    post = _plan_post(request, pk)
    form = SignOffRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The request could not be sent. Try again.")
        return redirect(_plan_url(post))
    sign_off_url = request.build_absolute_uri(reverse("succession:plan_sign_off", args=[post.pk]))
    try:
        recipients = services.plan_request_sign_off_from_chairs(
            plan=post.plan,
            by=request.user,
            sign_off_url=sign_off_url,
            expected_version=form.cleaned_data["version"],
        )
    except services.EditConflict as conflict:
        return _plan_page(request, post, status=409, conflict=conflict)
    if recipients:
        messages.success(
            request, "You asked the chair to sign off this plan. We have emailed them a link."
        )
    else:
        messages.info(
            request,
            f"You asked the chair to sign off this plan, but no chair of "
            f"{post.organisation.display_name} has an email address in this service: "
            "let them know yourself.",
        )
    return redirect(_plan_url(post))


@require_http_methods(["GET", "POST"])
def plan_sign_off(request, pk):
    post = selectors.post_for_user(user=request.user, pk=pk)
    require(request.user, "succession.sign_off_plan", post.plan)
    plan = post.plan
    # The version goes with the page: the chair signs exactly the slate shown to them.
    form = SignOffForm(
        request.POST or None, initial={"version": plan.version}, cancel_url=_post_url(post)
    )
    status = 200
    conflict_context = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_sign_off_as_seen(
                plan=plan,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
            )
        except services.EditConflict as conflict:
            conflict_context = show_conflict(form, conflict)
            status = 409
        else:
            messages.success(request, f"You signed off the succession plan for {post.title}.")
            return redirect(_post_url(post) + "#sign-offs")
    context = {
        "post": post,
        "organisation": post.organisation,
        "plan": plan,
        "holder": selectors.current_incumbency(post),
        "pending": selectors.pending_incumbency(post),
        "slate": selectors.plan_slate(plan),
        "state": selectors.plan_sign_off_state(plan),
        "form": form,
        **conflict_context,
    }
    return render(request, "succession/plans/plan_sign_off.html", context, status=status)


# --- Appointing a successor ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def nomination_appoint(request, pk, nomination_pk):
    post, nomination = _plan_nomination(request, pk, nomination_pk)
    if nomination.status != NominationStatus.ACTIVE:
        return _no_longer_on_slate(request, post, nomination)
    appointee = nomination.person
    held = selectors.posts_held_elsewhere(person=appointee, post=post)
    # A post in another organisation is left when that organisation records it: no interim here.
    left_post = next(
        (old.post for old in held if old.post.organisation_id == post.organisation_id), None
    )
    # Only someone who keeps the post left behind may name who covers it.
    may_name_interim = left_post is not None and request.user.has_perm(
        "succession.edit_post", left_post
    )
    form = AppointForm(
        request.POST or None,
        initial={"started_on": timezone.localdate(), "version": post.plan.version},
        left_post=left_post if may_name_interim else None,
        interim_people=talent_selectors.interim_candidates(
            user=request.user, organisation=left_post.organisation, appointee=appointee
        )
        if may_name_interim
        else None,
        cancel_url=_plan_url(post),
    )
    context = {
        "form": form,
        "post": post,
        "organisation": post.organisation,
        "nomination": nomination,
        "holder": selectors.current_incumbency(post),
        "held": held,
        "held_elsewhere": [old for old in held if old.post.organisation_id != post.organisation_id],
        "may_name_interim": may_name_interim,
        "left_post": left_post,
    }
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.successor_appoint(
                nomination=nomination,
                started_on=form.cleaned_data["started_on"],
                kind=form.cleaned_data["kind"],
                interim_person=form.cleaned_data.get("interim_person"),
                expected_version=form.cleaned_data["version"],
            )
        except services.EditConflict as conflict:
            context.update(show_conflict(form, conflict))
            return render(request, "succession/plans/nomination_appoint.html", context, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The page it leads to says what happened, post by post: no banner needed.
            return redirect(
                "succession:appointment_done",
                pk=post.pk,
                incumbency_pk=appointment.incumbency.pk,
            )
    return render(request, "succession/plans/nomination_appoint.html", context)


@require_GET
def appointment_done(request, pk, incumbency_pk):
    post = selectors.post_for_user(user=request.user, pk=pk)
    incumbency = selectors.appointment_for_user(user=request.user, post=post, pk=incumbency_pk)
    return render(
        request,
        "succession/plans/appointment_done.html",
        {
            "post": post,
            "organisation": post.organisation,
            "incumbency": incumbency,
            "cascade": selectors.appointment_cascade(user=request.user, incumbency=incumbency),
            "leaving": incumbency.departure_notices_sent.select_related(
                "incumbency__post", "organisation"
            ),
            "can_manage_plan": request.user.has_perm("succession.manage_plan", post.plan),
        },
    )
