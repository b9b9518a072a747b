"""The national talent pool: search, a pool member's record (the national team's whole record, or
what HR directors and chairs may see of a member who agreed to be visible), the national team's
changes to it, and nominating a member as successor to a post in any organisation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from core.editing import EditConflict
from core.editing_views import require, show_conflict
from succession import services as succession_services
from succession.forms.plans import PoolNominateForm
from succession.selectors import pool as selectors
from talent.forms.pool import (
    CohortLeaveForm,
    CohortMembershipForm,
    DevelopmentForm,
    DevelopmentUpdateForm,
    EqualityRecordForm,
    NineBoxForm,
    PostFilterForm,
    TalentProfileForm,
    TargetReadinessForm,
)
from talent.models import NineBoxLevel
from talent.selectors import equality as equality_selectors
from talent.services import equality as equality_services
from talent.services import pool as services
from talent.services.pool import placement_sentence
from talent.views import _add_service_error, _posted

PAGE_SIZE = 25

PROFILE_CONFLICT_MESSAGE = (
    "Someone else changed this profile while you were editing it. Your changes have not been "
    "saved: check what they changed below, then save again if yours should still apply."
)


def _profile_url(person, anchor: str = "") -> str:
    url = reverse("talent:pool_profile", args=[person.pk])
    return f"{url}#{anchor}" if anchor else url


def _may_use_pool(request) -> None:
    if not request.user.has_perm("talent.search_pool"):
        raise PermissionDenied


def _pool_person_to_manage(request, pk: int):
    """The person, for the national team's changes: 403 for everyone else, then 404."""
    if not request.user.has_perm("talent.manage_pool"):
        raise PermissionDenied
    return selectors.pool_person_for_user(user=request.user, pk=pk)


# --- Search --------------------------------------------------------------------------------------


@require_GET
def pool_search(request):
    _may_use_pool(request)
    whole = selectors.sees_whole_records(request.user)
    # What was valid narrows the results; the page shows what was not.
    pool_filter = selectors.pool_filter(user=request.user, data=request.GET or None)
    filters = pool_filter.asked
    page = Paginator(pool_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.mark_search_results(page.object_list, target_role=filters.target_role)
    return render(
        request,
        "talent/pool/search.html",
        {
            "form": pool_filter.form,
            "filters": filters,
            "page_obj": page,
            "people": page.object_list,
            "whole_records": whole,
            "can_nominate": request.user.has_perm("talent.manage_pool"),
        },
    )


# --- A pool member -------------------------------------------------------------------------------


@require_GET
def pool_profile(request, pk: int):
    _may_use_pool(request)
    person = selectors.pool_person_for_user(user=request.user, pk=pk)
    if not selectors.sees_whole_records(request.user):
        require(request.user, "talent.see_pool_member", person)
        return render(
            request,
            "talent/pool/profile_summary.html",
            {"summary": selectors.pool_summary(person), "person": person},
        )
    record = selectors.pool_record(person)
    equality = None
    may_see_equality = request.user.has_perm("talent.see_person_equality")
    if may_see_equality:
        equality = equality_selectors.equality_answers_for(
            user=request.user,
            person=person,
            page="Talent pool profile (equality monitoring section)",
        )
    return render(
        request,
        "talent/pool/profile.html",
        {
            "person": person,
            "record": record,
            "profile": record.profile,
            "history": [
                {"placement": placement, "sentence": placement_sentence(placement)}
                for placement in record.placements
            ],
            "may_see_equality": may_see_equality,
            "equality": equality,
            "nine_box_rows": [(level.value, level.label) for level in reversed(NineBoxLevel)],
            "nine_box_columns": NineBoxLevel.values,
        },
    )


@require_http_methods(["GET", "POST"])
def pool_profile_edit(request, pk: int):
    person = _pool_person_to_manage(request, pk)
    profile = selectors.talent_profile_of(person)
    regions = selectors.regions_with_organisations()
    initial = {}
    if profile is not None:
        initial = {
            "version": profile.version,
            "in_national_pool": profile.in_national_pool,
            "joined_pool_on": profile.joined_pool_on,
            "left_pool_on": profile.left_pool_on,
            "visible_to_other_organisations": profile.visible_to_other_organisations,
            "consent_recorded_on": profile.consent_recorded_on,
            "aspirations": profile.aspirations,
            "mobility_regions": list(profile.mobility_regions.all()),
        }
    form = TalentProfileForm(
        _posted(request), initial=initial, regions=regions, cancel_url=_profile_url(person)
    )
    context = {"form": form, "person": person, "is_new": profile is None}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.talent_profile_save(
                person=person,
                expected_version=data.get("version") if profile is not None else None,
                in_national_pool=data["in_national_pool"],
                joined_pool_on=data["joined_pool_on"],
                left_pool_on=data["left_pool_on"],
                visible_to_other_organisations=data["visible_to_other_organisations"],
                consent_recorded_on=data["consent_recorded_on"],
                aspirations=data["aspirations"],
                mobility_regions=data["mobility_regions"],
            )
        except EditConflict as conflict:
            context.update(show_conflict(form, conflict, message=PROFILE_CONFLICT_MESSAGE))
            return render(request, "talent/pool/profile_form.html", context, status=409)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, f"{person.full_name}’s talent profile saved.")
            return redirect(_profile_url(person))
    return render(request, "talent/pool/profile_form.html", context)


def _simple_form_page(
    request, *, person, form, heading: str, save, success: str, anchor: str, on_conflict=None
):
    """A small form about a pool member: save on a valid POST, else show it (with errors). If
    someone else saved the same thing first, the form comes back (409) with what they changed."""
    context = {"form": form, "person": person, "heading": heading}
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except EditConflict as conflict:
            context.update(show_conflict(form, conflict))
            if on_conflict is not None:
                on_conflict(form, conflict)
            return render(request, "talent/pool/record_form.html", context, status=409)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, success)
            return redirect(_profile_url(person, anchor))
    return render(request, "talent/pool/record_form.html", context)


def _not_yet_recorded_on_conflict(form, conflict: EditConflict) -> None:
    """Someone removed what the editor was changing: saving again records it anew."""
    if conflict.current_version == services.NOT_YET_RECORDED:
        form.data["version"] = ""


@require_http_methods(["GET", "POST"])
def readiness_set(request, pk: int):
    person = _pool_person_to_manage(request, pk)
    role = request.GET.get("role", "")
    entry = selectors.target_readiness_of(person=person, role=role)
    initial = {"role": role}
    if entry is not None:
        initial.update(
            {"version": entry.version, "readiness": entry.readiness, "notes": entry.notes}
        )
    data = _posted(request)
    if data is not None and role and not data.get("role"):
        # The page showed this role fixed (it was assessed): it stays the role being changed.
        data = data.copy()
        data["role"] = role
    form = TargetReadinessForm(
        data,
        initial=initial,
        cancel_url=_profile_url(person, "readiness"),
    )

    def save(data):
        services.target_readiness_set(
            person=person,
            role=data["role"],
            readiness=data["readiness"],
            notes=data["notes"],
            by=request.user,
            expected_version=data.get("version") or services.NOT_YET_RECORDED,
        )

    def on_conflict(form, conflict):
        _not_yet_recorded_on_conflict(form, conflict)
        form.data["role"] = form.cleaned_data["role"]

    return _simple_form_page(
        request,
        person=person,
        form=form,
        heading="Readiness for a target role",
        save=save,
        success=f"Readiness of {person.full_name} saved.",
        anchor="readiness",
        on_conflict=on_conflict,
    )


@require_http_methods(["GET", "POST"])
def nine_box_place(request, pk: int):
    person = _pool_person_to_manage(request, pk)
    profile = selectors.talent_profile_of(person)
    initial = {"version": profile.version} if profile is not None else {}
    if profile is not None and profile.performance:
        initial.update({"performance": profile.performance, "potential": profile.potential})
    form = NineBoxForm(
        _posted(request), initial=initial, cancel_url=_profile_url(person, "nine-box")
    )
    if profile is None:
        # Not in the pool: the service says so, rather than a missing version.
        form.fields["version"].required = False

    def save(data):
        services.nine_box_place(
            person=person,
            performance=data["performance"],
            potential=data["potential"],
            reason=data["reason"],
            by=request.user,
            expected_version=data["version"],
        )

    return _simple_form_page(
        request,
        person=person,
        form=form,
        heading="Nine-box placement",
        save=save,
        success=f"Nine-box placement of {person.full_name} saved.",
        anchor="nine-box",
    )


@require_http_methods(["GET", "POST"])
def cohort_membership_add(request, pk: int):
    person = _pool_person_to_manage(request, pk)
    form = CohortMembershipForm(_posted(request), cancel_url=_profile_url(person, "programmes"))

    def save(data):
        services.cohort_membership_add(
            person=person, cohort=data["cohort"], joined_on=data["joined_on"]
        )

    return _simple_form_page(
        request,
        person=person,
        form=form,
        heading="Add to a programme cohort",
        save=save,
        success=f"{person.full_name} added to the cohort.",
        anchor="programmes",
    )


@require_http_methods(["GET", "POST"])
def cohort_membership_end(request, pk: int, membership_pk: int):
    person = _pool_person_to_manage(request, pk)
    membership = selectors.cohort_membership_for(person=person, pk=membership_pk)
    form = CohortLeaveForm(_posted(request), cancel_url=_profile_url(person, "programmes"))

    def save(data):
        services.cohort_membership_end(membership=membership, left_on=data["left_on"])

    return _simple_form_page(
        request,
        person=person,
        form=form,
        heading=f"Leaving {membership.cohort}",
        save=save,
        success=f"Recorded that {person.full_name} left {membership.cohort}.",
        anchor="programmes",
    )


@require_http_methods(["GET", "POST"])
def development_add(request, pk: int):
    person = _pool_person_to_manage(request, pk)
    form = DevelopmentForm(_posted(request), cancel_url=_profile_url(person, "development"))

    def save(data):
        services.development_add(
            person=person,
            kind=data["kind"],
            title=data["title"],
            status=data["status"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            cohort=data["cohort"],
            mentor_name=data["mentor_name"],
            notes=data["notes"],
        )

    return _simple_form_page(
        request,
        person=person,
        form=form,
        heading="Add development",
        save=save,
        success=f"Development added for {person.full_name}.",
        anchor="development",
    )


@require_http_methods(["GET", "POST"])
def development_edit(request, pk: int, activity_pk: int):
    person = _pool_person_to_manage(request, pk)
    activity = selectors.development_activity_for(person=person, pk=activity_pk)
    form = DevelopmentUpdateForm(
        _posted(request),
        initial={
            "version": activity.version,
            "status": activity.status,
            "ends_on": activity.ends_on,
            "notes": activity.notes,
        },
        cancel_url=_profile_url(person, "development"),
    )

    def save(data):
        services.development_update(
            activity=activity,
            status=data["status"],
            ends_on=data["ends_on"],
            notes=data["notes"],
            expected_version=data["version"],
        )

    return _simple_form_page(
        request,
        person=person,
        form=form,
        heading=activity.title,
        save=save,
        success=f"{activity.title} updated.",
        anchor="development",
    )


@require_http_methods(["GET", "POST"])
def equality_record_edit(request, pk: int):
    """A person's equality monitoring answers: only for holders of the explicit permission, and
    every look and change is in the audit log."""
    if not request.user.has_perm("talent.see_person_equality"):
        raise PermissionDenied
    person = selectors.pool_person_for_user(user=request.user, pk=pk)
    initial = {}
    if request.method == "GET":
        record = equality_selectors.equality_answers_for(
            user=request.user, person=person, page="Equality monitoring answers form"
        )
        if record is not None:
            initial = {
                "version": record.version,
                "ethnicity": record.ethnicity,
                "sex": record.sex,
                "disability": record.disability,
            }
    form = EqualityRecordForm(
        _posted(request), initial=initial, cancel_url=_profile_url(person, "equality")
    )

    def save(data):
        equality_services.equality_record_save(
            person=person,
            ethnicity=data["ethnicity"],
            sex=data["sex"],
            disability=data["disability"],
            by=request.user,
            expected_version=data.get("version") or equality_services.NOT_YET_RECORDED,
        )

    return _simple_form_page(
        request,
        person=person,
        form=form,
        heading="Equality monitoring answers",
        save=save,
        success=f"Equality monitoring answers of {person.full_name} saved.",
        anchor="equality",
    )


# --- Nominating a pool member as a successor ------------------------------------------------------


@require_http_methods(["GET", "POST"])
def pool_nominate(request, pk: int):
    """Step 1 (no post chosen): the open posts to choose from, at-risk first. Step 2: readiness
    and notes; saving names the person on the post's slate through the succession service, so
    the post's organisation sees them in its plan."""
    person = _pool_person_to_manage(request, pk)
    source = request.POST if request.method == "POST" else request.GET
    post_id = source.get("post", "")
    if not post_id:
        if request.method == "POST":
            raise Http404("No post was chosen.")
        return _choose_post(request, person)
    try:
        post_pk = int(post_id)
    except ValueError:
        raise Http404("No such post.") from None
    post = selectors.post_to_nominate_for(user=request.user, person=person, pk=post_pk)
    require(request.user, "succession.nominate", post)
    plan = post.plan
    choose_url = reverse("talent:pool_nominate", args=[person.pk])
    form = PoolNominateForm(
        _posted(request),
        initial={
            "post": post.pk,
            "version": plan.version,
            "readiness": selectors.readiness_for_post(person, post),
        },
        cancel_url=choose_url,
        asks_consent=succession_services.nomination_needs_consent(person=person, post=post),
        person_name=person.full_name,
    )
    context = {"person": person, "post": post, "form": form, "choose_url": choose_url}
    if request.method == "POST" and form.is_valid():
        try:
            succession_services.nomination_add(
                plan=plan,
                person=person,
                readiness=form.cleaned_data["readiness"],
                notes=form.cleaned_data["notes"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
                **form.consent_answers(),
            )
        except EditConflict as conflict:
            context.update(show_conflict(form, conflict))
            return render(request, "talent/pool/nominate.html", context, status=409)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request,
                f"{person.full_name} nominated as a successor for {post.title}, "
                f"{post.organisation.display_name}. The organisation now sees them on the "
                "post’s succession plan.",
            )
            return redirect(_profile_url(person, "nominations"))
    return render(request, "talent/pool/nominate.html", context)


def _choose_post(request, person):
    regions = selectors.regions_with_organisations()
    organisations = selectors.organisations_with_posts_to_fill(user=request.user)
    filter_form = PostFilterForm(request.GET or None, regions=regions, organisations=organisations)
    target_role, region, organisation, query = "", None, None, ""
    if filter_form.is_bound:
        filter_form.is_valid()
        target_role = filter_form.cleaned_data.get("target_role") or ""
        region = filter_form.cleaned_data.get("region")
        organisation = filter_form.cleaned_data.get("organisation")
        query = (filter_form.cleaned_data.get("q") or "").strip()
    elif person.target_readiness.exists():
        # Start from the role they are readiest for.
        best = min(
            person.target_readiness.all(),
            key=lambda entry: (selectors.READINESS_ORDER[entry.readiness], entry.role),
        )
        target_role = best.role
        filter_form = PostFilterForm(
            initial={"target_role": target_role}, regions=regions, organisations=organisations
        )
    posts = selectors.posts_to_nominate_for(
        user=request.user,
        person=person,
        target_role=target_role,
        region=region,
        organisation=organisation,
        query=query,
    )
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "talent/pool/choose_post.html",
        {
            "person": person,
            "filter_form": filter_form,
            "page_obj": page,
            "posts": selectors.posts_to_fill(page.object_list),
            "target_role": target_role,
            "region": region,
        },
    )
