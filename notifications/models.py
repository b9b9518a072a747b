"""What the service tells each user: notifications, how they want to hear of each kind, and the
emails waiting to go (an outbox, so that each is sent once however often its task runs)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    SIGN_OFF_REQUESTED = "sign_off_requested", "A plan is sent to you for sign-off"
    PLAN_SIGNED_OFF = "plan_signed_off", "A plan you look after is signed off"
    REPORT_RECEIVED = "report_received", "A report of inconsistency arrives"
    REPORT_ANSWERED = "report_answered", "Your report of inconsistency is answered"
    PERSON_NOMINATED = "person_nominated", "One of your people is nominated elsewhere"
    APPOINTED_ELSEWHERE = "appointed_elsewhere", "One of your post holders is appointed elsewhere"
    REVIEW_DUE = "review_due", "Reminder: a plan's review is due"
    SIGN_OFF_WAITING = "sign_off_waiting", "Reminder: a plan has waited 14 days for sign-off"
    PLEDGE_UPDATE_DUE = "pledge_update_due", "Reminder: a pledge's quarterly update is due"


class Delivery(models.TextChoices):
    EMAIL_NOW = "email", "Email me each time"
    DAILY_SUMMARY = "daily", "Email me a daily summary"
    SERVICE_ONLY = "service", "Only show it in the service"


class Notification(models.Model):
    """One thing a user is told. `event_key` names the event: one event never tells a user twice,
    however often it is announced or a reminder's beat runs."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    subject = models.CharField(max_length=200)
    text = models.TextField()
    link = models.CharField(max_length=500, help_text="The page where it is dealt with.")
    event_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when a daily summary has included it (for kinds the user chose a summary for).
    summarised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"], name="one_notification_per_event_per_user"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="notification_kind_known"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} (to {self.recipient})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How one user wants to hear of one kind. No row means email each time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind"),
            models.CheckConstraint(
                condition=models.Q(delivery__in=Delivery.values), name="delivery_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} – {self.get_delivery_display()}"


class OutgoingEmail(models.Model):
    """An email waiting to be sent, or sent. A task claims the row (locked), sends, and marks it
    sent before its message is acknowledged: a second delivery of the message finds it sent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # "notification:<id>" or "summary:<user>:<date>": one email per notification or summary.
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to}"


class WorklistItemDone(models.Model):
    """A worklist item the user marked as done (for items that do not go away by themselves,
    such as a nomination of one of their people made elsewhere)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item_key = models.CharField(max_length=200)
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "item_key"], name="worklist_item_done_once")
        ]

    def __str__(self) -> str:
        return f"{self.item_key} done by {self.user}"
