"""Reminders that beat sends each day: a plan's review due (11 months after the last), a
sign-off request waiting more than 14 days, a pledge's quarterly update due (two weeks before the
quarter ends). Each is sent once per thing per period, however many times beat runs, through
the event key (the thing and the period); and none is sent once the thing is done, because each
query asks only for what is still to do."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Role
from pledges.models import Pledge, PledgeStatus, ProgressUpdate
from succession.models import SuccessionPlan

from . import dates, services
from .models import Notification


def _members_by_organisation(role: str, organisation_ids) -> dict[int, list]:
    found = defaultdict(list)
    memberships = Membership.objects.filter(
        role=role, organisation_id__in=set(organisation_ids), user__is_active=True
    ).select_related("user")
    for membership in memberships.order_by("user_id"):
        found[membership.organisation_id].append(membership.user)
    return found


def _already_told(kind: str, keys: set[str]) -> set[tuple[int, str]]:
    return set(
        Notification.objects.filter(kind=kind, event_key__in=keys).values_list(
            "recipient_id", "event_key"
        )
    )


def _send(kind: str, items: list[tuple[str, list, services.Message]]) -> int:
    """items: (event key, recipients, message). Tells each recipient not yet told. Returns how
    many notifications were made."""
    told = _already_told(kind, {key for key, _, _ in items})
    made = 0
    for key, recipients, message in items:
        fresh = [user for user in recipients if (user.pk, key) not in told]
        if fresh:
            with transaction.atomic():
                made += len(services.notify(recipients=fresh, message=message, event_key=key))
    return made


def review_reminders_send(*, today: dt.date | None = None) -> int:
    """To each HR director, for each open post's plan last reviewed 11 months ago or more."""
    today = today or timezone.localdate()
    plans = list(
        SuccessionPlan.objects.filter(
            post__abolished_on__isnull=True,
            last_reviewed_on__lte=dates.review_reminders_cutoff(today),
        ).select_related("post", "post__organisation")
    )
    directors = _members_by_organisation(
        Role.HR_DIRECTOR, (plan.post.organisation_id for plan in plans)
    )
    items = [
        (
            f"review_due:{plan.pk}:{plan.last_reviewed_on.isoformat()}",
            directors[plan.post.organisation_id],
            services.review_due_message(
                plan=plan, due_on=dates.review_due_on(plan.last_reviewed_on)
            ),
        )
        for plan in plans
    ]
    return _send(services.Kind.REVIEW_DUE, items)


def sign_off_reminders_send(*, now: dt.datetime | None = None) -> int:
    """To each chair, for each request for sign-off waiting longer than 14 days."""
    now = now or timezone.now()
    plans = list(
        SuccessionPlan.objects.filter(
            sign_off_requested_at__lte=now - dates.SIGN_OFF_WAIT
        ).select_related("post", "post__organisation", "sign_off_requested_by")
    )
    chairs = _members_by_organisation(Role.CHAIR, (plan.post.organisation_id for plan in plans))
    items = [
        (
            f"sign_off_waiting:{plan.pk}:{plan.sign_off_requested_at.isoformat()}",
            chairs[plan.post.organisation_id],
            services.sign_off_waiting_message(plan=plan),
        )
        for plan in plans
    ]
    return _send(services.Kind.SIGN_OFF_WAITING, items)


def pledge_update_reminders_send(*, today: dt.date | None = None) -> int:
    """To each body's pledge leads, in the last two weeks of a quarter, for each active pledge
    (started before the quarter ends) with no update submitted this quarter."""
    today = today or timezone.localdate()
    if not dates.update_reminder_due(today):
        return 0
    start, end = dates.quarter_of(today)
    quarter_began = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    updated = ProgressUpdate.objects.filter(submitted_at__gte=quarter_began).values("pledge_id")
    pledges = list(
        Pledge.objects.filter(status=PledgeStatus.ACTIVE, start_on__lte=end)
        .exclude(pk__in=updated)
        .select_related("body")
    )
    leads = _members_by_organisation(Role.PLEDGE_LEAD, (pledge.body_id for pledge in pledges))
    items = [
        (
            f"pledge_update_due:{pledge.pk}:{end.isoformat()}",
            leads[pledge.body_id],
            services.pledge_update_due_message(pledge=pledge, quarter_end=end),
        )
        for pledge in pledges
    ]
    return _send(services.Kind.PLEDGE_UPDATE_DUE, items)


def reminders_send(*, now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    return {
        "review_due": review_reminders_send(today=today),
        "sign_off_waiting": sign_off_reminders_send(now=now),
        "pledge_update_due": pledge_update_reminders_send(today=today),
    }
