"""What every talent page shares: the submitted data, pagination, a service's refusal on a form."""

from django.core.exceptions import ValidationError


def _posted(request):
    """The submitted form data, or None for a GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


def _pagination(request, page) -> dict:
    """Numbered NHS.UK pagination that keeps the search and filter."""
    if page.paginator.num_pages <= 1:
        return {"page_links": [], "previous_url": "", "next_url": ""}
    links = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            links.append({"ellipsis": True})
        else:
            links.append(
                {
                    "number": number,
                    "url": _page_url(request, number),
                    "current": number == page.number,
                }
            )
    return {
        "page_links": links,
        "previous_url": _page_url(request, page.number - 1) if page.has_previous() else "",
        "next_url": _page_url(request, page.number + 1) if page.has_next() else "",
    }


def _add_service_error(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: at the field it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)
