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

# Who keeps each body's pledges in the demo. The demo account `pledge.lead` leads HEE; the other
# bodies' leads cannot sign in (they exist to have submitted updates and answered reports).
BODY_LEADS = {
    "NB-NHSI": ("demo.pledge.nhsi", "Grace", "Adeyemi"),
    "X24": ("demo.pledge.nhse", "Tom", "Harding"),
    "NB-HEE": ("pledge.lead", "Priya", "Lal"),
    "NB-CQC": ("demo.pledge.cqc", "Ruth", "Mensah"),
    "NB-NICE": ("demo.pledge.nice", "Daniel", "Price"),
    "NB-PHE": ("demo.pledge.phe", "Aisha", "Karim"),
    "NB-DH": ("demo.pledge.dh", "Martin", "Cole"),
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


PLEDGES = [
    DemoPledge(
        body="NB-NHSI",
        condition=2,
        title="Compassionate, inclusive oversight meetings",
        commitment=(
            "We will model compassionate and inclusive leadership in every oversight meeting we "
            "hold with trusts: we will listen first, agree actions together, and never use fear "
            "as a lever for performance."
        ),
        owner="Executive Director of People",
        measure=(
            "At least 80% of trust chief executives describe our oversight meetings as "
            "supportive in the annual provider survey."
        ),
        rags=["amber", "amber", "green", "green"],
        progress={
            "green": "Every regional oversight meeting this quarter followed the behaviour "
            "charter; the pulse survey of trust chief executives rated 82% of them supportive.",
            "amber": "The behaviour charter is agreed, but two regions have still to train their "
            "teams; the pulse survey rated 64% of meetings supportive.",
        },
        target_months=9,
        milestones=[
            ("Behaviour charter agreed with trust chairs", -9, True),
            ("Every regional team trained in compassionate oversight", 3, False),
        ],
    ),
    DemoPledge(
        body="NB-NHSI",
        condition=5,
        title="Time and space to improve: one joined-up ask",
        commitment=(
            "We will give organisations time and space to build continuous-improvement "
            "cultures. We will agree one set of requests with the Care Quality Commission and "
            "never ask for an improvement or recovery plan in less than four weeks."
        ),
        owner="Director of Improvement",
        measure="No request for a plan with a deadline under four weeks; a joint request "
        "calendar with CQC published each quarter.",
        rags=["green", "amber", "amber", "red"],
        progress={
            "green": "The joint request calendar with CQC was published on time.",
            "amber": "The calendar was published, but three regions set deadlines under four "
            "weeks for financial recovery plans.",
            "red": "Regional teams set short deadlines for recovery plans in the financial "
            "reset; a trust reported this as inconsistent with the pledge. We are retraining.",
        },
        target_months=6,
        milestones=[("Joint request calendar with CQC published", -6, True)],
    ),
    DemoPledge(
        body="NB-NHSI",
        condition=1,
        title="The national succession programme guided by the framework",
        commitment=(
            "We will use Developing People – Improving Care as our guide for talent "
            "management, including the national succession programme for the top 200 "
            "leadership posts, which organisations own and the centre supports."
        ),
        owner="Director of Leadership and Talent",
        measure="Succession plans for 90% of the top 200 posts reviewed within 12 months.",
        rags=["green", "green", "green", "green"],
        progress={
            "green": "Succession plans for the top 200 posts are being reviewed on schedule; "
            "organisations lead the reviews and the national team joins on request.",
        },
        target_months=15,
        milestones=[
            ("Top 200 posts agreed with organisations", -10, True),
            ("90% of top 200 plans reviewed", 9, False),
        ],
    ),
    DemoPledge(
        body="X24",
        condition=1,
        title="Leadership support for local systems",
        commitment=(
            "We will use the framework to shape the leadership support we give to local "
            "health and care systems, developing leaders who work across organisations in "
            "partnership."
        ),
        owner="Director of Strategy and Transformation",
        measure="Every integrated care system has a system leadership development offer "
        "based on the framework.",
        rags=["amber", "amber", "green", "amber"],
        progress={
            "green": "Thirty of 42 systems now have a leadership offer based on the framework.",
            "amber": "Progress slowed while systems reorganised; 24 of 42 systems have an offer.",
        },
        target_months=12,
        milestones=[("Offer designed with five pilot systems", -8, True)],
    ),
    DemoPledge(
        body="X24",
        condition=2,
        title="Compassionate commissioning assurance",
        commitment=(
            "We will model compassionate and inclusive leadership in how we assure "
            "commissioners: assurance conversations will start from the CCG's own view of its "
            "improvement."
        ),
        owner="Director of Commissioning Operations",
        measure="CCG leaders rate assurance meetings as supportive in the annual survey.",
        rags=["green", "green", "green", "green"],
        progress={
            "green": "Assurance meetings used the CCG's own improvement plan as the agenda; 85% "
            "of CCG leaders rated them supportive.",
        },
        target_months=-1,
        status=PledgeStatus.ACHIEVED,
    ),
    DemoPledge(
        body="NB-HEE",
        condition=4,
        title="Leadership Academy programmes aligned to the framework",
        commitment=(
            "Through the NHS Leadership Academy we will align every national leadership "
            "programme with the framework's five conditions and offer places fairly across "
            "regions and professions."
        ),
        owner="Managing Director, NHS Leadership Academy",
        measure="Every programme maps to the five conditions; participants reflect the NHS "
        "workforce by region, profession and ethnicity.",
        rags=["green", "green", "amber", "green"],
        progress={
            "green": "All programmes now map to the five conditions; the cohort starting this "
            "quarter reflects the workforce by region.",
            "amber": "Two programmes were re-scheduled for funding reasons, reducing places.",
        },
        target_months=10,
        milestones=[
            ("Programme curricula mapped to the five conditions", -5, True),
            ("Places allocated fairly across regions", 4, False),
        ],
    ),
    DemoPledge(
        body="NB-HEE",
        condition=3,
        title="Improvement skills in every profession's training",
        commitment=(
            "We will build knowledge of improvement methods, and how to use them, into the "
            "education we commission for every clinical profession."
        ),
        owner="Director of Education and Quality",
        measure="Improvement methods are a required part of the curricula for all the "
        "professions whose training we commission.",
        rags=["amber", "amber", "red", "red"],
        progress={
            "amber": "Curricula for nursing and medicine include improvement methods; allied "
            "health professions are behind schedule.",
            "red": "Agreement with two professional regulators has not been reached; the "
            "target date will be missed.",
        },
        target_months=-2,
        milestones=[
            ("Improvement methods in nursing and medical curricula", -6, True),
            ("Improvement methods in allied health professions' curricula", -2, False),
        ],
    ),
    DemoPledge(
        body="NB-HEE",
        condition=2,
        title="Inclusive selection for national programmes",
        commitment=(
            "We will model inclusive leadership in how we select people for national "
            "programmes, so that those on them reflect the people the NHS employs."
        ),
        owner="Director of People and Inclusion",
        measure="The ethnicity of programme participants matches the NHS workforce within "
        "five percentage points.",
        rags=["amber", "amber", "green", "green"],
        progress={
            "green": "Selection panels now include a trained inclusion adviser; this quarter's "
            "intake matched the workforce within four points.",
            "amber": "Anonymised shortlisting is in place but the intake was still eight points "
            "below the workforce.",
        },
        target_months=14,
    ),
    DemoPledge(
        body="NB-CQC",
        condition=5,
        title="Well-led inspections that encourage improvement",
        commitment=(
            "Our well-led inspections will recognise and encourage continuous-improvement "
            "cultures, using the framework's conditions, rather than only judging compliance."
        ),
        owner="Chief Inspector of Hospitals",
        measure="Every well-led report comments on the trust's improvement culture; trusts "
        "rate the inspection as fair in our survey.",
        rags=["green", "amber", "green", "green"],
        progress={
            "green": "All well-led reports this quarter described the trust's improvement "
            "culture using the framework's conditions.",
            "amber": "Inspection teams are trained but a third of reports did not yet comment "
            "on improvement culture.",
        },
        target_months=8,
        correct_quarter=3,
    ),
    DemoPledge(
        body="NB-CQC",
        condition=2,
        title="Compassionate conduct of inspections",
        commitment=(
            "We will model compassionate and inclusive leadership in how we inspect: we will "
            "give notice where we can, listen to staff, and share what we find before we "
            "publish."
        ),
        owner="Director of Operations",
        measure="Fewer than 5% of inspected organisations raise concerns about inspectors' "
        "conduct.",
        rags=["amber", "green", "green", "green"],
        progress={
            "green": "Concerns about inspectors' conduct fell to 3% of inspections.",
            "amber": "Concerns were raised after 7% of inspections; a new feedback step is "
            "being piloted.",
        },
        target_months=12,
    ),
    DemoPledge(
        body="NB-NICE",
        condition=3,
        title="Improvement evidence leaders can use",
        commitment=(
            "We will publish evidence on improvement methods in a form that leaders at every "
            "level can use, and support its use with case studies from the service."
        ),
        owner="Director of Guidance and Improvement",
        measure="Twelve improvement case studies published and used by at least 100 organisations.",
        rags=["green", "green", "amber", "green"],
        progress={
            "green": "Three more case studies published; downloads show use in 120 organisations.",
            "amber": "Case study publication slipped by a month after a consultation.",
        },
        target_months=5,
    ),
    DemoPledge(
        body="NB-NICE",
        condition=2,
        title="Guidance made with the service, not for it",
        commitment=(
            "We will model compassionate and inclusive leadership in how we develop guidance, "
            "involving the people who will implement it from the start."
        ),
        owner="Chief Executive's Office",
        measure="Every guideline committee includes front-line leaders from trusts.",
        rags=["amber", "green", "green", "green"],
        progress={
            "green": "All new guideline committees include front-line trust leaders.",
            "amber": "Half of the committees formed this quarter include front-line leaders.",
        },
        target_months=11,
    ),
    DemoPledge(
        body="NB-PHE",
        condition=4,
        title="Learning networks for population health leaders",
        commitment=(
            "We will support systems for learning at local, regional and national levels by "
            "running learning networks for leaders in public health and the NHS."
        ),
        owner="Director of Health Improvement",
        measure="A learning network active in every region, meeting at least quarterly.",
        rags=["green", "amber"],
        progress={
            "green": "Networks met in all regions this quarter.",
            "amber": "Two regional networks did not meet after their convenors left.",
        },
        target_months=7,
    ),
    DemoPledge(
        body="NB-PHE",
        condition=1,
        title="Partnership leadership for local health and care",
        commitment=(
            "We will use the framework as our guide in developing directors of public health "
            "and NHS leaders to lead local systems in partnership."
        ),
        owner="Director of Workforce Development",
        measure="Joint development offered to every director of public health and their NHS "
        "counterparts.",
        rags=["amber", "green", "green", "green"],
        progress={
            "green": "Joint development sessions held in every region.",
            "amber": "Sessions designed; first cohort delayed to next quarter.",
        },
        target_months=9,
    ),
    DemoPledge(
        body="NB-DH",
        condition=5,
        title="Aligned national asks of the NHS",
        commitment=(
            "We will align the objectives we set for the national bodies so that organisations "
            "receive one consistent set of asks and the time and space to improve."
        ),
        owner="Director General, NHS Group",
        measure="One set of aligned objectives published each year.",
        rags=["amber", "red"],
        progress={
            "amber": "Draft aligned objectives shared with the national bodies.",
            "red": "The objectives could not be aligned before the mandate was set.",
        },
        target_months=6,
        status=PledgeStatus.WITHDRAWN,
        withdrawn_reason=(
            "Superseded by the joint objectives in the new mandate, which are now tracked "
            "through the mandate's own reporting."
        ),
    ),
    DemoPledge(
        body="NB-DH",
        condition=2,
        title="Leadership at the centre modelled on the framework",
        commitment=(
            "We will model compassionate and inclusive leadership in the department's own "
            "dealings with the NHS, and develop our senior civil servants using the framework."
        ),
        owner="Director of People",
        measure="Senior staff complete framework-based development; NHS leaders rate "
        "departmental engagement as supportive.",
        rags=["amber", "amber", "amber", "green"],
        progress={
            "green": "Three quarters of senior staff have completed framework-based development.",
            "amber": "Development is under way; fewer than half of senior staff have taken part.",
        },
        target_months=12,
    ),
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
                narrative="Correction: the inspection sample was double-counted. A third of "
                "reports did not yet comment on improvement culture, so the quarter was amber.",
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


REPORTS = [
    # (reporter's username, body, pledge title, days ago it happened, what happened, responses)
    (
        "hr.director",
        "NB-NHSI",
        "Time and space to improve: one joined-up ask",
        80,
        "The regional team asked us for a revised financial recovery plan within five working "
        "days, in the same fortnight as our board launched its improvement strategy. The pledge "
        "says no deadline for a plan will be under four weeks.",
        [
            (
                ResponseKind.ACKNOWLEDGED,
                72,
                "Thank you for telling us. We are looking into how the deadline was set.",
            ),
            (
                ResponseKind.ACTION_TAKEN,
                60,
                "The deadline should have been four weeks. We have agreed with the regional "
                "director that requests for recovery plans now allow at least 20 working days, "
                "and we have briefed every regional team on the pledge.",
            ),
        ],
    ),
    (
        "chair",
        "NB-HEE",
        "Leadership Academy programmes aligned to the framework",
        20,
        "Two of our aspiring directors had their confirmed places on a national leadership "
        "programme withdrawn at ten days' notice, with no conversation with the trust. That did "
        "not feel like the fair, compassionate approach the pledge describes.",
        [],
    ),
]


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
