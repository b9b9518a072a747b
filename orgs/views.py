from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .filters import DEFAULT_SORT, DEFAULT_STATUS
from .selectors import organisation_detail as select_organisation
from .selectors import organisation_filter, organisation_relations

PAGE_SIZE = 50

# (sort key, column heading) for the list's sortable columns, in table order
SORTABLE_COLUMNS = [("name", "Name"), ("code", "ODS code"), ("kind", "Kind"), ("region", "Region")]


def _sort_columns(request, current: str) -> list[dict]:
    """Each sortable column's heading, the link that sorts by it (ascending, or descending when
    it is already sorted ascending) and its aria-sort value."""
    columns = []
    for key, label in SORTABLE_COLUMNS:
        if current == key:
            aria_sort, next_sort = "ascending", f"-{key}"
        elif current == f"-{key}":
            aria_sort, next_sort = "descending", key
        else:
            aria_sort, next_sort = None, key
        query = request.GET.copy()
        query["sort"] = next_sort
        query.pop("page", None)
        columns.append(
            {"key": key, "label": label, "aria_sort": aria_sort, "url": f"?{query.urlencode()}"}
        )
    return columns


@require_GET
def organisation_list(request):
    filterset = organisation_filter(user=request.user, data=request.GET)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    current_sort = filterset.form.cleaned_data.get("sort") or DEFAULT_SORT
    filtered = any(filterset.form.cleaned_data.get(name) for name in ("q", "region", "kind")) or (
        filterset.form.cleaned_data.get("status") not in ("", None, DEFAULT_STATUS)
    )
    return render(
        request,
        "orgs/organisation_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "organisations": page.object_list,
            "columns": _sort_columns(request, current_sort),
            "is_filtered": filtered,
        },
    )


@require_GET
def organisation_detail(request, ods_code):
    organisation = select_organisation(user=request.user, ods_code=ods_code)
    return render(
        request,
        "orgs/organisation_detail.html",
        {"organisation": organisation, **organisation_relations(organisation=organisation)},
    )
