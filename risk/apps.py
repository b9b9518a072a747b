from django.apps import AppConfig


class RiskConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "risk"
    verbose_name = "Succession risk"

    def ready(self):
        # Succession asks for a post to be rescored by task name, without importing this app.
        # Registering the tasks in every process lets that name resolve to the task here, so it
        # runs in place when tasks run eagerly (the tests) instead of going to the broker.
        from . import tasks  # noqa: F401
