"""Building the national-scale benchmark data set for `manage.py benchmark_risk` and the load
test, against a scratch database; the measuring is risk.benchmark.

The data set is the deterministic demo data (demo.boards) at a scale that gives about 6,000
posts, topped up with extra active nominations to about 40,000 nominations in all (the demo's
slates are shorter than the national programme's), oversight segments, and a year of nightly
history: 365 runs, one assessment per post each night, bulk-inserted (COPY on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import time

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from orgs.models import Organisation, OrganisationKind
from risk import scoring
from risk.loader import load_post_facts
from risk.methods import as_scoring_method, current_method
from risk.models import LatestRisk, RecalculationRun, RiskAssessment, RunKind, RunStatus
from succession.models import (
    Incumbency,
    Nomination,
    NominationStatus,
    Post,
    Readiness,
    SuccessionPlan,
)
from talent.models import Person

from .boards import demo_data_load, demo_data_reset
from .oversight import _fraction, demo_oversight_segments_assign

NATIONAL_SCALE = 1.2  # the demo's scale 1 has ~4,900 posts; 1.2 gives ~5,900
NOMINATIONS_PER_POST = 6.7  # ~40,000 nominations for ~6,000 posts
HISTORY_DAYS = 365
READINESS_WEIGHTS = (
    (Readiness.READY_NOW, 0.2),
    (Readiness.ONE_TO_TWO_YEARS, 0.35),
    (Readiness.THREE_TO_FIVE_YEARS, 0.45),
)


def wipe() -> None:
    """Remove the risk data and the demo data (the risk rows first: they point at demo posts)."""
    for model in (LatestRisk, RiskAssessment, RecalculationRun):
        model.objects.all()._raw_delete(connection.alias)
    demo_data_reset()


def add_nominations(*, target_total: int, seed: int) -> int:
    """Active nominations on open posts' plans until there are `target_total` nominations in all:
    people from anywhere, never the post's holder, never twice on one slate."""
    existing = Nomination.objects.count()
    wanted = target_total - existing
    if wanted <= 0:
        return 0
    rng = random.Random(seed)
    plans = list(
        SuccessionPlan.objects.filter(post__abolished_on__isnull=True).values_list("pk", "post_id")
    )
    people = list(Person.objects.values_list("pk", flat=True))
    holders = dict(Incumbency.objects.current().values_list("post_id", "person_id"))
    taken = set(
        Nomination.objects.filter(status=NominationStatus.ACTIVE).values_list(
            "plan_id", "person_id"
        )
    )
    ranks = dict(
        Nomination.objects.values("plan_id").annotate(top=Max("rank")).values_list("plan_id", "top")
    )
    readiness = [r for r, _w in READINESS_WEIGHTS]
    weights = [w for _r, w in READINESS_WEIGHTS]
    now = timezone.now()
    new = []
    attempts = 0
    while len(new) < wanted and attempts < wanted * 5:
        attempts += 1
        plan_id, post_id = rng.choice(plans)
        person_id = rng.choice(people)
        if (plan_id, person_id) in taken or holders.get(post_id) == person_id:
            continue
        taken.add((plan_id, person_id))
        ranks[plan_id] = ranks.get(plan_id, 0) + 1
        new.append(
            Nomination(
                plan_id=plan_id,
                person_id=person_id,
                readiness=rng.choices(readiness, weights)[0],
                rank=ranks[plan_id],
                status=NominationStatus.ACTIVE,
                notes="Benchmark nomination",
                created_at=now,
            )
        )
    Nomination.objects.bulk_create(new, batch_size=5000)
    return len(new)


def _history_row_values(post_id: int, assessment: scoring.Assessment, method: scoring.Method):
    """Two versions of the post's assessment: as scored now, and with "plan not reviewed" the
    other way round, so the year's trend moves as reviews lapse and are done."""
    factors = dict(assessment.factors)
    if "plan_not_reviewed" in factors:
        factors.pop("plan_not_reviewed")
    else:
        factors["plan_not_reviewed"] = int(method.points.get("plan_not_reviewed", 0))
    ordered = {key: factors[key] for key in scoring.FACTOR_KEYS if factors.get(key)}
    other_score = min(scoring.MAX_SCORE, sum(ordered.values()))
    return (
        (assessment.score, assessment.band, json.dumps(assessment.factors)),
        (other_score, method.band(other_score), json.dumps(ordered)),
    )


def add_history(*, today: dt.date, days: int, seed: int, stdout=None) -> int:
    """`days` nightly runs before `today`, each with one assessment per open post."""
    method = as_scoring_method(current_method())
    facts = load_post_facts(today=today)
    variants = {}
    switch_day = {}
    for post_id, post_facts in facts.items():
        assessment = scoring.score_post(post_facts, method, today=today)
        variants[post_id] = _history_row_values(post_id, assessment, method)
        switch_day[post_id] = int(_fraction(seed, "history", post_id) * days * 3)
    post_ids = sorted(facts)
    total = 0
    with transaction.atomic():
        for day in range(days, 0, -1):
            for_date = today - dt.timedelta(days=day)
            at = timezone.make_aware(dt.datetime.combine(for_date, dt.time(2, 0)))
            rows = []
            bands = {scoring.HIGH: 0, scoring.MEDIUM: 0, scoring.LOW: 0}
            for post_id in post_ids:
                now_values, then_values = variants[post_id]
                # A third of the posts changed at some point in the year: before that day they
                # scored the other way.
                values = then_values if switch_day[post_id] < day else now_values
                bands[values[1]] += 1
                rows.append((post_id, *values))
            run = RecalculationRun.objects.create(
                kind=RunKind.NIGHTLY,
                for_date=for_date,
                status=RunStatus.SUCCEEDED,
                requested_at=at,
                started_at=at,
                finished_at=at + dt.timedelta(seconds=3),
                method_version=method.version,
                posts_scored=len(rows),
                high_risk_posts=bands[scoring.HIGH],
                medium_risk_posts=bands[scoring.MEDIUM],
                low_risk_posts=bands[scoring.LOW],
                digest_sent_at=at,
            )
            _insert_assessments(run.pk, at, method.version, rows)
            total += len(rows)
            if stdout is not None and day % 60 == 0:
                stdout.write(f"  history: {days - day + 1} of {days} nights…")
    return total


def _insert_assessments(run_id: int, at: dt.datetime, version: int, rows) -> None:
    table = RiskAssessment._meta.db_table
    columns = "run_id, post_id, score, band, factors, method_version, assessed_at"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            stamp = at.isoformat()
            buffer = io.StringIO()
            for post_id, score, band, factors in rows:
                buffer.write(
                    f"{run_id}\t{post_id}\t{score}\t{band}\t{factors}\t{version}\t{stamp}\n"
                )
            buffer.seek(0)
            cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
        else:
            stamp = at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
                [(run_id, p, score, band, f, version, stamp) for p, score, band, f in rows],
            )


def build(*, scale: float, seed: int, today: dt.date, history_days: int, stdout=None) -> dict:
    started = time.monotonic()
    summary = demo_data_load(seed=seed, scale=scale, today=today, stdout=stdout)
    posts = Post.objects.open().count()
    added = add_nominations(target_total=round(posts * NOMINATIONS_PER_POST), seed=seed)
    if stdout is not None:
        stdout.write(f"  {summary.posts} posts, {summary.people} people; {added} extra nominations")
    demo_oversight_segments_assign(
        seed=seed, organisations=Organisation.objects.exclude(kind=OrganisationKind.NATIONAL_BODY)
    )
    history = add_history(today=today, days=history_days, seed=seed, stdout=stdout)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as a live database has
    return {"history_rows": history, "seconds": time.monotonic() - started}
