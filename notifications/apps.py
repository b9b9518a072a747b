from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = "Notifications and worklists"

    def ready(self):
        # Succession and pledges announce what happened through core.events without importing
        # this app (ADR 0023); the listener turns each announcement into notifications.
        from core import events

        from . import services, tasks  # noqa: F401

        events.listen(services.on_event)
