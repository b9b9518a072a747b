"""The morning digest: after each nightly run, the posts that newly became high risk, to the
national talent team (all of them) and to each HR director (their own organisation's)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role

from . import scoring
from .models import RecalculationRun, RiskAssessment, RunKind, RunStatus
from .recalculation import baseline_bands


@dataclass(frozen=True)
class NewlyHighPost:
    post_id: int
    title: str
    organisation_id: int
    organisation: str
    ods_code: str
    score: int
    factors: tuple[str, ...]  # labels, in the method's order


@dataclass
class DigestReport:
    """Who was sent what; empty when the run's digest had already been sent."""

    already_sent: bool = False
    newly_high: list[NewlyHighPost] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def service_url() -> str:
    """Where links in emails point: SERVICE_URL if the settings have it, else the first trusted
    origin, else the local address of `make run`."""
    configured = getattr(settings, "SERVICE_URL", "")
    if configured:
        return configured.rstrip("/")
    origins = getattr(settings, "CSRF_TRUSTED_ORIGINS", [])
    if origins:
        return origins[0].rstrip("/")
    return "http://127.0.0.1:8000"


def newly_high_risk(run: RecalculationRun) -> list[NewlyHighPost]:
    """Posts high risk in this run that were not high risk in the previous nightly run."""
    baseline = baseline_bands(run)
    assessments = (
        RiskAssessment.objects.filter(run=run, band=scoring.HIGH)
        .select_related("post", "post__organisation")
        .order_by("post__organisation__name", "-score", "post__title")
    )
    return [
        NewlyHighPost(
            post_id=a.post_id,
            title=a.post.title,
            organisation_id=a.post.organisation_id,
            organisation=a.post.organisation.display_name,
            ods_code=a.post.organisation.ods_code,
            score=a.score,
            factors=tuple(scoring.FACTOR_LABELS.get(key, key) for key in a.factors),
        )
        for a in assessments
        if baseline.get(a.post_id) != scoring.HIGH
    ]


def _emails(role: str, organisation_ids: set[int] | None = None) -> dict[str, set[int]]:
    """Address -> the organisations the person holds `role` for (active users with an address)."""
    memberships = Membership.objects.filter(role=role, user__is_active=True).exclude(user__email="")
    if organisation_ids is not None:
        memberships = memberships.filter(organisation_id__in=organisation_ids)
    addresses = defaultdict(set)
    for email, organisation_id in memberships.values_list("user__email", "organisation_id"):
        addresses[email.lower()].add(organisation_id)
    return addresses


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, context)
    send_mail(subject, body, None, [to])


def risk_digest_send(*, run_id: int) -> DigestReport:
    """Send the digest of a nightly run once: the run is claimed first (compare-and-swap on
    digest_sent_at), so a repeated task sends nothing; if sending fails the claim is released
    and the task may try again."""
    now = timezone.now()
    with transaction.atomic():
        claimed = RecalculationRun.objects.filter(
            pk=run_id,
            kind=RunKind.NIGHTLY,
            status=RunStatus.SUCCEEDED,
            digest_sent_at__isnull=True,
        ).update(digest_sent_at=now)
    if not claimed:
        return DigestReport(already_sent=True)
    run = RecalculationRun.objects.get(pk=run_id)
    try:
        return _send_digest(run)
    except Exception:
        RecalculationRun.objects.filter(pk=run_id, digest_sent_at=now).update(digest_sent_at=None)
        raise


def _send_digest(run: RecalculationRun) -> DigestReport:
    newly_high = newly_high_risk(run)
    report = DigestReport(newly_high=newly_high)
    base = service_url()
    dashboard_url = base + reverse("risk:dashboard")
    context = {"run": run, "dashboard_url": dashboard_url}
    date = f"{run.for_date:%-d %B %Y}"

    # The national team: every night, so that silence never hides a run that did not happen.
    for email in sorted(_emails(Role.NATIONAL_TALENT_TEAM)):
        _send(
            to=email,
            subject=f"Succession risk, {date}: {_count(len(newly_high))} newly high risk",
            template="risk/digest_national.txt",
            context={**context, "posts": _with_urls(newly_high, base)},
        )
        report.recipients.append(email)

    # Each HR director: only when their own organisation has posts newly at high risk.
    by_organisation = defaultdict(list)
    for post in newly_high:
        by_organisation[post.organisation_id].append(post)
    if by_organisation:
        directors = _emails(Role.HR_DIRECTOR, set(by_organisation))
        for email in sorted(directors):
            posts = [
                post
                for organisation_id in sorted(directors[email])
                for post in by_organisation[organisation_id]
            ]
            _send(
                to=email,
                subject=f"Succession risk, {date}: {_count(len(posts))} in your organisation "
                "newly high risk",
                template="risk/digest_organisation.txt",
                context={**context, "posts": _with_urls(posts, base)},
            )
            report.recipients.append(email)
    return report


def _count(number: int) -> str:
    return f"{number} post{'s' if number != 1 else ''}" if number else "no posts"


def _with_urls(posts: list[NewlyHighPost], base: str) -> list[dict]:
    return [
        {"post": post, "url": base + reverse("risk:post", args=[post.post_id])} for post in posts
    ]
