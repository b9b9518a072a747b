"""Reads for the pledge tracker. Pledges, updates and reports are open to every signed-in user
(the tracker exists to make the bodies' commitments visible); who reported an inconsistency is
not: `reporter_description` is the one place that decides what a viewer is told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.rules import is_national_talent_team
from orgs.models import Organisation

from .filters import PledgeFilter
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
)
from .rules import bodies_led_by

# A pledge with no progress update for this long is flagged on the tracker.
STALE_AFTER_DAYS = 90


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


# --- Pledges ----------------------------------------------------------------------------------


def pledges_visible_to(user) -> QuerySet[Pledge]:
    """Every pledge, for any signed-in user."""
    if not _signed_in(user):
        return Pledge.objects.none()
    return Pledge.objects.all()


def stale_cutoff(today: dt.date) -> dt.datetime:
    """Updates submitted before this moment are too old to count as recent."""
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return start_of_today - dt.timedelta(days=STALE_AFTER_DAYS)


def _count(rows: QuerySet) -> Coalesce:
    """A correlated count (rows already filtered on OuterRef and reduced to one column), so that
    counting never multiplies the pledges' rows or needs a GROUP BY."""
    counted = rows.annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_tracking(pledges: QuerySet[Pledge], *, today: dt.date | None = None) -> QuerySet:
    """Pledges with what the tracker shows of them: the RAG and period of the latest update
    (an update that was corrected gives way to its correction), when the last update came, the
    number of open reports, and the overdue and stale flags."""
    today = today or timezone.localdate()
    cutoff = stale_cutoff(today)
    current_updates = (
        ProgressUpdate.objects.filter(pledge=OuterRef("pk"))
        .exclude(Exists(ProgressUpdate.objects.filter(corrects=OuterRef("pk"))))
        .order_by("-period_end", "-submitted_at", "-pk")
    )
    last_submitted = (
        ProgressUpdate.objects.filter(pledge=OuterRef("pk"))
        .order_by("-submitted_at")
        .values("submitted_at")[:1]
    )
    open_reports = (
        InconsistencyReport.objects.filter(
            pledge=OuterRef("pk"), status__in=ReportStatus.open_values()
        )
        .order_by()
        .values("pledge")
    )
    active = Q(status=PledgeStatus.ACTIVE)
    return (
        pledges.select_related("body", "condition")
        .annotate(
            latest_rag=Subquery(current_updates.values("rag")[:1]),
            latest_period_end=Subquery(current_updates.values("period_end")[:1]),
            last_update_at=Subquery(last_submitted),
            open_reports_count=_count(open_reports),
        )
        .annotate(
            is_overdue=Case(
                When(active & Q(target_on__lt=today), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            is_stale=Case(
                When(
                    active
                    & (
                        Q(last_update_at__lt=cutoff)
                        | Q(last_update_at__isnull=True, start_on__lt=cutoff.date())
                    ),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )


def pledge_filter(
    *, user, data: Mapping | None = None, today: dt.date | None = None
) -> PledgeFilter:
    """The tracker's FilterSet over the pledges `user` may read, with tracking annotations."""
    pledges = with_tracking(pledges_visible_to(user), today=today).order_by(
        "body__name", "condition__number", "title"
    )
    return PledgeFilter(data or {}, queryset=pledges)


def pledge_for_user(*, user, pk: int, today: dt.date | None = None) -> Pledge:
    """One pledge with its tracking annotations, or 404."""
    return get_object_or_404(with_tracking(pledges_visible_to(user), today=today), pk=pk)


def pledge_milestones(pledge: Pledge) -> list[Milestone]:
    return list(pledge.milestones.all())


def milestone_for_pledge(*, pledge: Pledge, pk: int) -> Milestone:
    return get_object_or_404(Milestone.objects.select_related("pledge"), pledge=pledge, pk=pk)


def bodies_for_new_pledge(user) -> QuerySet[Organisation]:
    """The national bodies the user may make pledges for: all of them for the national talent
    team, their own for a pledge lead."""
    bodies = Organisation.objects.national_bodies().open_on().order_by("name")
    if is_national_talent_team(user):
        return bodies
    return bodies.filter(pk__in=[body.pk for body in bodies_led_by(user)])


def pledges_to_report_on(user) -> QuerySet[Pledge]:
    return (
        pledges_visible_to(user).select_related("body", "condition").order_by("body__name", "title")
    )


# --- The tracker ------------------------------------------------------------------------------


@dataclass
class RagCount:
    rag: str
    label: str
    count: int


@dataclass
class MatrixCell:
    body: Organisation
    condition: FrameworkCondition
    pledges: int = 0
    rag_counts: list[RagCount] = field(default_factory=list)
    without_update: int = 0
    overdue: int = 0
    stale: int = 0
    url: str = ""  # the tracker narrowed to this cell; set by the view


@dataclass
class MatrixRow:
    body: Organisation
    cells: list[MatrixCell]

    @property
    def pledges(self) -> int:
        return sum(cell.pledges for cell in self.cells)


@dataclass
class Tracker:
    pledges: list[Pledge]
    conditions: list[FrameworkCondition]
    matrix: list[MatrixRow]
    open_reports: list[ReportView]

    @property
    def overdue(self) -> list[Pledge]:
        return [pledge for pledge in self.pledges if pledge.is_overdue]

    @property
    def stale(self) -> list[Pledge]:
        return [pledge for pledge in self.pledges if pledge.is_stale]


def tracker(*, user, filterset: PledgeFilter) -> Tracker:
    """The matrix of bodies by conditions, the pledges and the open reports, for what the
    filters chose. Rows are every national body open today or with pledges (an abolished body's
    pledges stay as history), or the one filtered on; columns every condition (or the one
    filtered on)."""
    pledges = list(filterset.qs)
    cleaned = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    with_pledges = Pledge.objects.values("body")
    bodies = list(
        Organisation.objects.national_bodies()
        .filter(Q(pk__in=Organisation.objects.open_on().values("pk")) | Q(pk__in=with_pledges))
        .select_related("successor")
        .order_by("name")
    )
    if cleaned.get("body"):
        bodies = [cleaned["body"]]
    conditions = list(FrameworkCondition.objects.all())
    if cleaned.get("condition"):
        conditions = [cleaned["condition"]]
    cells = {
        (body.pk, condition.pk): MatrixCell(body=body, condition=condition)
        for body in bodies
        for condition in conditions
    }
    rags: dict[tuple[int, int], dict[str, int]] = {}
    for pledge in pledges:
        cell = cells.get((pledge.body_id, pledge.condition_id))
        if cell is None:
            continue
        cell.pledges += 1
        cell.overdue += pledge.is_overdue
        cell.stale += pledge.is_stale
        if pledge.latest_rag:
            counts = rags.setdefault((pledge.body_id, pledge.condition_id), {})
            counts[pledge.latest_rag] = counts.get(pledge.latest_rag, 0) + 1
        else:
            cell.without_update += 1
    for key, counts in rags.items():
        cells[key].rag_counts = [
            RagCount(rag, label, counts[rag]) for rag, label in Rag.choices if counts.get(rag)
        ]
    matrix = [
        MatrixRow(body=body, cells=[cells[(body.pk, c.pk)] for c in conditions]) for body in bodies
    ]
    reports = (
        InconsistencyReport.objects.filter(
            pledge__in=[pledge.pk for pledge in pledges], status__in=ReportStatus.open_values()
        )
        .select_related("pledge", "pledge__body", "reported_by", "reporter_organisation")
        .prefetch_related("responses")
        .order_by("-reported_at")
    )
    return Tracker(
        pledges=pledges,
        conditions=conditions,
        matrix=matrix,
        open_reports=[report_view(report, user=user) for report in reports],
    )


# --- Reports and who made them ----------------------------------------------------------------

YOU = "You"
TRUST_OR_CCG_USER = "A trust or CCG user"
NATIONAL_TEAM = "The national talent team"


def reporter_description(report: InconsistencyReport, *, user) -> str:
    """Who reported, as `user` may be told: the name and organisation for the national talent
    team; "You" for the reporter; otherwise only that it was a trust or CCG user (or the national
    team), never who or which organisation, so that a body cannot identify the reporter."""
    if user.has_perm("pledges.see_reporter", report):
        reporter = report.reported_by
        name = reporter.get_full_name() or reporter.username
        where = (
            report.reporter_organisation.display_name
            if report.reporter_organisation
            else "national talent team"
        )
        return f"{name} ({reporter.email or reporter.username}), {where}"
    if report.reported_by_id == user.pk:
        return YOU
    return TRUST_OR_CCG_USER if report.reporter_organisation_id else NATIONAL_TEAM


@dataclass
class ReportView:
    """A report as one viewer may see it: `reporter` is already what they may be told."""

    report: InconsistencyReport
    reporter: str
    is_yours: bool
    responses: list[ReportResponse]

    @property
    def when(self) -> dt.datetime:
        return self.report.reported_at


def report_view(report: InconsistencyReport, *, user) -> ReportView:
    return ReportView(
        report=report,
        reporter=reporter_description(report, user=user),
        is_yours=report.reported_by_id == user.pk,
        responses=list(report.responses.all()),
    )


def _reports() -> QuerySet[InconsistencyReport]:
    return InconsistencyReport.objects.select_related(
        "pledge", "pledge__body", "pledge__condition", "reported_by", "reporter_organisation"
    ).prefetch_related(
        Prefetch("responses", queryset=ReportResponse.objects.select_related("responded_by"))
    )


def reports_visible_to(user) -> QuerySet[InconsistencyReport]:
    """Every report (what happened is open, as the pledges are), for any signed-in user."""
    if not _signed_in(user):
        return InconsistencyReport.objects.none()
    return _reports()


def report_for_user(*, user, pk: int) -> InconsistencyReport:
    return get_object_or_404(reports_visible_to(user), pk=pk)


def my_reports(*, user) -> list[ReportView]:
    """The reports the user made, newest first, with the bodies' responses."""
    reports = reports_visible_to(user).filter(reported_by=user).order_by("-reported_at")
    return [report_view(report, user=user) for report in reports]


# --- A pledge's page --------------------------------------------------------------------------


@dataclass
class TimelineEntry:
    """A progress update or a report, in the order they came."""

    kind: str  # "update" or "report"
    when: dt.datetime
    update: ProgressUpdate | None = None
    report: ReportView | None = None


def pledge_updates(pledge: Pledge) -> list[ProgressUpdate]:
    return list(
        pledge.updates.select_related("submitted_by", "corrects")
        .prefetch_related("corrections")
        .order_by("-submitted_at", "-pk")
    )


def pledge_timeline(*, user, pledge: Pledge) -> list[TimelineEntry]:
    """The pledge's progress updates and reports of inconsistency, newest first."""
    entries = [
        TimelineEntry("update", update.submitted_at, update=update)
        for update in pledge_updates(pledge)
    ]
    for report in reports_visible_to(user).filter(pledge=pledge):
        entries.append(
            TimelineEntry("report", report.reported_at, report=report_view(report, user=user))
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def updates_visible_to(user) -> QuerySet[ProgressUpdate]:
    """Every progress update, for any signed-in user, newest first."""
    if not _signed_in(user):
        return ProgressUpdate.objects.none()
    return (
        ProgressUpdate.objects.select_related("pledge", "pledge__body", "submitted_by")
        .prefetch_related("corrections")
        .order_by("-submitted_at", "-pk")
    )


def update_for_pledge(*, pledge: Pledge, pk) -> ProgressUpdate | None:
    """An update of this pledge (the one a correction corrects), or None."""
    try:
        return pledge.updates.get(pk=int(pk))
    except (TypeError, ValueError, ProgressUpdate.DoesNotExist):
        return None


# --- The CSV export ---------------------------------------------------------------------------

CSV_HEADER = [
    "National body",
    "ODS code",
    "Condition number",
    "Framework condition",
    "Pledge",
    "Commitment",
    "Accountable owner",
    "Start date",
    "Target date",
    "How success will be measured",
    "Status",
    "Reason for withdrawing",
    "Latest RAG status",
    "Latest period ends",
    "Last update submitted",
    "Overdue",
    "No update in 90 days",
    "Open reports of inconsistency",
    "Milestones",
    "Milestones achieved",
]


def tracker_csv_rows(filterset: PledgeFilter) -> list[list]:
    """The filtered pledges as CSV rows (header first). Reports are counted, never attributed."""
    milestones = Milestone.objects.filter(pledge=OuterRef("pk")).order_by().values("pledge")
    pledges = filterset.qs.annotate(
        milestone_count=_count(milestones),
        milestones_achieved=_count(milestones.filter(achieved_on__isnull=False)),
    )
    rows = [CSV_HEADER]
    for pledge in pledges:
        rows.append(
            [
                pledge.body.display_name,
                pledge.body.ods_code,
                pledge.condition.number,
                pledge.condition.title,
                pledge.title,
                pledge.commitment,
                pledge.accountable_owner,
                pledge.start_on.isoformat(),
                pledge.target_on.isoformat(),
                pledge.success_measure,
                pledge.get_status_display(),
                pledge.withdrawn_reason,
                Rag(pledge.latest_rag).label if pledge.latest_rag else "No update yet",
                pledge.latest_period_end.isoformat() if pledge.latest_period_end else "",
                timezone.localtime(pledge.last_update_at).date().isoformat()
                if pledge.last_update_at
                else "",
                "Yes" if pledge.is_overdue else "No",
                "Yes" if pledge.is_stale else "No",
                pledge.open_reports_count,
                pledge.milestone_count,
                pledge.milestones_achieved,
            ]
        )
    return rows
