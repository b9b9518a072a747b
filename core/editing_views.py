"""What every editing page shares: permission checks, edit conflicts and the save shape."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from .editing import EditConflict

CONFLICT_MESSAGE = (
    "Someone else changed this while you were editing it. Your changes have not been saved: "
    "check what they changed below, then save again if yours should still apply."
)


def require(user, permission: str, obj) -> None:
    """403 unless the user has the permission on the object (the object is already visible)."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def show_conflict(form, conflict: EditConflict, *, message: str = CONFLICT_MESSAGE) -> dict:
    """Keep the editor's input on the form, say what the other person changed, and let the next
    save go ahead now they have seen it. Returns context for templates/components/conflict.html."""
    form.data = form.data.copy()
    form.data["version"] = conflict.current_version
    form.add_error(None, message)
    return {"conflict": conflict}


def save_form(request, form, template: str, context: dict, *, save, success, next_url):
    """The shape every editing page shares. A valid POSTed form is saved through `save(data)`,
    a service call; someone else's earlier save re-shows the form (409) with what they changed;
    a rule the service enforces shows at its field; success says so and moves on.

    `success` is the message, or a function of what `save` returned; so is `next_url`."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except EditConflict as conflict:
            context.update(show_conflict(form, conflict))
            return render(request, template, context, status=409)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(next_url(result) if callable(next_url) else next_url)
    return render(request, template, context)
