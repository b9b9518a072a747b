from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.editing_views import require

from . import services
from .filters import DEFAULT_SORT, DEFAULT_STATUS
from .forms import SegmentsUploadForm
from .selectors import organisation_detail as select_organisation
from .selectors import organisation_filter, organisation_relations, segment_counts

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
            "can_import_segments": request.user.has_perm("orgs.import_oversight_segments"),
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


@require_http_methods(["GET", "POST"])
def segments_import(request):
    """The national team uploads NHS England's oversight segment list (code,segment,date): every
    bad line is listed with its reason and nothing is saved until the whole file is good."""
    require(request.user, "orgs.import_oversight_segments", None)
    is_post = request.method == "POST"
    form = SegmentsUploadForm(request.POST if is_post else None, request.FILES if is_post else None)
    rejected = None
    if is_post and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.oversight_segments_import(
                text=form.text,
                source=upload.name,
                framework=form.cleaned_data["framework"],
                by=request.user,
            )
        except services.ImportRejected as error:
            rejected = error
            lines = len({row_error.line for row_error in error.errors})
            form.add_error(
                "file",
                f"{upload.name} has {lines} bad line{'s' if lines != 1 else ''}: nothing was "
                "saved. Correct the lines listed below and upload the file again",
            )
        else:
            messages.success(
                request,
                f"Segments saved from {upload.name}: {len(result.created)} given, "
                f"{len(result.changed)} changed, {len(result.unchanged)} unchanged. Risk scores "
                "are being recalculated.",
            )
            return redirect("orgs:segments_import")
    return render(
        request,
        "orgs/segments_import.html",
        {"form": form, "rejected": rejected, "counts": segment_counts()},
    )
