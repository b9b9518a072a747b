from django.apps import AppConfig


class SuccessionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "succession"
    verbose_name = "Succession planning"
