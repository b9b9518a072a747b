"""Reads for the risk dashboard, scoped to what the user may see: the national team sees every
organisation; HR directors and chairs see their own. Every function takes a fixed number of
queries, whatever the number of posts or years of assessments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.roles import is_national, organisation_scope
from orgs.models import Region
from succession.models import Post
from succession.selectors import posts_visible_to
from talent.models import PostRole

from . import scoring
from .loader import load_post_facts
from .methods import as_scoring_method, current_method
from .models import (
    LatestRisk,
    RecalculationRun,
    RiskAssessment,
    RiskBand,
    RunKind,
    RunStatus,
)

NATIONAL_VACANCY_BENCHMARK = 0.08  # 8% of executive director posts vacant or interim (2018)
TREND_MONTHS = 12


def may_see_risk(user) -> bool:
    return bool(organisation_scope(user))


def _scope(user, prefix: str = "") -> Q:
    """Open posts the user may see, as a condition on `prefix` (e.g. "post__"): those of their
    organisations and the posts shared with them (succession.selectors.posts_visible_to), each
    counted once however many organisations share it."""
    condition = Q(**{f"{prefix}abolished_on__isnull": True})
    if organisation_scope(user).everywhere:
        return condition
    return condition & Q(**{f"{prefix}pk__in": posts_visible_to(user).values("pk")})


# --- Figures ----------------------------------------------------------------------------------


@dataclass
class RiskFigures:
    posts: int
    high_risk: int
    vacant: int
    executive_posts: int
    executive_vacant_or_interim: int
    top_200_without_ready_now: int
    top_200_posts: int
    without_emergency_cover: int
    benchmark: float = NATIONAL_VACANCY_BENCHMARK
    # (method version, posts, of which at high risk), newest version first: more than one
    # entry means the figures count scores made with different versions of the method.
    versions: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def mixes_versions(self) -> bool:
        return len(self.versions) > 1

    @property
    def executive_share(self) -> float | None:
        if not self.executive_posts:
            return None
        return self.executive_vacant_or_interim / self.executive_posts

    @property
    def executive_percent(self) -> float | None:
        share = self.executive_share
        return None if share is None else share * 100

    @property
    def above_benchmark(self) -> bool:
        share = self.executive_share
        return share is not None and share > self.benchmark


def risk_figures(*, user) -> RiskFigures:
    """The figures at the top of the dashboard, in one aggregate over the posts' latest risk
    (which keeps the facts they count: a change to a post refreshes it within moments)."""
    executive = Q(post__role__in=PostRole.executive_roles())
    counts = LatestRisk.objects.filter(_scope(user, "post__")).aggregate(
        posts=Count("pk"),
        high_risk=Count("pk", filter=Q(band=RiskBand.HIGH)),
        vacant=Count("pk", filter=Q(is_vacant=True)),
        executive_posts=Count("pk", filter=executive),
        executive_vacant_or_interim=Count(
            "pk", filter=executive & (Q(is_vacant=True) | Q(is_interim_or_acting=True))
        ),
        top_200_posts=Count("pk", filter=Q(post__is_top_200=True)),
        top_200_without_ready_now=Count(
            "pk", filter=Q(post__is_top_200=True, has_ready_now_successor=False)
        ),
        without_emergency_cover=Count("pk", filter=Q(has_emergency_cover=False)),
    )
    return RiskFigures(**counts, versions=scores_by_method_version(user=user))


def scores_by_method_version(*, user) -> list[tuple[int, int, int]]:
    """(method version, posts, of which at high risk) of the latest scores the user sees,
    newest version first."""
    return list(
        LatestRisk.objects.filter(_scope(user, "post__"))
        .values_list("method_version")
        .annotate(posts=Count("pk"), high=Count("pk", filter=Q(band=RiskBand.HIGH)))
        .order_by("-method_version")
    )


@dataclass
class VersionMix:
    """Scores from more than one method version on the dashboard, and what will end that."""

    versions: list[tuple[int, int, int]]  # as RiskFigures.versions
    current_version: int
    pending_run: RecalculationRun | None  # a whole recalculation queued or running

    @property
    def behind(self) -> int:
        """Posts scored with a version older than the current one."""
        return sum(
            posts for version, posts, _high in self.versions if version < self.current_version
        )


def version_mix(*, figures: RiskFigures, run: RecalculationRun | None) -> VersionMix | None:
    """What the dashboard says when its scores were not all made with the current method
    version, or None when they all were."""
    current = current_method().version
    if not any(version != current for version, _posts, _high in figures.versions):
        return None
    pending = (
        run if run is not None and run.status in (RunStatus.QUEUED, RunStatus.RUNNING) else None
    )
    return VersionMix(versions=figures.versions, current_version=current, pending_run=pending)


# --- The at-risk table ------------------------------------------------------------------------


@dataclass
class RiskFilters:
    region: str = ""  # region code
    organisation_kind: str = ""
    segment: str = ""  # "1".."5": the organisation's current oversight segment
    role: str = ""
    top_200: str = ""  # "yes", "no" or "" for either
    band: str = ""
    factor: str = ""
    sort: str = "score"
    descending: bool = True

    def is_filtered(self) -> bool:
        return any(
            (
                self.region,
                self.organisation_kind,
                self.segment,
                self.role,
                self.top_200,
                self.band,
                self.factor,
            )
        )


TABLE_SORTS = {
    "post": ["post__title"],
    "organisation": ["post__organisation__name", "post__title"],
    "region": ["post__organisation__region__short_name", "post__organisation__name"],
    "role": ["post__role", "post__organisation__name"],
    "score": ["score"],
    "assessed": ["assessed_at"],
}
DEFAULT_SORT = "score"


def risk_table(*, user, filters: RiskFilters) -> QuerySet[LatestRisk]:
    """The latest assessment of every open post the user may see, filtered and sorted; ties are
    broken by organisation and post so pages do not shuffle."""
    rows = LatestRisk.objects.filter(_scope(user, "post__")).select_related(
        "post", "post__organisation", "post__organisation__region"
    )
    if filters.region:
        rows = rows.filter(post__organisation__region__code=filters.region)
    if filters.organisation_kind:
        rows = rows.filter(post__organisation__kind=filters.organisation_kind)
    if filters.segment:
        rows = rows.filter(post__organisation__oversight_segment__segment=int(filters.segment))
    if filters.role:
        rows = rows.filter(post__role=filters.role)
    if filters.top_200 == "yes":
        rows = rows.filter(post__is_top_200=True)
    elif filters.top_200 == "no":
        rows = rows.filter(post__is_top_200=False)
    if filters.band:
        rows = rows.filter(band=filters.band)
    if filters.factor:
        rows = rows.filter(factors__has_key=filters.factor)
    columns = TABLE_SORTS.get(filters.sort, TABLE_SORTS[DEFAULT_SORT])
    direction = "-" if filters.descending else ""
    order = [f"{direction}{column}" for column in columns]
    return rows.order_by(*order, "post__organisation__name", "post__title", "post_id")


def factor_labels(factors: dict) -> list[str]:
    return [scoring.FACTOR_LABELS.get(key, key) for key in factors]


# --- The heat map -----------------------------------------------------------------------------

HEAT_CLASSES = (
    # (lowest share of posts at high risk, tag class, legend text)
    (0.25, "nhsuk-tag--red", "25% or more of the posts at high risk"),
    (0.10, "nhsuk-tag--orange", "10% to 24% at high risk"),
    (0.0001, "nhsuk-tag--yellow", "under 10% at high risk"),
    (0.0, "nhsuk-tag--grey", "no posts at high risk"),
)


@dataclass
class HeatCell:
    high: int
    total: int
    role: str = ""

    @property
    def role_label(self) -> str:
        return str(PostRole(self.role).label) if self.role in PostRole.values else self.role

    @property
    def share(self) -> float:
        return self.high / self.total if self.total else 0.0

    @property
    def tag_class(self) -> str:
        return next(css for lowest, css, _text in HEAT_CLASSES if self.share >= lowest)

    @property
    def level(self) -> str:
        return next(text for lowest, _css, text in HEAT_CLASSES if self.share >= lowest)


@dataclass
class HeatRow:
    region: str
    cells: list[HeatCell | None]
    high: int = 0
    total: int = 0
    region_code: str = ""  # "" for posts of organisations without a region


@dataclass
class HeatMap:
    roles: list[tuple[str, str]]  # (role, label)
    rows: list[HeatRow] = field(default_factory=list)
    legend: tuple = HEAT_CLASSES


def risk_heat_map(*, user) -> HeatMap:
    """High-risk posts of every region and role, out of the posts assessed there."""
    counts = (
        LatestRisk.objects.filter(_scope(user, "post__"))
        .values_list("post__organisation__region_id", "post__role")
        .annotate(total=Count("pk"), high=Count("pk", filter=Q(band=RiskBand.HIGH)))
        .order_by()
    )
    cells: dict[tuple[int | None, str], HeatCell] = {}
    for region_id, role, total, high in counts:
        cells[(region_id, role)] = HeatCell(high=high, total=total, role=role)
    present_roles = {role for _region, role in cells}
    roles = [(value, label) for value, label in PostRole.choices if value in present_roles]
    region_ids = {region for region, _role in cells}
    regions = list(
        Region.objects.filter(pk__in=[r for r in region_ids if r is not None]).order_by(
            "short_name"
        )
    )
    heat = HeatMap(roles=roles)
    for region_id, name, code in [(r.pk, r.short_name, r.code) for r in regions] + (
        [(None, "No region", "")] if None in region_ids else []
    ):
        row = HeatRow(
            region=name,
            region_code=code,
            cells=[cells.get((region_id, role)) for role, _ in roles],
        )
        row.high = sum(cell.high for cell in row.cells if cell)
        row.total = sum(cell.total for cell in row.cells if cell)
        heat.rows.append(row)
    return heat


# --- The trend --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    for_date: dt.date
    high: int


def risk_trend(
    *, user, today: dt.date, now_high: int | None = None, months: int = TREND_MONTHS
) -> list[TrendPoint]:
    """High-risk posts after each nightly run of the last `months` months, oldest first. For
    the national team, straight from the runs' own counts; for an organisation, counted from its
    posts' assessments (a few thousand rows, by index). Given `now_high` (the headline figure,
    counted from the posts' latest scores), the trend ends with it as today's point, so that the
    chart's last point is the number above it and the table's, even after a "recalculate now" or
    a change since the night's run."""
    points = _nightly_trend(user=user, today=today, months=months)
    if now_high is None:
        return points
    if points and points[-1].for_date == today:
        points = points[:-1]
    return [*points, TrendPoint(today, now_high)]


def _nightly_trend(*, user, today: dt.date, months: int) -> list[TrendPoint]:
    since = scoring.add_months(today, -months)
    runs = RecalculationRun.objects.filter(
        kind=RunKind.NIGHTLY, status=RunStatus.SUCCEEDED, for_date__gte=since
    ).order_by("for_date")
    if is_national(user):
        return [TrendPoint(d, high) for d, high in runs.values_list("for_date", "high_risk_posts")]
    dates = dict(runs.values_list("pk", "for_date"))
    # By post and date, the (post, assessed_at) index: an organisation's few posts, not every
    # assessment of every run. Posts abolished since still count on the nights they were open.
    post_ids = list(posts_visible_to(user).values_list("pk", flat=True))
    first_night = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    counts = dict(
        RiskAssessment.objects.filter(
            post_id__in=post_ids, assessed_at__gte=first_night, band=RiskBand.HIGH
        )
        .values_list("run_id")
        .annotate(high=Count("pk"))
        .order_by()
    )
    return [TrendPoint(for_date, counts.get(run_id, 0)) for run_id, for_date in dates.items()]


def monthly_trend(points: list[TrendPoint]) -> list[TrendPoint]:
    """The last nightly figure of each month: the data table beside the chart."""
    last_of_month: dict[tuple[int, int], TrendPoint] = {}
    for point in points:
        last_of_month[(point.for_date.year, point.for_date.month)] = point
    return list(last_of_month.values())


# --- Runs -------------------------------------------------------------------------------------


STUCK_AFTER = dt.timedelta(hours=1)


def latest_run() -> RecalculationRun | None:
    """The newest whole recalculation (nightly or "recalculate now"), whatever its status. A run
    "running" for over an hour `looks_stuck`: its worker was probably killed."""
    run = (
        RecalculationRun.objects.exclude(kind=RunKind.CHANGES)
        .select_related("requested_by")
        .order_by("-requested_at", "-pk")
        .first()
    )
    if run is not None:
        run.looks_stuck = (
            run.status == RunStatus.RUNNING
            and run.started_at is not None
            and run.started_at < timezone.now() - STUCK_AFTER
        )
    return run


# --- One post ---------------------------------------------------------------------------------


def post_risk_for_user(*, user, pk: int) -> Post:
    """An open or abolished post the user may see, with what its risk page needs, or 404."""
    queryset = posts_visible_to(user).select_related("organisation", "organisation__region", "plan")
    return get_object_or_404(queryset, pk=pk)


def post_latest_risk(post: Post) -> LatestRisk | None:
    return LatestRisk.objects.filter(post=post).first()


def post_risk_history(post: Post, *, today: dt.date, months: int = TREND_MONTHS):
    """The post's assessments of the last `months` months, oldest first."""
    since = scoring.add_months(today, -months)
    return list(
        RiskAssessment.objects.filter(post=post, run__for_date__gte=since)
        .select_related("run")
        .order_by("assessed_at", "pk")
    )


def history_changes(assessments: list[RiskAssessment]) -> list[RiskAssessment]:
    """The assessments whose score, band or method differ from the one before, newest first: a
    readable history of a post that scored the same for months."""
    changes = []
    previous = None
    for assessment in assessments:
        key = (assessment.score, assessment.band, assessment.method_version)
        if key != previous:
            changes.append(assessment)
        previous = key
    return list(reversed(changes))


@dataclass
class RiskExplanation:
    """The post scored now with the current method, and what would lower the score."""

    assessment: scoring.Assessment
    improvements: list[scoring.Improvement]
    out_of_reach: list[str]
    if_all_done: scoring.Assessment
    method_version: int


def post_risk_explained(post: Post, *, today: dt.date) -> RiskExplanation | None:
    facts = load_post_facts(today=today, post_ids=[post.pk]).get(post.pk)
    if facts is None:
        return None
    method = as_scoring_method(current_method())
    assessment = scoring.score_post(facts, method, today=today)
    improvements = scoring.ways_to_lower(facts, method, today=today)
    return RiskExplanation(
        assessment=assessment,
        improvements=improvements,
        out_of_reach=scoring.factors_out_of_reach(assessment, improvements),
        if_all_done=scoring.score_if_all_done(facts, method, today=today),
        method_version=method.version,
    )
