"""What every talent page shares: the submitted data and a service's refusal on a form."""

from django.core.exceptions import ValidationError


def _posted(request):
    """The submitted form data, or None for a GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def _add_service_error(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: at the field it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)
