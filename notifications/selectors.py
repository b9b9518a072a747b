"""Reads for notifications: a user only ever sees their own."""

from __future__ import annotations

from django.db.models import F, QuerySet

from .models import Delivery, Kind, Notification, NotificationPreference


def notifications_for(user) -> QuerySet[Notification]:
    """The user's notifications, unread first, newest first within each."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by(
        F("read_at").desc(nulls_first=True), "-created_at", "-pk"
    )


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preferences_for(user) -> dict[str, str]:
    """Kind -> delivery for every kind (email each time where the user chose nothing)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, Delivery.EMAIL_NOW) for kind in Kind.values}


# The kinds each role can receive: the preferences page asks only about these.
KINDS_BY_ROLE = {
    "chair": [Kind.SIGN_OFF_REQUESTED, Kind.SIGN_OFF_WAITING, Kind.REPORT_ANSWERED],
    "hr_director": [
        Kind.PLAN_SIGNED_OFF,
        Kind.REVIEW_DUE,
        Kind.PERSON_NOMINATED,
        Kind.APPOINTED_ELSEWHERE,
        Kind.REPORT_ANSWERED,
    ],
    "national_talent_team": [Kind.REPORT_RECEIVED, Kind.REPORT_ANSWERED],
    "pledge_lead": [Kind.REPORT_RECEIVED, Kind.PLEDGE_UPDATE_DUE],
}


def kinds_for(user) -> list[tuple[str, str]]:
    """(kind, label) of the kinds the user's roles can receive, in the order of Kind."""
    from accounts.roles import roles_of

    wanted = {kind for role in roles_of(user) for kind in KINDS_BY_ROLE.get(role, [])}
    return [(kind, label) for kind, label in Kind.choices if kind in wanted]
