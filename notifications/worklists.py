"""What is each user's to do: the worklists on their home page, one section per kind of thing,
newest and most urgent first, each item a link to the page where it is done.

Reads only, scoped by role: a chair's sections cover the organisations they chair, an HR
director's those they are HR director of, a pledge lead's their bodies, the national talent
team's everything. Each section is two queries however much data there is (a count, and its
first rows with what they show joined in); the navigation's count runs only the counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from accounts.roles import organisation_ids_for, roles_of
from orgs.models import Organisation
from pledges.models import (
    InconsistencyReport,
    Milestone,
    Pledge,
    PledgeStatus,
    ProgressUpdate,
    ReportStatus,
)
from risk.models import LatestRisk, RecalculationRun, RiskAssessment, RiskBand, RunKind, RunStatus
from succession.models import (
    Incumbency,
    IncumbencyKind,
    Nomination,
    NominationStatus,
    Post,
    SignOff,
    SuccessionPlan,
)
from talent.models import CalibrationSession, CalibrationStatus, Readiness, TalentProfile

from . import dates
from .models import WorklistItemDone

# Rows shown per section; the rest are counted, with a link to the page that lists them all.
SHOWN = 10


@dataclass(frozen=True)
class WorkItem:
    text: str
    link: str
    detail: str = ""
    urgent: bool = False
    # Why it comes first: a value of the "worklist" status tag (core/templatetags/status.py).
    flag: str = ""
    # Items that do not go away by themselves can be marked done under this key.
    done_key: str = ""


@dataclass
class Section:
    key: str
    heading: str
    count: int
    items: list[WorkItem] = field(default_factory=list)
    more_link: str = ""
    more_text: str = ""

    @property
    def urgent(self) -> bool:
        return any(item.urgent for item in self.items)

    @property
    def hidden(self) -> int:
        return max(self.count - len(self.items), 0)


@dataclass
class Worklist:
    sections: list[Section]

    @property
    def count(self) -> int:
        return sum(section.count for section in self.sections)

    @property
    def waiting(self) -> list[Section]:
        """The sections with something in them, those with urgent items first."""
        waiting = [section for section in self.sections if section.count]
        return sorted(waiting, key=lambda section: not section.urgent)


@dataclass(frozen=True)
class SectionSpec:
    key: str
    heading: str
    rows: Callable[[], QuerySet]
    item: Callable[[object], WorkItem]
    more_link: str = ""
    more_text: str = ""


def _date(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return f"{value:%-d %B %Y}"


def _done_keys(user) -> set[str]:
    return set(WorklistItemDone.objects.filter(user=user).values_list("item_key", flat=True))


# --- Plans (chair and HR director) -------------------------------------------------------------


def _open_plans(organisation_ids) -> QuerySet[SuccessionPlan]:
    return SuccessionPlan.objects.filter(
        post__organisation_id__in=sorted(organisation_ids), post__abolished_on__isnull=True
    ).select_related("post", "post__organisation")


def _waiting_for_sign_off(organisation_ids, now: dt.datetime) -> SectionSpec:
    cutoff = now - dates.SIGN_OFF_WAIT

    def rows():
        return (
            _open_plans(organisation_ids)
            .filter(sign_off_requested_at__isnull=False)
            .select_related("sign_off_requested_by")
            .annotate(
                overdue=Case(
                    When(sign_off_requested_at__lte=cutoff, then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
            .order_by("-overdue", "-sign_off_requested_at", "pk")
        )

    def item(plan):
        by = plan.sign_off_requested_by
        asked = f"Asked by {by.get_full_name() or by.username}" if by else "Asked"
        return WorkItem(
            text=f"Sign off the plan for {plan.post.title}",
            link=reverse("succession:plan_sign_off", args=[plan.post_id]),
            detail=f"{plan.post.organisation.display_name}. {asked} on "
            f"{_date(plan.sign_off_requested_at)}.",
            urgent=plan.overdue,
            flag="waiting_over_14_days",
        )

    return SectionSpec("sign_off", "Plans waiting for your sign-off", rows, item)


def _changed_since_sign_off(organisation_ids, *, heading: str) -> SectionSpec:
    """Plans whose slate changed (a nomination added, changed, removed or appointed) after their
    latest sign-off: a nomination's history row newer than it."""
    latest_sign_off = (
        SignOff.objects.filter(plan=OuterRef("pk")).order_by("-signed_at").values("signed_at")[:1]
    )

    def rows():
        changes = Nomination.history.filter(
            plan_id=OuterRef("pk"), history_date__gt=OuterRef("signed_off_at")
        )
        return (
            _open_plans(organisation_ids)
            .annotate(signed_off_at=Subquery(latest_sign_off))
            .filter(signed_off_at__isnull=False)
            .filter(Exists(changes))
            .order_by("-updated_at", "pk")
        )

    def item(plan):
        return WorkItem(
            text=f"The plan for {plan.post.title} has changed since it was signed off",
            link=reverse("succession:post_detail", args=[plan.post_id]) + "#sign-offs",
            detail=f"{plan.post.organisation.display_name}. Signed off on "
            f"{_date(plan.signed_off_at)}.",
        )

    return SectionSpec("changed_since_sign_off", heading, rows, item)


def _unreviewed_plans(organisation_ids, today: dt.date) -> SectionSpec:
    cutoff = today - dates.REVIEW_OVERDUE_AFTER

    def rows():
        return (
            _open_plans(organisation_ids)
            .filter(Q(last_reviewed_on__isnull=True) | Q(last_reviewed_on__lt=cutoff))
            .order_by(F("last_reviewed_on").asc(nulls_first=True), "post__title", "pk")
        )

    def item(plan):
        return WorkItem(
            text=f"Review the plan for {plan.post.title}",
            link=reverse("succession:plan_manage", args=[plan.post_id]),
            detail=(
                f"Last reviewed on {_date(plan.last_reviewed_on)}."
                if plan.last_reviewed_on
                else "Never reviewed."
            ),
            urgent=plan.last_reviewed_on is None,
            flag="never_reviewed",
        )

    return SectionSpec("unreviewed", "Plans not reviewed for 12 months or more", rows, item)


def _departures_without_successor(organisation_ids, today: dt.date) -> SectionSpec:
    ready_now = Nomination.objects.filter(
        plan__post_id=OuterRef("post_id"),
        status=NominationStatus.ACTIVE,
        readiness=Readiness.READY_NOW,
    )

    def rows():
        return (
            Incumbency.objects.current(on=today)
            .filter(
                post__organisation_id__in=sorted(organisation_ids),
                post__abolished_on__isnull=True,
                expected_departure_on__gte=today,
                expected_departure_on__lte=today + dates.DEPARTURE_HORIZON,
            )
            .exclude(Exists(ready_now))
            .select_related("post", "person")
            .order_by("expected_departure_on", "pk")
        )

    def item(incumbency):
        return WorkItem(
            text=f"{incumbency.post.title}: no successor ready now",
            link=reverse("succession:plan_manage", args=[incumbency.post_id]),
            detail=f"{incumbency.person.full_name} is expected to leave on "
            f"{_date(incumbency.expected_departure_on)}.",
            urgent=incumbency.expected_departure_on <= today + dt.timedelta(days=90),
            flag="within_3_months",
        )

    return SectionSpec(
        "departures", "Departures in the next 6 months with no successor ready now", rows, item
    )


def _vacancies_and_interims(organisation_ids, today: dt.date) -> SectionSpec:
    holders = Incumbency.objects.current(on=today).filter(post_id=OuterRef("pk"))

    def rows():
        return (
            Post.objects.open()
            .filter(organisation_id__in=sorted(organisation_ids))
            .annotate(
                held=Exists(holders),
                held_substantively=Exists(holders.filter(kind=IncumbencyKind.SUBSTANTIVE)),
            )
            .filter(held_substantively=False)
            .order_by("held", "title", "pk")
        )

    def item(post):
        return WorkItem(
            text=f"{post.title}: {'held by an interim or acting holder' if post.held else 'vacant'}",
            link=reverse("succession:post_detail", args=[post.pk]),
            urgent=not post.held,
            flag="vacant",
        )

    return SectionSpec("vacancies", "Vacancies and interim holders", rows, item)


def _appointments_starting_soon(organisation_ids, today: dt.date) -> SectionSpec:
    def rows():
        return (
            Incumbency.objects.pending(on=today)
            .filter(
                post__organisation_id__in=sorted(organisation_ids),
                started_on__lte=today + dates.PENDING_APPOINTMENT_HORIZON,
            )
            .select_related("post", "person")
            .order_by("started_on", "pk")
        )

    def item(incumbency):
        return WorkItem(
            text=f"{incumbency.person.full_name} starts as {incumbency.post.title}",
            link=reverse("succession:post_detail", args=[incumbency.post_id]),
            detail=f"From {_date(incumbency.started_on)}.",
        )

    return SectionSpec("appointments", "Appointments starting in the next 3 months", rows, item)


def _people_nominated_elsewhere(organisation_ids, *, user, now: dt.datetime) -> SectionSpec:
    national = Membership.objects.filter(
        user_id=OuterRef("nominated_by_id"), role=Role.NATIONAL_TALENT_TEAM
    )

    def rows():
        done = [int(key.split(":")[1]) for key in _done_keys(user) if key.startswith("nomination:")]
        return (
            Nomination.objects.filter(
                status=NominationStatus.ACTIVE,
                person__organisation_id__in=sorted(organisation_ids),
                created_at__gte=now - dt.timedelta(days=dates.NOMINATION_NEWS_DAYS),
            )
            .filter(~Q(plan__post__organisation_id=F("person__organisation_id")) | Exists(national))
            .exclude(pk__in=done)
            .select_related("person", "plan__post", "plan__post__organisation")
            .order_by("-created_at", "-pk")
        )

    def item(nomination):
        post = nomination.plan.post
        return WorkItem(
            text=f"{nomination.person.full_name} nominated for {post.title}",
            link=reverse("talent:person_detail", args=[nomination.person_id]),
            detail=f"{post.organisation.display_name}, on {_date(nomination.created_at)}.",
            done_key=f"nomination:{nomination.pk}",
        )

    return SectionSpec(
        "nominated_elsewhere",
        "Your people nominated by other organisations or the national team",
        rows,
        item,
    )


# --- The national talent team ------------------------------------------------------------------


def _last_two_runs() -> list[RecalculationRun]:
    return list(
        RecalculationRun.objects.filter(
            kind__in=[RunKind.NIGHTLY, RunKind.MANUAL], status=RunStatus.SUCCEEDED
        ).order_by("-finished_at", "-pk")[:2]
    )


def _newly_high_risk(runs: list[RecalculationRun]) -> SectionSpec:
    def rows():
        if not runs:
            return RiskAssessment.objects.none()
        assessments = RiskAssessment.objects.filter(run=runs[0], band=RiskBand.HIGH)
        if len(runs) > 1:
            assessments = assessments.exclude(
                post_id__in=RiskAssessment.objects.filter(run=runs[1], band=RiskBand.HIGH).values(
                    "post_id"
                )
            )
        return assessments.select_related("post", "post__organisation").order_by(
            "-score", "post__title", "pk"
        )

    def item(assessment):
        return WorkItem(
            text=f"{assessment.post.title}, {assessment.post.organisation.display_name}",
            link=reverse("risk:post", args=[assessment.post_id]),
            detail=f"Score {assessment.score}, high risk since the run of "
            f"{_date(assessment.assessed_at)}.",
        )

    return SectionSpec(
        "newly_high_risk",
        "Posts newly at high risk since the last run",
        rows,
        item,
        more_link=reverse("risk:dashboard"),
        more_text="See the risk dashboard",
    )


def _top_200_without_ready_now() -> SectionSpec:
    def rows():
        return (
            LatestRisk.objects.filter(post__is_top_200=True, has_ready_now_successor=False)
            .select_related("post", "post__organisation")
            .order_by("-score", "post__title", "pk")
        )

    def item(latest):
        return WorkItem(
            text=f"{latest.post.title}, {latest.post.organisation.display_name}",
            link=reverse("risk:post", args=[latest.post_id]),
            detail=f"Score {latest.score}.",
            urgent=latest.band == RiskBand.HIGH,
            flag="high_risk",
        )

    return SectionSpec(
        "top_200",
        "Top-200 posts with no successor ready now",
        rows,
        item,
        more_link=reverse("risk:dashboard"),
        more_text="See the risk dashboard",
    )


def _calibrations_open() -> SectionSpec:
    def rows():
        return (
            CalibrationSession.objects.filter(status=CalibrationStatus.OPEN)
            .select_related("cohort")
            .order_by("held_on", "pk")
        )

    def item(session):
        return WorkItem(
            text=f"Calibration of {session.cohort}",
            link=reverse("talent:calibration_session", args=[session.pk]),
            detail=f"Held on {_date(session.held_on)}.",
        )

    return SectionSpec("calibrations", "Calibration sessions open", rows, item)


def _pool_reviews_due(today: dt.date) -> SectionSpec:
    cutoff = today - dates.POOL_REVIEW_AFTER

    def rows():
        from talent.models import TargetRoleReadiness

        stale_readiness = TargetRoleReadiness.objects.filter(
            person_id=OuterRef("person_id"), assessed_on__lt=cutoff
        )
        return (
            TalentProfile.objects.filter(in_national_pool=True, left_pool_on__isnull=True)
            .filter(
                Q(consent_recorded_on__isnull=True)
                | Q(consent_recorded_on__lt=cutoff)
                | Exists(stale_readiness)
            )
            .select_related("person")
            .order_by(F("consent_recorded_on").asc(nulls_first=True), "person__last_name", "pk")
        )

    def item(profile):
        return WorkItem(
            text=f"Review {profile.person.full_name}’s consent and readiness",
            link=reverse("talent:pool_profile", args=[profile.person_id]),
            detail=(
                f"Consent recorded on {_date(profile.consent_recorded_on)}."
                if profile.consent_recorded_on
                else "No consent recorded."
            ),
        )

    return SectionSpec(
        "pool_reviews", "Pool members due for a review of consent or readiness", rows, item
    )


def _organisations_mostly_unreviewed(today: dt.date) -> SectionSpec:
    cutoff = today - dates.REVIEW_OVERDUE_AFTER
    open_plan = Q(posts__abolished_on__isnull=True, posts__plan__isnull=False)
    unreviewed = open_plan & (
        Q(posts__plan__last_reviewed_on__isnull=True) | Q(posts__plan__last_reviewed_on__lt=cutoff)
    )

    def rows():
        return (
            Organisation.objects.annotate(
                plans=Count("posts__plan", filter=open_plan),
                unreviewed=Count("posts__plan", filter=unreviewed),
            )
            .filter(plans__gt=0, unreviewed__gt=F("plans") / 2.0)
            .order_by("-unreviewed", "name", "pk")
        )

    def item(organisation):
        return WorkItem(
            text=organisation.display_name,
            link=reverse("succession:board", args=[organisation.ods_code]),
            detail=f"{organisation.unreviewed} of {organisation.plans} plans not reviewed for "
            "12 months.",
        )

    return SectionSpec(
        "organisations_unreviewed",
        "Organisations whose plans are mostly unreviewed",
        rows,
        item,
    )


def _stale_pledges(today: dt.date) -> SectionSpec:
    from pledges.selectors import with_tracking

    def rows():
        return (
            with_tracking(Pledge.objects.all(), today=today)
            .filter(is_stale=True)
            .order_by(F("last_update_at").asc(nulls_first=True), "title", "pk")
        )

    def item(pledge):
        return WorkItem(
            text=f"{pledge.title}, {pledge.body.display_name}",
            link=reverse("pledges:pledge_detail", args=[pledge.pk]),
            detail=(
                f"Last update on {_date(pledge.last_update_at)}."
                if pledge.last_update_at
                else "No update yet."
            ),
        )

    return SectionSpec("stale_pledges", "Pledges with no update in 90 days", rows, item)


def _reports_waiting(body_ids=None) -> SectionSpec:
    def rows():
        reports = InconsistencyReport.objects.filter(status=ReportStatus.AWAITING_RESPONSE)
        if body_ids is not None:
            reports = reports.filter(pledge__body_id__in=sorted(body_ids))
        return reports.select_related("pledge", "pledge__body").order_by("-reported_at", "-pk")

    def item(report):
        return WorkItem(
            text=f"Respond to a report about “{report.pledge.title}”",
            link=reverse("pledges:report_respond", args=[report.pk]),
            detail=f"{report.pledge.body.display_name}. Reported on {_date(report.reported_at)}.",
        )

    heading = (
        "Reports of inconsistency waiting for a response"
        if body_ids is None
        else "Reports about your body waiting for a response"
    )
    return SectionSpec("reports", heading, rows, item)


# --- Pledge leads ------------------------------------------------------------------------------


def _updates_due(body_ids, today: dt.date) -> SectionSpec:
    start, end = dates.quarter_of(today)
    quarter_began = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    soon = dates.update_reminder_due(today)

    def rows():
        return (
            Pledge.objects.filter(
                body_id__in=sorted(body_ids), status=PledgeStatus.ACTIVE, start_on__lte=end
            )
            .exclude(
                Exists(
                    ProgressUpdate.objects.filter(
                        pledge_id=OuterRef("pk"), submitted_at__gte=quarter_began
                    )
                )
            )
            .select_related("body")
            .order_by("title", "pk")
        )

    def item(pledge):
        return WorkItem(
            text=f"Give this quarter’s update on “{pledge.title}”",
            link=reverse("pledges:update_add", args=[pledge.pk]),
            detail=f"{pledge.body.display_name}. Due by {_date(end)}.",
            urgent=soon,
            flag="due_within_2_weeks",
        )

    return SectionSpec("updates_due", "Progress updates due this quarter", rows, item)


def _milestones_due(body_ids, today: dt.date) -> SectionSpec:
    def rows():
        return (
            Milestone.objects.filter(
                pledge__body_id__in=sorted(body_ids),
                pledge__status=PledgeStatus.ACTIVE,
                achieved_on__isnull=True,
                due_on__lte=today + dates.MILESTONE_HORIZON,
            )
            .select_related("pledge")
            .order_by("due_on", "pk")
        )

    def item(milestone):
        return WorkItem(
            text=f"{milestone.title} (“{milestone.pledge.title}”)",
            link=reverse("pledges:milestone_edit", args=[milestone.pledge_id, milestone.pk]),
            detail=f"Due on {_date(milestone.due_on)}.",
            urgent=milestone.due_on < today,
            flag="overdue",
        )

    return SectionSpec("milestones", "Milestones due in the next 30 days or overdue", rows, item)


# --- Putting it together -----------------------------------------------------------------------


def _specs(user, *, now: dt.datetime) -> list[SectionSpec]:
    today = timezone.localdate(now)
    roles = roles_of(user)
    specs: list[SectionSpec] = []
    chaired = organisation_ids_for(user, Role.CHAIR)
    directed = organisation_ids_for(user, Role.HR_DIRECTOR)
    led = organisation_ids_for(user, Role.PLEDGE_LEAD)
    if chaired:
        specs += [
            _waiting_for_sign_off(chaired, now),
            _changed_since_sign_off(chaired, heading="Plans changed since you signed them off"),
        ]
    if directed:
        specs += [
            _unreviewed_plans(directed, today),
            _departures_without_successor(directed, today),
            _vacancies_and_interims(directed, today),
            _changed_since_sign_off(directed, heading="Plans changed since their sign-off"),
            _appointments_starting_soon(directed, today),
            _people_nominated_elsewhere(directed, user=user, now=now),
        ]
    if Role.NATIONAL_TALENT_TEAM in roles:
        specs += [
            _newly_high_risk(_last_two_runs()),
            _top_200_without_ready_now(),
            _calibrations_open(),
            _pool_reviews_due(today),
            _organisations_mostly_unreviewed(today),
            _stale_pledges(today),
            _reports_waiting(),
        ]
    if led:
        specs += [
            _updates_due(led, today),
            _milestones_due(led, today),
            _reports_waiting(body_ids=led),
        ]
    return specs


def worklist_for(user, *, now: dt.datetime | None = None) -> Worklist:
    """The user's worklist with the first rows of each section."""
    now = now or timezone.now()
    sections = []
    for spec in _specs(user, now=now):
        rows = spec.rows()
        count = rows.count()
        items = [spec.item(row) for row in rows[:SHOWN]] if count else []
        sections.append(
            Section(
                key=spec.key,
                heading=spec.heading,
                count=count,
                items=items,
                more_link=spec.more_link,
                more_text=spec.more_text,
            )
        )
    return Worklist(sections=sections)


def worklist_count(user, *, now: dt.datetime | None = None) -> int:
    """How many things the user has to do: the counts alone, for the navigation."""
    now = now or timezone.now()
    return sum(spec.rows().count() for spec in _specs(user, now=now))


def worklist_done_keys(user, *, now: dt.datetime | None = None) -> set[str]:
    """The keys of the items on the user's worklist that can be marked done."""
    now = now or timezone.now()
    keys = set()
    for spec in _specs(user, now=now):
        if spec.key == "nominated_elsewhere":
            keys.update(spec.item(row).done_key for row in spec.rows())
    return keys
