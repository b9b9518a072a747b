"""Writes for pledges, milestones, progress updates and reports of inconsistency.

Pledges change with a compare-and-swap on their version, as posts and plans do (a milestone
claims its pledge's version). Progress updates and responses are only ever added. Permissions
are the callers' (views and API, with pledges/rules.py); business rules are here."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import events
from core.editing import EditConflict, version_claim
from orgs.models import Organisation, OrganisationKind

from .history import changes_since_version
from .models import (
    FrameworkCondition,
    InconsistencyReport,
    Milestone,
    Pledge,
    PledgeStatus,
    ProgressUpdate,
    Rag,
    ReportResponse,
    ReportStatus,
    ResponseKind,
)

__all__ = [
    "EditConflict",
    "milestone_add",
    "milestone_update",
    "pledge_create",
    "pledge_update",
    "progress_update_submit",
    "report_create",
    "report_respond",
]


def _pledge_errors(
    *, start_on: dt.date, target_on: dt.date, status: str, withdrawn_reason: str
) -> dict:
    errors = {}
    if target_on < start_on:
        errors["target_on"] = (
            f"The target date must be on or after the start date, {start_on:%-d %B %Y}."
        )
    if status not in PledgeStatus.values:
        errors["status"] = "Choose active, achieved or withdrawn."
    if status == PledgeStatus.WITHDRAWN and not withdrawn_reason.strip():
        errors["withdrawn_reason"] = "Enter why the pledge is being withdrawn."
    return errors


# --- Pledges ----------------------------------------------------------------------------------


@transaction.atomic
def pledge_create(
    *,
    body: Organisation,
    condition: FrameworkCondition,
    title: str,
    commitment: str,
    accountable_owner: str,
    start_on: dt.date,
    target_on: dt.date,
    success_measure: str,
    by=None,
) -> Pledge:
    """A new, active pledge of a national body."""
    errors = _pledge_errors(
        start_on=start_on, target_on=target_on, status=PledgeStatus.ACTIVE, withdrawn_reason=""
    )
    if body.kind != OrganisationKind.NATIONAL_BODY:
        errors["body"] = f"{body.display_name} is not a national body."
    if errors:
        raise ValidationError(errors)
    pledge = Pledge(
        body=body,
        condition=condition,
        title=title.strip(),
        commitment=commitment.strip(),
        accountable_owner=accountable_owner.strip(),
        start_on=start_on,
        target_on=target_on,
        success_measure=success_measure.strip(),
        created_by=by,
    )
    pledge.full_clean()
    pledge.save()
    return pledge


PLEDGE_EDITABLE_FIELDS = (
    "condition",
    "title",
    "commitment",
    "accountable_owner",
    "start_on",
    "target_on",
    "success_measure",
    "status",
    "withdrawn_reason",
)


@transaction.atomic
def pledge_update(*, pledge: Pledge, expected_version: int | None, **changes) -> Pledge:
    """Change a pledge's details or status. The body it belongs to never changes. A reason for
    withdrawing is kept only while the pledge is withdrawn."""
    unknown = set(changes) - set(PLEDGE_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"pledge_update() cannot change {', '.join(sorted(unknown))}")
    merged = {name: getattr(pledge, name) for name in PLEDGE_EDITABLE_FIELDS} | changes
    merged["withdrawn_reason"] = (merged["withdrawn_reason"] or "").strip()
    if merged["status"] != PledgeStatus.WITHDRAWN:
        merged["withdrawn_reason"] = ""
    errors = _pledge_errors(
        start_on=merged["start_on"],
        target_on=merged["target_on"],
        status=merged["status"],
        withdrawn_reason=merged["withdrawn_reason"],
    )
    if errors:
        raise ValidationError(errors)
    version_claim(pledge, expected_version=expected_version, changes_since=changes_since_version)
    for name, value in merged.items():
        setattr(pledge, name, value.strip() if isinstance(value, str) else value)
    pledge.full_clean()
    pledge.save()
    return pledge


# --- Milestones -------------------------------------------------------------------------------


def _milestone_errors(pledge: Pledge, *, due_on: dt.date, achieved_on: dt.date | None) -> dict:
    errors = {}
    if due_on < pledge.start_on:
        errors["due_on"] = (
            f"The due date must be on or after the pledge’s start date, "
            f"{pledge.start_on:%-d %B %Y}."
        )
    if achieved_on and achieved_on > timezone.localdate():
        errors["achieved_on"] = "The date achieved cannot be in the future."
    return errors


@transaction.atomic
def milestone_add(
    *,
    pledge: Pledge,
    title: str,
    due_on: dt.date,
    achieved_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Milestone:
    errors = _milestone_errors(pledge, due_on=due_on, achieved_on=achieved_on)
    if errors:
        raise ValidationError(errors)
    version_claim(pledge, expected_version=expected_version, changes_since=changes_since_version)
    milestone = Milestone(
        pledge=pledge, title=title.strip(), due_on=due_on, achieved_on=achieved_on
    )
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(
    *,
    milestone: Milestone,
    title: str,
    due_on: dt.date,
    achieved_on: dt.date | None,
    expected_version: int | None = None,
) -> Milestone:
    errors = _milestone_errors(milestone.pledge, due_on=due_on, achieved_on=achieved_on)
    if errors:
        raise ValidationError(errors)
    version_claim(
        milestone.pledge, expected_version=expected_version, changes_since=changes_since_version
    )
    milestone.title = title.strip()
    milestone.due_on = due_on
    milestone.achieved_on = achieved_on
    milestone.full_clean()
    milestone.save()
    return milestone


# --- Progress updates -------------------------------------------------------------------------


def evidence_link_errors(links: list[str]) -> list[str]:
    """What is wrong with each address of evidence, so the form can say which line."""
    errors = []
    for number, link in enumerate(links, start=1):
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in link:
            errors.append(
                f"Line {number} is not a web address: enter addresses like "
                "https://www.england.nhs.uk/publication/…, one on each line."
            )
    return errors


@transaction.atomic
def progress_update_submit(
    *,
    pledge: Pledge,
    period_start: dt.date,
    period_end: dt.date,
    rag: str,
    narrative: str,
    evidence_links: list[str] | None = None,
    corrects: ProgressUpdate | None = None,
    by,
    submitted_at: dt.datetime | None = None,
) -> ProgressUpdate:
    """Record a progress update. It can never be changed afterwards: a correction is a new update
    that names the one it corrects. `submitted_at` is for loading past updates (demo data)."""
    links = [link.strip() for link in evidence_links or [] if link.strip()]
    submitted_at = submitted_at or timezone.now()
    errors: dict[str, list[str] | str] = {}
    if period_end < period_start:
        errors["period_end"] = "The end of the period must be on or after its start."
    if period_start > timezone.localtime(submitted_at).date():
        errors["period_start"] = "The period must have started by the time of the update."
    if period_end < pledge.start_on:
        errors["period_end"] = (
            f"The period must end on or after the pledge’s start date, {pledge.start_on:%-d %B %Y}."
        )
    if rag not in Rag.values:
        errors["rag"] = "Choose red, amber or green."
    if not narrative.strip():
        errors["narrative"] = "Enter what progress was made in the period."
    link_errors = evidence_link_errors(links)
    if link_errors:
        errors["evidence_links"] = link_errors
    if corrects is None:
        # A second update for the same period corrects the first: one period, one account.
        corrects = (
            pledge.updates.filter(period_start=period_start, period_end=period_end)
            .exclude(corrections__isnull=False)
            .order_by("-submitted_at", "-pk")
            .first()
        )
    if corrects is not None and corrects.pledge_id != pledge.pk:
        errors["corrects"] = "A correction must be to an update on the same pledge."
    if errors:
        raise ValidationError(errors)
    update = ProgressUpdate(
        pledge=pledge,
        period_start=period_start,
        period_end=period_end,
        rag=rag,
        narrative=narrative.strip(),
        evidence_links=links,
        corrects=corrects,
        submitted_by=by,
        submitted_at=submitted_at,
    )
    update.full_clean()
    update.save()
    return update


# --- Reports of inconsistency -----------------------------------------------------------------


@transaction.atomic
def report_create(
    *,
    pledge: Pledge,
    what_happened: str,
    happened_on: dt.date,
    by,
    reporter_organisation: Organisation | None,
    reported_at: dt.datetime | None = None,
) -> InconsistencyReport:
    """Record that a body's action seemed inconsistent with its pledge. `reporter_organisation`
    is the trust or CCG the reporter acts for (None for the national talent team)."""
    reported_at = reported_at or timezone.now()
    errors = {}
    if not what_happened.strip():
        errors["what_happened"] = "Enter what happened."
    if happened_on > timezone.localtime(reported_at).date():
        errors["happened_on"] = "The date it happened cannot be in the future."
    if errors:
        raise ValidationError(errors)
    report = InconsistencyReport(
        pledge=pledge,
        what_happened=what_happened.strip(),
        happened_on=happened_on,
        reported_by=by,
        reporter_organisation=reporter_organisation,
        reported_at=reported_at,
    )
    report.full_clean()
    report.save()
    events.announce("report_created", report=report)
    return report


@transaction.atomic
def report_respond(
    *,
    report: InconsistencyReport,
    kind: str,
    text: str,
    by,
    responded_at: dt.datetime | None = None,
) -> ReportResponse:
    """The body's answer. The report's status becomes the kind of its latest answer."""
    errors = {}
    if kind not in ResponseKind.values:
        errors["kind"] = "Choose acknowledged, explained or action taken."
    if not text.strip():
        errors["text"] = "Enter the body’s response."
    if errors:
        raise ValidationError(errors)
    # Lock the report so two answers at once leave the status of the later one.
    report = InconsistencyReport.objects.select_for_update().get(pk=report.pk)
    response = ReportResponse(
        report=report,
        kind=kind,
        text=text.strip(),
        responded_by=by,
        responded_at=responded_at or timezone.now(),
    )
    response.full_clean()
    response.save()
    report.status = ReportStatus(kind)
    report.save(update_fields=["status"])
    events.announce("report_responded", response=response)
    return response
