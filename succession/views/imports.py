"""Bulk upload of posts and holders: download a template, upload a file, check the preview, then
confirm. Nothing is saved until the HR director confirms, and then all rows or none."""

import datetime as dt
import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from core.editing_views import require
from succession import import_service
from succession.forms.imports import PostsUploadForm
from succession.imports import (
    COLUMNS,
    MAX_BYTES,
    ImportRow,
    parse_upload,
    template_csv,
    template_xlsx,
)
from succession.models import Criticality, DepartureReason, IncumbencyKind
from succession.selectors import organisation_for_user
from talent.models import PostRole

SESSION_KEY = "posts_imports"
TEMPLATE_NAME = "posts-and-holders-template"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _organisation(request, ods_code: str):
    """The organisation (404 unless the user may see it), if they may upload its posts (403)."""
    organisation = organisation_for_user(user=request.user, ods_code=ods_code)
    # succession.rules finds the organisation through an `organisation_id` attribute.
    require(request.user, "succession.import_posts", organisation)
    return organisation


@require_GET
def import_template(request, ods_code: str, file_format: str):
    _organisation(request, ods_code)
    if file_format == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(template_xlsx(), content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_NAME}.{file_format}"'
    return response


@require_http_methods(["GET", "POST"])
def import_upload(request, ods_code: str):
    organisation = _organisation(request, ods_code)
    is_post = request.method == "POST"
    form = PostsUploadForm(request.POST if is_post else None, request.FILES if is_post else None)
    if is_post and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error(
                "file",
                f"The file is {upload.size / 1_000_000:.1f} MB: it must be 1 MB or smaller. "
                "Split it into several files.",
            )
        else:
            parsed = parse_upload(name=upload.name, content=upload.read())
            for message in parsed.file_errors:
                form.add_error("file", message)
            if not parsed.file_errors:
                token = _store(request, organisation, upload.name, parsed.rows)
                return redirect("succession:import_preview", ods_code=ods_code, token=token)
    return render(
        request,
        "succession/imports/upload.html",
        {"organisation": organisation, "form": form, **_reference()},
    )


@require_http_methods(["GET", "POST"])
def import_preview(request, ods_code: str, token: str):
    organisation = _organisation(request, ods_code)
    stored = _stored(request, organisation, token)
    if stored is None:
        messages.info(request, "That upload is no longer available: upload the file again.")
        return redirect("succession:import_upload", ods_code=ods_code)
    rows = [ImportRow.from_dict(data) for data in stored["rows"]]
    plan = import_service.posts_import_plan(organisation=organisation, rows=rows)
    context = {
        "organisation": organisation,
        "file_name": stored["file_name"],
        "plan": plan,
        "token": token,
    }
    if request.method == "GET":
        return render(request, "succession/imports/preview.html", _preview_context(context))

    if not plan.is_valid:
        context["refused"] = (
            "Nothing has been saved: fix the rows listed and upload the file again."
        )
        return render(
            request, "succession/imports/preview.html", _preview_context(context), status=400
        )
    try:
        summary = import_service.posts_import(
            organisation=organisation,
            rows=rows,
            by=request.user,
            expected_fingerprint=request.POST.get("fingerprint", ""),
        )
    except import_service.ImportPlanChanged:
        context["changed"] = True
        return render(
            request, "succession/imports/preview.html", _preview_context(context), status=409
        )
    except ValidationError as error:
        context["refused"] = " ".join(error.messages)
        return render(
            request, "succession/imports/preview.html", _preview_context(context), status=400
        )
    _forget(request, token)
    messages.success(request, _saved_message(summary))
    return redirect("succession:board", ods_code=organisation.ods_code)


# --- Keeping the upload between the preview and the confirmation ------------------------------


def _store(request, organisation, file_name: str, rows: list[ImportRow]) -> str:
    """Keep the checked rows in the session (an upload is at most 2,000 rows) until confirmed.
    Only the latest upload for each organisation is kept."""
    uploads = {
        token: upload
        for token, upload in request.session.get(SESSION_KEY, {}).items()
        if upload["organisation_id"] != organisation.pk
    }
    token = secrets.token_urlsafe(16)
    uploads[token] = {
        "organisation_id": organisation.pk,
        "file_name": file_name,
        "uploaded_at": dt.datetime.now(dt.UTC).isoformat(),
        "rows": [row.to_dict() for row in rows],
    }
    request.session[SESSION_KEY] = uploads
    return token


def _stored(request, organisation, token: str) -> dict | None:
    upload = request.session.get(SESSION_KEY, {}).get(token)
    if upload is None:
        return None
    if upload["organisation_id"] != organisation.pk:
        raise Http404
    return upload


def _forget(request, token: str) -> None:
    uploads = dict(request.session.get(SESSION_KEY, {}))
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads


# --- Page helpers -----------------------------------------------------------------------------


def _reference() -> dict:
    """What the upload page lists: the columns and the values they accept."""
    return {
        "columns": COLUMNS,
        "roles": PostRole.choices,
        "criticalities": Criticality.choices,
        "holder_statuses": IncumbencyKind.choices,
        "departure_reasons": DepartureReason.choices,
    }


def _preview_context(context: dict) -> dict:
    plan = context["plan"]
    organisation = context["organisation"]
    context.update(
        {
            "error_items": [
                {"text": f"Line {line}: {message}", "href": f"#line-{line}"}
                for line, message in plan.errors
            ],
            "new_posts": plan.count(post_action="new"),
            "updated_posts": plan.count(post_action="update"),
            "new_people": plan.count(person_action="new"),
            "new_holders": plan.count(holder_action="new_holder"),
            "upload_url": reverse("succession:import_upload", args=[organisation.ods_code]),
        }
    )
    return context


def _saved_message(summary: import_service.ImportSummary) -> str:
    def count(number: int, one: str, many: str) -> str:
        return f"{number:,} {one if number == 1 else many}"

    parts = [
        count(number, one, many)
        for number, one, many in (
            (summary.posts_created, "new post", "new posts"),
            (summary.posts_updated, "post updated", "posts updated"),
            (summary.people_created, "person added", "people added"),
            (summary.holders_recorded, "holder recorded", "holders recorded"),
            (summary.departures_updated, "expected departure updated", "departures updated"),
        )
        if number
    ]
    saved = f"{count(summary.posts_saved, 'post', 'posts')} saved from your file"
    return f"{saved}: {', '.join(parts)}." if parts else f"{saved}: nothing needed changing."
