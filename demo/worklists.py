"""Work left waiting in the demo so that every demo account opens on a worklist (issue 17): a plan
of the demo trust waiting for the demo chair's sign-off, and a holder leaving within six months
with no successor ready now for the demo HR director. The rest is already in the demo boards,
pledges and risk scores (a plan changed since sign-off, a plan not reviewed for over a year, an
unanswered report for the demo pledge lead's body, and high-risk posts for the national team).
Done through the services, so the chair is notified as a real request would. Safe to repeat:
nothing is asked again while a request of the demo trust waits."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from succession import services
from succession.models import DepartureReason, Incumbency, Post, SuccessionPlan
from talent.models import PostRole, Readiness

from .constants import DEMO_TRUST

# The plan sent for sign-off, and the post whose holder leaves soon: the medical director's,
# which the demo trust's shaping leaves with nobody ready now.
ROLE = PostRole.MEDICAL_DIRECTOR
LEAVES_IN_DAYS = 120


@transaction.atomic
def demo_work_leave(*, today: dt.date | None = None) -> list[str]:
    """What was left waiting, in words (empty if it was already there)."""
    today = today or timezone.localdate()
    post = (
        Post.objects.open()
        .filter(organisation__ods_code=DEMO_TRUST, role=ROLE)
        .select_related("plan", "organisation")
        .order_by("pk")
        .first()
    )
    hr_director = User.objects.filter(
        memberships__organisation__ods_code=DEMO_TRUST, memberships__role=Role.HR_DIRECTOR
    ).first()
    if post is None or hr_director is None:
        return []
    done = []
    holder = Incumbency.objects.current(on=today).filter(post=post).first()
    ready_now = post.plan.nominations.active().filter(readiness=Readiness.READY_NOW).exists()
    if holder is not None and holder.expected_departure_on is None and not ready_now:
        services.incumbency_update_departure(
            incumbency=holder,
            expected_departure_on=today + dt.timedelta(days=LEAVES_IN_DAYS),
            departure_reason=DepartureReason.RETIREMENT,
        )
        done.append(f"{post.title}: the holder retires in {LEAVES_IN_DAYS} days")
    already_asked = SuccessionPlan.objects.filter(
        post__organisation=post.organisation, sign_off_requested_at__isnull=False
    ).exists()
    if not already_asked:
        plan = SuccessionPlan.objects.get(pk=post.plan.pk)
        services.plan_request_sign_off_from_chairs(
            plan=plan,
            by=hr_director,
            sign_off_url=reverse("succession:plan_sign_off", args=[post.pk]),
        )
        done.append(f"{post.title}: the plan waits for the chair's sign-off")
    return done
