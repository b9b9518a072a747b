"""Demo data for the pledge tracker: the sponsoring bodies' pledges, drawn from what they pledged
in *Developing People – Improving Care* (to model compassionate, inclusive leadership; to use the
framework as their guide for leadership, improvement and talent management; to give
organisations time and space to build continuous-improvement cultures), a year of quarterly
progress updates, and two reports of inconsistency, one answered.

Dates are relative to today so that the tracker's flags mean something whenever the demo runs:
one pledge is past its target date and not achieved, one has had no update for six months.
Safe to run again: a pledge that exists (same body and title) is left alone, as is a report."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Role, User
from orgs.models import Organisation
from pledges import services
from pledges.models import (
    FrameworkCondition,
    InconsistencyReport,
    Pledge,
    PledgeStatus,
    ResponseKind,
)
from pledges.rules import reporting_organisations

from .texts import texts

_TEXTS = texts("pledges")

# Who keeps each body's pledges: (username, first name, last name) by ODS code.
BODY_LEADS = {
    ods_code: (lead["username"], lead["first_name"], lead["last_name"])
    for ods_code, lead in _TEXTS["body_leads"].items()
}


@dataclass
class DemoPledge:
    body: str  # ODS code
    condition: int
    title: str
    commitment: str
    owner: str
    measure: str
    # One RAG per quarter, oldest first, for the last four complete quarters (fewer: it stopped).
    rags: list[str]
    progress: dict[str, str]  # what an update of each RAG says
    target_months: int = 12  # after today (negative: before)
    status: str = PledgeStatus.ACTIVE
    withdrawn_reason: str = ""
    milestones: list[tuple[str, int, bool]] = field(default_factory=list)  # title, months, done
    correct_quarter: int | None = None  # the quarter whose update is later corrected (to amber)

    @classmethod
    def from_text(cls, text: dict) -> DemoPledge:
        milestones = [(m["title"], m["months"], m["done"]) for m in text.get("milestones", [])]
        return cls(**{**text, "milestones": milestones})


PLEDGES = [DemoPledge.from_text(text) for text in _TEXTS["pledges"]]
# (reporter's username, body, pledge title, days ago it happened, what happened, responses)
REPORTS = [
    (
        report["reporter"],
        report["body"],
        report["pledge"],
        report["days_ago"],
        report["what_happened"],
        [
            (ResponseKind(response["kind"]), response["days_ago"], response["text"])
            for response in report["responses"]
        ],
    )
    for report in _TEXTS["reports"]
]


# --- Dates ------------------------------------------------------------------------------------


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last_day))


def last_quarters(today: dt.date, count: int = 4) -> list[tuple[dt.date, dt.date]]:
    """The last `count` complete calendar quarters before today, oldest first."""
    quarters = []
    end = _quarter_start(today) - dt.timedelta(days=1)
    for _ in range(count):
        start = _quarter_start(end)
        quarters.append((start, end))
        end = start - dt.timedelta(days=1)
    return list(reversed(quarters))


def _at(day: dt.date, now: dt.datetime, hour: int = 10) -> dt.datetime:
    """Ten in the morning on `day`, but never later than a minute ago."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    return min(moment, now - dt.timedelta(minutes=1))


# --- Loading ----------------------------------------------------------------------------------


@dataclass
class DemoSummary:
    pledges: int = 0
    updates: int = 0
    reports: int = 0
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            f"Pledge tracker: {self.pledges} pledges, {self.updates} progress updates and "
            f"{self.reports} reports of inconsistency added."
        ]
        return lines + self.skipped


def _lead_for(body: Organisation) -> User:
    username, first_name, last_name = BODY_LEADS[body.ods_code]
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@demo.nhs.example",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organisation=body, role=Role.PLEDGE_LEAD)
    return user


def _load_pledge(spec: DemoPledge, *, body, lead, today, now, summary: DemoSummary) -> Pledge:
    quarters = last_quarters(today)
    start_on = quarters[0][0]
    pledge = services.pledge_create(
        body=body,
        condition=FrameworkCondition.objects.get(number=spec.condition),
        title=spec.title,
        commitment=spec.commitment,
        accountable_owner=spec.owner,
        start_on=start_on,
        target_on=max(_add_months(today, spec.target_months), start_on),
        success_measure=spec.measure,
        by=lead,
    )
    summary.pledges += 1
    for title, months, done in spec.milestones:
        due_on = max(_add_months(today, months), start_on)
        services.milestone_add(
            pledge=pledge,
            title=title,
            due_on=due_on,
            achieved_on=min(due_on, today) if done else None,
        )
    for number, (rag, (period_start, period_end)) in enumerate(
        zip(spec.rags, quarters, strict=False), start=1
    ):
        update = services.progress_update_submit(
            pledge=pledge,
            period_start=period_start,
            period_end=period_end,
            rag=rag,
            narrative=spec.progress[rag],
            evidence_links=[
                f"https://example.org/{body.ods_code.lower()}/board-papers/"
                f"{period_end:%Y-%m}-pledge-report.pdf"
            ],
            by=lead,
            submitted_at=_at(period_end + dt.timedelta(days=10), now),
        )
        summary.updates += 1
        if number == spec.correct_quarter:
            services.progress_update_submit(
                pledge=pledge,
                period_start=period_start,
                period_end=period_end,
                rag="amber",
                narrative=_TEXTS["correction"],
                corrects=update,
                by=lead,
                submitted_at=_at(period_end + dt.timedelta(days=25), now),
            )
            summary.updates += 1
    if spec.status != PledgeStatus.ACTIVE:
        services.pledge_update(
            pledge=pledge,
            expected_version=None,
            status=spec.status,
            withdrawn_reason=spec.withdrawn_reason,
        )
    return pledge


def _load_reports(*, today, now, summary: DemoSummary) -> None:
    for username, ods_code, title, days_ago, what_happened, responses in REPORTS:
        reporter = User.objects.filter(username=username).first()
        pledge = Pledge.objects.filter(body__ods_code=ods_code, title=title).first()
        if reporter is None or pledge is None:
            summary.skipped.append(
                f"Skipped a report of inconsistency: no demo account “{username}” or pledge."
            )
            continue
        if InconsistencyReport.objects.filter(pledge=pledge, what_happened=what_happened).exists():
            continue
        organisation = next(iter(reporting_organisations(reporter)), None)
        report = services.report_create(
            pledge=pledge,
            what_happened=what_happened,
            happened_on=today - dt.timedelta(days=days_ago),
            by=reporter,
            reporter_organisation=organisation,
            reported_at=_at(today - dt.timedelta(days=days_ago - 3), now),
        )
        summary.reports += 1
        lead = _lead_for(pledge.body)
        for kind, responded_days_ago, text in responses:
            services.report_respond(
                report=report,
                kind=kind,
                text=text,
                by=lead,
                responded_at=_at(today - dt.timedelta(days=responded_days_ago), now),
            )


@transaction.atomic
def pledge_demo_data_load(*, today: dt.date | None = None) -> DemoSummary:
    """Load the demo pledges, updates and reports. Bodies that are not loaded are skipped."""
    today = today or timezone.localdate()
    now = timezone.now()
    summary = DemoSummary()
    bodies = {body.ods_code: body for body in Organisation.objects.national_bodies()}
    for spec in PLEDGES:
        body = bodies.get(spec.body)
        if body is None:
            summary.skipped.append(f"Skipped “{spec.title}”: national body {spec.body} not loaded.")
            continue
        if Pledge.objects.filter(body=body, title=spec.title).exists():
            continue
        _load_pledge(spec, body=body, lead=_lead_for(body), today=today, now=now, summary=summary)
    _load_reports(today=today, now=now, summary=summary)
    return summary
