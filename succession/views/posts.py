"""The organisation board, the post page, and the forms that keep posts and holders current."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.roles import ORGANISATION_ROLES, is_national, organisations_for
from core.editing_views import require, save_form
from succession import selectors, services
from succession.forms.posts import (
    DepartureForm,
    HolderForm,
    HolderLeftForm,
    PostEditForm,
    PostForm,
)
from succession.history import post_history

# The change history on the post page shows this many entries unless asked for all of them.
HISTORY_CAP = 50

# (sort key, column heading, numeric) of the board's columns, in table order.
BOARD_COLUMNS = [
    ("title", "Post", False),
    ("role", "Role", False),
    ("holder", "Holder", False),
    ("status", "Status", False),
    ("departure", "Expected departure", False),
    ("ready_now", "Now", True),
    ("one_to_two", "1–2 years", True),
    ("three_to_five", "3–5 years", True),
    ("emergency_cover", "Emergency cover", False),
    ("reviewed", "Reviewed", False),
]
DEFAULT_BOARD_SORT = "role"


# --- The board ----------------------------------------------------------------------------------


@require_GET
def my_organisation(request):
    organisations = list(
        {
            organisation.pk: organisation
            for organisation in organisations_for(request.user, *ORGANISATION_ROLES)
        }.values()
    )
    if len(organisations) == 1:
        return redirect("succession:board", ods_code=organisations[0].ods_code)
    if organisations:
        organisations.sort(key=lambda organisation: organisation.display_name)
        return render(
            request, "succession/posts/my_organisation.html", {"organisations": organisations}
        )
    if is_national(request.user):
        return redirect("orgs:list")
    raise PermissionDenied


def _board_columns(request, sort: str, descending: bool) -> list[dict]:
    """Each column's heading, the link that sorts by it and, for the sorted one, its aria-sort."""
    columns = []
    for key, label, numeric in BOARD_COLUMNS:
        is_sorted = key == sort
        query = request.GET.copy()
        query["sort"] = key
        query["order"] = "asc" if is_sorted and descending else "desc" if is_sorted else "asc"
        columns.append(
            {
                "key": key,
                "label": label,
                "numeric": numeric,
                "url": f"?{query.urlencode()}",
                "aria_sort": ("descending" if descending else "ascending") if is_sorted else "",
            }
        )
    return columns


@require_GET
def board(request, ods_code):
    organisation = selectors.organisation_for_user(user=request.user, ods_code=ods_code)
    sort = request.GET.get("sort", DEFAULT_BOARD_SORT)
    if sort not in {key for key, _label, _numeric in BOARD_COLUMNS}:
        sort = DEFAULT_BOARD_SORT
    descending = request.GET.get("order") == "desc"
    rows = selectors.organisation_board(
        user=request.user, organisation=organisation, sort=sort, descending=descending
    )
    return render(
        request,
        "succession/posts/board.html",
        {
            "organisation": organisation,
            "rows": rows,
            "summary": selectors.board_summary(rows),
            "columns": _board_columns(request, sort, descending),
            "can_add_posts": request.user.has_perm("succession.create_post", organisation),
            "can_import": request.user.has_perm("succession.import_posts", organisation),
        },
    )


# --- Posts --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def post_create(request, ods_code):
    organisation = selectors.organisation_for_user(user=request.user, ods_code=ods_code)
    require(request.user, "succession.create_post", organisation)
    cancel_url = reverse("succession:board", args=[organisation.ods_code])
    form = PostForm(request.POST or None, cancel_url=cancel_url, submit="Add the post")
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Added the post “{post.title}”.")
            return redirect("succession:post_detail", pk=post.pk)
    return render(
        request,
        "succession/posts/post_form.html",
        {"form": form, "organisation": organisation, "heading": "Add a post"},
    )


@require_GET
def post_detail(request, pk):
    post = selectors.post_for_user(user=request.user, pk=pk)
    plan = post.plan
    holders = selectors.post_holders(post)
    current = next((holder for holder in holders if holder.is_current), None)
    pending = next((holder for holder in reversed(holders) if holder.is_pending), None)
    sign_offs = selectors.plan_sign_offs(plan)
    latest_sign_off = sign_offs[0] if sign_offs else None
    changes_since_sign_off = (
        selectors.changes_since_sign_off(plan, latest_sign_off) if latest_sign_off else []
    )
    history = post_history(post)
    show_all_history = request.GET.get("history") == "all"
    slate = selectors.plan_slate(plan)
    user = request.user
    return render(
        request,
        "succession/posts/post_detail.html",
        {
            "post": post,
            "organisation": post.organisation,
            "back_organisation": selectors.board_for_post(user=request.user, post=post),
            "plan": plan,
            "current": current,
            "pending": pending,
            "past_holders": [
                holder for holder in holders if not holder.is_current and not holder.is_pending
            ],
            "slate": slate,
            "has_emergency_cover": any(nomination.is_emergency_cover for nomination in slate),
            "sign_offs": sign_offs,
            "latest_sign_off": latest_sign_off,
            "changes_since_sign_off": changes_since_sign_off,
            "history": history if show_all_history else history[:HISTORY_CAP],
            "history_count": len(history),
            "history_capped": not show_all_history and len(history) > HISTORY_CAP,
            "can_change_post": user.has_perm("succession.edit_post", post),
            "can_manage_plan": user.has_perm("succession.manage_plan", plan),
            "can_sign_off": user.has_perm("succession.sign_off_plan", plan),
        },
    )


def _editable_post(request, pk):
    """The post, if the user may see it (else 404) and change it (else 403)."""
    post = selectors.post_for_user(user=request.user, pk=pk)
    require(request.user, "succession.edit_post", post)
    return post


def _post_url(post) -> str:
    return reverse("succession:post_detail", args=[post.pk])


@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = _editable_post(request, pk)
    initial = {
        "title": post.title,
        "role": post.role,
        "is_top_200": post.is_top_200,
        "criticality": post.criticality,
        "shared_with": ", ".join(org.ods_code for org in post.sharing_organisations),
        "version": post.version,
    }
    form = PostEditForm(request.POST or None, initial=initial, cancel_url=_post_url(post))
    context = {"form": form, "post": post, "organisation": post.organisation}
    return save_form(
        request,
        form,
        "succession/posts/post_form.html",
        context,
        save=lambda data: services.post_update(
            post=post,
            expected_version=data["version"],
            shared_with=data["shared_with"],
            **{name: data[name] for name in services.POST_EDITABLE_FIELDS},
        ),
        success="Saved the post’s details.",
        next_url=_post_url(post),
    )


# --- Holders ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def holder_new(request, pk):
    post = _editable_post(request, pk)
    previous = selectors.current_incumbency(post)
    form = HolderForm(
        request.POST or None,
        initial={"version": post.version},
        people=selectors.people_for_new_holder(user=request.user, post=post),
        organisation_name=post.organisation.display_name,
        previous_holder=previous,
        cancel_url=_post_url(post),
    )
    context = {"form": form, "post": post, "organisation": post.organisation, "current": previous}

    def save(data):
        if form.is_new_person:
            return services.incumbency_start_for_new_person(
                post=post, **form.new_person_fields(), **form.incumbency_fields()
            )
        return services.incumbency_start(
            post=post, person=data["person"], **form.incumbency_fields()
        )

    return save_form(
        request,
        form,
        "succession/posts/holder_form.html",
        context,
        save=save,
        success=lambda incumbency: (
            f"Recorded {incumbency.person.full_name} as "
            f"{incumbency.get_kind_display().lower()} holder of {post.title}."
        ),
        next_url=_post_url(post),
    )


def _current_or_back(request, post):
    """The post's current holder, or None with a message saying there is none."""
    current = selectors.current_incumbency(post)
    if current is None:
        messages.info(request, "This post is vacant: record a new holder first.")
    return current


@require_http_methods(["GET", "POST"])
def holder_departure(request, pk):
    post = _editable_post(request, pk)
    current = _current_or_back(request, post)
    if current is None:
        return redirect("succession:post_detail", pk=post.pk)
    initial = {
        "expected_departure_on": current.expected_departure_on,
        "departure_reason": current.departure_reason,
        "version": post.version,
    }
    form = DepartureForm(request.POST or None, initial=initial, cancel_url=_post_url(post))
    context = {"form": form, "post": post, "organisation": post.organisation, "current": current}
    return save_form(
        request,
        form,
        "succession/posts/departure_form.html",
        context,
        save=lambda data: services.incumbency_update_departure(
            incumbency=current,
            expected_departure_on=data["expected_departure_on"],
            departure_reason=data["departure_reason"],
            expected_version=data["version"],
        ),
        success=f"Saved when {current.person.full_name} is expected to leave.",
        next_url=_post_url(post),
    )


@require_http_methods(["GET", "POST"])
def holder_left(request, pk):
    post = _editable_post(request, pk)
    current = _current_or_back(request, post)
    if current is None:
        return redirect("succession:post_detail", pk=post.pk)
    initial = {"departure_reason": current.departure_reason or None, "version": post.version}
    form = HolderLeftForm(request.POST or None, initial=initial, cancel_url=_post_url(post))
    context = {"form": form, "post": post, "organisation": post.organisation, "current": current}
    return save_form(
        request,
        form,
        "succession/posts/left_form.html",
        context,
        save=lambda data: services.incumbency_end(
            incumbency=current,
            ended_on=data["ended_on"],
            departure_reason=data["departure_reason"],
            expected_version=data["version"],
        ),
        success=f"Recorded that {current.person.full_name} left. The post is vacant.",
        next_url=_post_url(post),
    )
