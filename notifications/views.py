"""The home page's worklist, the notifications page and the preferences page. Thin: selectors
read, services write; every action is a POST form, so all of it works without JavaScript."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import memberships_of

from . import selectors, services, worklists
from .context_processors import todo_count_remember
from .forms import PreferencesForm

PAGE_SIZE = 25


@require_GET
def home(request):
    """The start page: who the user is signed in as, and what is theirs to do."""
    worklist = worklists.worklist_for(request.user)
    todo_count_remember(request.user, worklist.count)
    return render(
        request,
        "core/home.html",
        {
            "memberships": memberships_of(request.user),
            "worklist": worklist,
            "todo_count": worklist.count,
        },
    )


@require_POST
def worklist_done(request):
    key = request.POST.get("item", "")
    if not services.worklist_item_done(user=request.user, item_key=key):
        raise Http404("No such item on your worklist")
    messages.success(request, "Marked as done. It is no longer on your list.")
    return redirect(reverse("home") + "#worklist")


@require_GET
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page, "notifications": page.object_list},
    )


@require_POST
def notification_read(request, pk):
    marked = services.notifications_mark_read(user=request.user, ids=[pk])
    if not marked and not selectors.notifications_for(request.user).filter(pk=pk).exists():
        raise Http404("No such notification")
    return redirect(reverse("notifications:list"))


@require_POST
def notifications_read_all(request):
    marked = services.notifications_mark_read(user=request.user)
    if marked:
        messages.success(
            request, f"Marked {marked} notification{'s' if marked != 1 else ''} as read."
        )
    return redirect(reverse("notifications:list"))


@require_http_methods(["GET", "POST"])
def preferences(request):
    kinds = selectors.kinds_for(request.user)
    form = PreferencesForm(
        request.POST or None, kinds=kinds, initial_choices=selectors.preferences_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, "Your choices are saved.")
        return redirect(reverse("notifications:list"))
    return render(request, "notifications/preferences.html", {"form": form, "kinds": kinds})
