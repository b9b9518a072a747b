"""Writes for notifications: the one place their wording is written, for the page and the email
alike. Each event becomes, in the transaction that made it happen, one notification per
recipient (never two for one event: `event_key` is unique per recipient) and, for those who
asked for email each time, an outgoing email sent by a task once the transaction commits.

Nothing here puts special-category data (equality data) in a notification or an email: the texts
name posts, organisations and people, never anything about them from their equality record."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from core.events import Event

from .models import (
    Delivery,
    Kind,
    Notification,
    NotificationPreference,
    OutgoingEmail,
    WorklistItemDone,
)

logger = logging.getLogger(__name__)

SEND_EMAIL_TASK = "notifications.send_email"


@dataclass(frozen=True)
class Message:
    """What one event says: a subject and a text, and the page where it is dealt with (a path,
    or an absolute address when the caller knows the one the user reached the service at)."""

    kind: str
    subject: str
    text: str
    link: str

    @property
    def path(self) -> str:
        return urlsplit(self.link).path or self.link


def service_url() -> str:
    """Where links in emails point: SERVICE_URL, else the first trusted origin, else the local
    address of `make run` (as the risk digest does)."""
    configured = getattr(settings, "SERVICE_URL", "")
    if configured:
        return configured.rstrip("/")
    origins = getattr(settings, "CSRF_TRUSTED_ORIGINS", [])
    if origins:
        return origins[0].rstrip("/")
    return "http://127.0.0.1:8000"


def absolute(link: str) -> str:
    return link if urlsplit(link).scheme else f"{service_url()}{link}"


def email_body(message: Message) -> str:
    return f"{message.text}\n\n{absolute(message.link)}\n"


# --- Who is told --------------------------------------------------------------------------------


def members(organisation_id: int | None, role: str) -> list[User]:
    """Active users in `role` for the organisation (or, with None, anywhere)."""
    users = User.objects.filter(is_active=True, memberships__role=role)
    if organisation_id is not None:
        users = users.filter(memberships__organisation_id=organisation_id)
    return list(users.distinct().order_by("pk"))


def delivery_for(user: User, kind: str) -> str:
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return preference.delivery if preference else Delivery.EMAIL_NOW


# --- Telling -----------------------------------------------------------------------------------


def notify(
    *, recipients: Iterable[User], message: Message, event_key: str, now: dt.datetime | None = None
) -> list[Notification]:
    """Tell each recipient once: a second call with the same event key tells nobody again.
    Returns the notifications made by this call."""
    now = now or timezone.now()
    made = []
    for recipient in recipients:
        delivery = delivery_for(recipient, message.kind)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=recipient,
                    kind=message.kind,
                    subject=message.subject[:200],
                    text=message.text,
                    link=message.path,
                    event_key=event_key[:200],
                    created_at=now,
                    # Only what waits for a daily summary is left unsummarised.
                    summarised_at=None if delivery == Delivery.DAILY_SUMMARY else now,
                )
        except IntegrityError:
            continue  # told already
        made.append(notification)
        if recipient.email and delivery == Delivery.EMAIL_NOW:
            email = OutgoingEmail.objects.create(
                recipient=recipient,
                to=recipient.email,
                subject=message.subject[:200],
                body=email_body(message),
                key=f"notification:{notification.pk}",
                created_at=now,
            )
            queue_email(email.pk)
    return made


def queue_email(email_id: int) -> None:
    """Send the email by task once the transaction commits. A broker that is down does not undo
    the change: the row waits, and beat's `notifications.send_waiting_emails` sends it."""

    def send() -> None:
        from celery import current_app

        try:
            current_app.signature(SEND_EMAIL_TASK, args=[email_id]).delay()
        except Exception:
            logger.exception("Could not queue email %s; the next sweep sends it", email_id)

    transaction.on_commit(send)


def email_send(*, email_id: int) -> bool:
    """Send one outgoing email if it has not been sent: the row is locked while it is sent and
    marked sent in the same transaction, so two deliveries of the task send it once. A failure to
    send rolls the marking back (the caller retries) and is recorded. True if this call sent it."""
    from django.core.mail import send_mail

    try:
        with transaction.atomic():
            email = (
                OutgoingEmail.objects.select_for_update()
                .filter(pk=email_id, sent_at__isnull=True)
                .first()
            )
            if email is None:
                return False
            send_mail(email.subject, email.body, None, [email.to])
            email.sent_at = timezone.now()
            email.attempts += 1
            email.last_error = ""
            email.save(update_fields=["sent_at", "attempts", "last_error"])
    except Exception as error:
        OutgoingEmail.objects.filter(pk=email_id, sent_at__isnull=True).update(
            attempts=F("attempts") + 1, last_error=str(error)[:2000]
        )
        raise
    return True


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them, without `ids`). Returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


def worklist_item_done(*, user: User, item_key: str) -> bool:
    """Take an item the user may mark done off their worklist. Only keys of items that are on
    it are accepted (so a form cannot fill the table with anything). True if it was there."""
    from .worklists import worklist_done_keys

    if item_key not in worklist_done_keys(user):
        return False
    WorklistItemDone.objects.get_or_create(user=user, item_key=item_key)
    from .context_processors import todo_counts_forget

    todo_counts_forget()
    return True


def preferences_save(*, user: User, choices: dict[str, str]) -> None:
    """Kind -> delivery, for the kinds given."""
    with transaction.atomic():
        for kind, delivery in choices.items():
            if kind not in Kind.values or delivery not in Delivery.values:
                raise ValueError(f"unknown kind or delivery: {kind}, {delivery}")
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )


# --- The events: what each says, and to whom ----------------------------------------------------


def _name(user) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.username


def plan_sign_off_requested(*, plan, by, url: str = "") -> None:
    post = plan.post
    organisation = post.organisation
    message = Message(
        kind=Kind.SIGN_OFF_REQUESTED,
        subject=f"Please sign off the succession plan for {post.title}",
        text=(
            f"{_name(by) if by else 'Your HR director'} has asked you to sign off the succession "
            f"plan for {post.title}, {organisation.display_name}. Review the slate and sign it "
            "off here:"
        ),
        link=url or reverse("succession:plan_sign_off", args=[post.pk]),
    )
    notify(
        recipients=members(organisation.pk, Role.CHAIR),
        message=message,
        event_key=f"sign_off_requested:{plan.pk}:{plan.sign_off_requested_at.isoformat()}",
    )


def plan_signed_off(*, sign_off) -> None:
    plan = sign_off.plan
    post = plan.post
    organisation = post.organisation
    comment = f" Their comment: “{sign_off.comment}”" if sign_off.comment else ""
    message = Message(
        kind=Kind.PLAN_SIGNED_OFF,
        subject=f"The succession plan for {post.title} is signed off",
        text=(
            f"{_name(sign_off.signed_by)} signed off the succession plan for {post.title}, "
            f"{organisation.display_name}, on {timezone.localtime(sign_off.signed_at):%-d %B %Y}."
            f"{comment} See the sign-off here:"
        ),
        link=reverse("succession:post_detail", args=[post.pk]) + "#sign-offs",
    )
    notify(
        recipients=members(organisation.pk, Role.HR_DIRECTOR),
        message=message,
        event_key=f"plan_signed_off:{sign_off.pk}",
    )


def report_received(*, report) -> None:
    """To the body's pledge leads and the national talent team. Who reported is not said: only
    the national team may know, and they see it on the report's page."""
    pledge = report.pledge
    message = Message(
        kind=Kind.REPORT_RECEIVED,
        subject=f"A report of inconsistency about {pledge.body.display_name}",
        text=(
            f"Someone reported that something {pledge.body.display_name} did on "
            f"{report.happened_on:%-d %B %Y} seemed inconsistent with its pledge "
            f"“{pledge.title}”. Read the report and respond here:"
        ),
        link=reverse("pledges:report_respond", args=[report.pk]),
    )
    recipients = {user.pk: user for user in members(pledge.body_id, Role.PLEDGE_LEAD)}
    recipients.update({user.pk: user for user in members(None, Role.NATIONAL_TALENT_TEAM)})
    recipients.pop(getattr(report.reported_by, "pk", None), None)
    notify(
        recipients=recipients.values(), message=message, event_key=f"report_received:{report.pk}"
    )


def report_answered(*, response) -> None:
    report = response.report
    pledge = report.pledge
    message = Message(
        kind=Kind.REPORT_ANSWERED,
        subject=f"{pledge.body.display_name} responded to your report",
        text=(
            f"{pledge.body.display_name} responded to your report about “{pledge.title}” "
            f"({response.get_kind_display().lower()}). Read their response here:"
        ),
        link=reverse("pledges:my_reports"),
    )
    notify(
        recipients=[report.reported_by],
        message=message,
        event_key=f"report_answered:{response.pk}",
    )


def person_nominated(*, nomination, by) -> None:
    """To the HR directors of the person's organisation, when someone else (another
    organisation, or the national team) names them on a plan."""
    person = nomination.person
    post = nomination.plan.post
    if person.organisation_id is None:
        return
    recipients = [
        user
        for user in members(person.organisation_id, Role.HR_DIRECTOR)
        if by is None or user.pk != by.pk
    ]
    if post.organisation_id == person.organisation_id and not _is_national(by):
        return  # their own organisation's plan: told only when the national team named them
    message = Message(
        kind=Kind.PERSON_NOMINATED,
        subject=f"{person.full_name} has been nominated as a successor",
        text=(
            f"{person.full_name} has been named as a possible successor for {post.title}, "
            f"{post.organisation.display_name}"
            f"{', by the national talent team' if _is_national(by) else ''}. See them here:"
        ),
        link=reverse("talent:person_detail", args=[person.pk]),
    )
    notify(recipients=recipients, message=message, event_key=f"person_nominated:{nomination.pk}")


def _is_national(user) -> bool:
    return user is not None and user.memberships.filter(role=Role.NATIONAL_TALENT_TEAM).exists()


def appointed_elsewhere(*, notice) -> None:
    old = notice.incumbency
    appointment = notice.appointment
    organisation = old.post.organisation
    message = Message(
        kind=Kind.APPOINTED_ELSEWHERE,
        subject=f"{old.person.full_name} has been appointed to another post",
        text=(
            f"{old.person.full_name}, {old.post.title} at {organisation.display_name}, has been "
            f"appointed {appointment.post.title} at {appointment.post.organisation.display_name}"
            f" from {appointment.started_on:%-d %B %Y}.\n\n"
            f"They are now expected to leave {old.post.title} that day. When they leave, record "
            "the date they actually left on the post's page:"
        ),
        link=reverse("succession:post_detail", args=[old.post_id]),
    )
    notify(
        recipients=members(organisation.pk, Role.HR_DIRECTOR),
        message=message,
        event_key=f"appointed_elsewhere:{notice.pk}",
    )


# --- Reminders (sent by beat, notifications/reminders.py) --------------------------------------


def review_due_message(*, plan, due_on: dt.date) -> Message:
    post = plan.post
    return Message(
        kind=Kind.REVIEW_DUE,
        subject=f"The succession plan for {post.title} is due for review",
        text=(
            f"The succession plan for {post.title}, {post.organisation.display_name}, was last "
            f"reviewed on {plan.last_reviewed_on:%-d %B %Y}: its review was due on "
            f"{due_on:%-d %B %Y}. Review it and record the review here:"
        ),
        link=reverse("succession:plan_manage", args=[post.pk]),
    )


def sign_off_waiting_message(*, plan) -> Message:
    post = plan.post
    asked = timezone.localtime(plan.sign_off_requested_at)
    return Message(
        kind=Kind.SIGN_OFF_WAITING,
        subject=f"The succession plan for {post.title} is still waiting for your sign-off",
        text=(
            f"{_name(plan.sign_off_requested_by)} asked you on {asked:%-d %B %Y} to sign off the "
            f"succession plan for {post.title}, {post.organisation.display_name}. It is still "
            "waiting. Review the slate and sign it off here:"
        ),
        link=reverse("succession:plan_sign_off", args=[post.pk]),
    )


def pledge_update_due_message(*, pledge, quarter_end: dt.date) -> Message:
    return Message(
        kind=Kind.PLEDGE_UPDATE_DUE,
        subject=f"A progress update on “{pledge.title}” is due by {quarter_end:%-d %B %Y}",
        text=(
            f"{pledge.body.display_name} has not yet given a progress update this quarter on its "
            f"pledge “{pledge.title}”. The quarter ends on {quarter_end:%-d %B %Y}. Add the "
            "update here:"
        ),
        link=reverse("pledges:update_add", args=[pledge.pk]),
    )


# --- The daily summary --------------------------------------------------------------------------


def daily_summaries_send(*, now: dt.datetime | None = None) -> int:
    """One email to each user with notifications of kinds they want summarised, not yet in a
    summary: what they were told since the last one. Once a day whatever the number of runs (the
    email's key names the user and the date). Returns how many summaries were made."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    daily = NotificationPreference.objects.filter(delivery=Delivery.DAILY_SUMMARY)
    kinds_by_user: dict[int, set[str]] = {}
    for user_id, kind in daily.values_list("user_id", "kind"):
        kinds_by_user.setdefault(user_id, set()).add(kind)
    made = 0
    for user in User.objects.filter(pk__in=kinds_by_user, is_active=True).exclude(email=""):
        key = f"summary:{user.pk}:{today.isoformat()}"
        with transaction.atomic():
            if OutgoingEmail.objects.filter(key=key).exists():
                continue
            waiting = list(
                Notification.objects.select_for_update()
                .filter(
                    recipient=user,
                    kind__in=kinds_by_user[user.pk],
                    summarised_at__isnull=True,
                    created_at__lte=now,
                )
                .order_by("created_at", "pk")
            )
            if not waiting:
                continue
            lines = [
                f"- {notification.subject}\n  {absolute(notification.link)}"
                for notification in waiting
            ]
            email = OutgoingEmail.objects.create(
                recipient=user,
                to=user.email,
                subject=f"Your daily summary from {settings.SERVICE_NAME}: {len(waiting)} "
                + ("item" if len(waiting) == 1 else "items"),
                body="Since your last summary:\n\n" + "\n".join(lines) + "\n\n"
                f"See them all here:\n{absolute(reverse('notifications:list'))}\n",
                key=key,
                created_at=now,
            )
            Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(summarised_at=now)
            queue_email(email.pk)
            made += 1
    return made


def waiting_emails_queue(*, older_than: dt.timedelta = dt.timedelta(minutes=5)) -> list[int]:
    """Queue again the emails not sent a while after they were made (the broker was down when
    they were, or their task gave up): the send is idempotent, so a duplicate is harmless."""
    cutoff = timezone.now() - older_than
    ids = list(
        OutgoingEmail.objects.filter(sent_at__isnull=True, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    for email_id in ids:
        queue_email(email_id)
    return ids


HANDLERS = {
    "plan_sign_off_requested": plan_sign_off_requested,
    "plan_signed_off": plan_signed_off,
    "report_created": report_received,
    "report_responded": report_answered,
    "nomination_added": person_nominated,
    "departure_notice_created": appointed_elsewhere,
}


def on_event(event: Event) -> None:
    handler = HANDLERS.get(event.kind)
    if handler is not None:
        handler(**event.data)
    from .context_processors import todo_counts_forget

    # Forgetting the header's counts is harmless if the change rolls back: they are counted again.
    todo_counts_forget()
