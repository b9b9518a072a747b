"""People pages: the list, a person's page, adding and editing a person and their career."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Role
from accounts.roles import is_national, organisations_for
from core.editing import EditConflict
from core.editing_views import require, show_conflict
from succession.selectors import MANY_NOMINATIONS
from succession.selectors import people as people_selectors
from talent import selectors, services
from talent.forms import CareerEntryForm, PeopleFilterForm, PersonCreateForm, PersonEditForm
from talent.views import _add_service_error, _posted

PAGE_SIZE = 25  # a short page draws quickly, on a phone too

PERSON_CONFLICT_MESSAGE = (
    "Someone else changed this person while you were editing. Your changes have not been "
    "saved: check what they changed below, then save again if yours should still apply."
)


@require_GET
def person_list(request):
    if not request.user.has_perm("talent.list_people"):
        raise PermissionDenied
    organisations = (
        selectors.organisations_with_people_visible_to(request.user)
        if is_national(request.user)
        else None
    )
    form = PeopleFilterForm(request.GET or None, organisations=organisations)
    query, organisation = "", None
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        organisation = form.cleaned_data.get("organisation")
    people = people_selectors.people_list(user=request.user, query=query, organisation=organisation)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    for person in page.object_list:
        person.is_widely_nominated = person.slates_count >= MANY_NOMINATIONS
    return render(
        request,
        "talent/person_list.html",
        {
            "form": form,
            "page_obj": page,
            "people": page.object_list,
            "is_filtered": bool(query or organisation),
            "show_organisation": organisations is not None,
            "can_add": request.user.has_perm("talent.create_person"),
        },
    )


@require_GET
def person_detail(request, pk: int):
    person = selectors.person_for_user(user=request.user, pk=pk)
    nominations = people_selectors.person_nominations_for(user=request.user, person=person)
    return render(
        request,
        "talent/person_detail.html",
        {
            "person": person,
            "posts_held": people_selectors.person_posts_held(user=request.user, person=person),
            "career": selectors.person_career_history(person),
            "nominations": nominations,
            "is_widely_nominated": len(nominations) >= MANY_NOMINATIONS,
            "can_change": request.user.has_perm("talent.edit_person", person),
            "can_see_pool_record": request.user.has_perm("talent.see_talent_record"),
        },
    )


@require_http_methods(["GET", "POST"])
def person_create(request):
    organisations = organisations_for(request.user, Role.HR_DIRECTOR)
    if not organisations:
        raise PermissionDenied
    form = PersonCreateForm(
        _posted(request),
        organisations=organisations,
        cancel_url=reverse("talent:person_list"),
        submit_label="Add person",
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.chosen_organisation()
        require(request.user, "talent.create_person", organisation)
        try:
            person = services.person_create(
                organisation=organisation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                work_email=form.cleaned_data["work_email"],
                professional_background=form.cleaned_data["professional_background"],
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, f"{person.full_name} added.")
            return redirect("talent:person_detail", pk=person.pk)
    return render(request, "talent/person_form.html", {"form": form, "heading": "Add a person"})


@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    person = selectors.person_for_user(user=request.user, pk=pk)
    require(request.user, "talent.edit_person", person)
    detail_url = reverse("talent:person_detail", args=[person.pk])
    initial = {
        "version": person.version,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "work_email": person.work_email,
        "professional_background": person.professional_background,
    }
    form = PersonEditForm(
        _posted(request),
        initial=initial,
        cancel_url=detail_url,
        submit_label="Save changes",
    )
    context = {"form": form, "person": person, "heading": f"Change {person.full_name}’s details"}
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                person=person,
                expected_version=form.cleaned_data["version"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                work_email=form.cleaned_data["work_email"],
                professional_background=form.cleaned_data["professional_background"],
            )
        except EditConflict as conflict:
            context.update(show_conflict(form, conflict, message=PERSON_CONFLICT_MESSAGE))
            return render(request, "talent/person_form.html", context, status=409)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, f"{person.full_name}’s details saved.")
            return redirect(detail_url)
    return render(request, "talent/person_form.html", context)


@require_http_methods(["GET", "POST"])
def career_entry_add(request, pk: int):
    person = selectors.person_for_user(user=request.user, pk=pk)
    require(request.user, "talent.edit_person", person)
    detail_url = reverse("talent:person_detail", args=[person.pk])
    form = CareerEntryForm(_posted(request), cancel_url=detail_url)
    if request.method == "POST" and form.is_valid():
        try:
            services.career_entry_add(
                person=person,
                title=form.cleaned_data["title"],
                organisation=form.cleaned_data["organisation"],
                organisation_name=form.cleaned_data["organisation_name"],
                started_on=form.cleaned_data["started_on"],
                ended_on=form.cleaned_data["ended_on"],
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, f"Career history of {person.full_name} updated.")
            return redirect(f"{detail_url}#career-history")
    return render(
        request,
        "talent/career_entry_form.html",
        {"form": form, "person": person},
    )
