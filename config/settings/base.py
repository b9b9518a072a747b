"""Settings shared by every environment. Anything that differs between machines comes from the
environment (see .env.example); local.py, test.py and production.py only change defaults."""

import base64
import hashlib
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "crispy_forms",
    "django_celery_beat",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    # ours
    "accounts",
    "orgs",
    "talent",
    "succession",
    "risk",
    "pledges",
    "notifications",
    "core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # after WhiteNoise (static files are compressed ahead of time), before anything that
    # reads or writes a body: pages, CSV and JSON go out gzipped to a browser that asks
    "core.middleware.GZipTextMiddleware",
    "csp.middleware.CSPMiddleware",
    # before anything reads a form's data: the API refuses forms (415), and a request over the
    # limits gets the page saying so
    "core.middleware.ApiJsonOnlyMiddleware",
    "core.limits.RequestLimitsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.NoStoreWhenSignedInMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # before any view or LoginRequiredMiddleware's process_view, after messages so it can say why
    "accounts.sessions.AbsoluteSessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # last, so that it sees the outcome of authentication
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
                "core.context_processors.service",
                "notifications.context_processors.counts",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web server, worker and beat share one file: WAL lets readers and a writer work together,
    # and IMMEDIATE transactions make a writer wait for the lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, sessions and sign-in ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Idle sessions die after 30 minutes: every request pushes the expiry on.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# However active, a session ends this long after its sign-in (accounts/sessions.py).
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)

# Lock-out after repeated failed sign-ins to one account (django-axes). Failures count against
# the username tried from an address, never the address alone: behind a trust's proxy or an HSCN
# gateway everyone shares one address, and one person's typos must not lock out the rest.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address is REMOTE_ADDR unless this many proxies of our own are in front (then it is read
# from X-Forwarded-For, counting from the right); never set it higher than the proxies there are.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %m %Y"]

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# --- Security headers -------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features the service does not use, all turned off (core/middleware.py). Nothing here is
# used by our pages: no media, location, payments, devices, sensors or full screen.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# The one inline script, allowed by its hash (never 'unsafe-inline'): it marks the page as having
# JavaScript before the first paint, as the design system's styles expect, without a request
# that would hold the page back ({% js_enabled_script %} in templates/base.html).
JS_ENABLED_SCRIPT = (BASE_DIR / "static" / "js" / "js-enabled.js").read_text(encoding="utf-8")
_JS_ENABLED_HASH = base64.b64encode(hashlib.sha256(JS_ENABLED_SCRIPT.encode()).digest()).decode()

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, f"'sha256-{_JS_ENABLED_HASH}'"],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Celery -----------------------------------------------------------------------------------
# The embedded default needs no broker server: kombu's filesystem transport, in folders under
# CELERY_FILESYSTEM_FOLDER (var/celery). Test services get folders of their own, so a worker that
# `make run` started never takes their tasks.
CELERY_FILESYSTEM_FOLDER = Path(env("CELERY_FILESYSTEM_FOLDER", default=str(VAR_DIR / "celery")))
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND", default=f"file://{CELERY_FILESYSTEM_FOLDER / 'results'}"
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = CELERY_FILESYSTEM_FOLDER / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "control_folder": str(CELERY_FILESYSTEM_FOLDER / "control"),
        "store_processed": False,
    }
    for _folder in (_broker_dir, CELERY_FILESYSTEM_FOLDER / "control"):
        _folder.mkdir(parents=True, exist_ok=True)
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A task taken by a worker that dies unacknowledged goes back to the queue after this long.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
if CELERY_RESULT_BACKEND.startswith("file://"):
    Path(CELERY_RESULT_BACKEND.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# The queue tasks are sent to and workers take from: two services can share one broker.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# What happens to a task whose worker dies is in ADR 0015: on Redis its message comes back after
# the visibility timeout; on the filesystem broker it is gone. Either way the watchdog redoes a
# recalculation with no heartbeat for RISK_RUN_STALE_SECONDS, and stops after RISK_RUN_MAX_REDOS.
RISK_RUN_STALE_SECONDS = env.int("RISK_RUN_STALE_SECONDS", default=120)
RISK_RUN_HEARTBEAT_SECONDS = env.int("RISK_RUN_HEARTBEAT_SECONDS", default=10)
RISK_RUN_MAX_REDOS = env.int("RISK_RUN_MAX_REDOS", default=3)

# --- Email ------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="NHS Leadership Talent <no-reply@localhost>")
# Where links in emails point (the notifications and the risk digest), e.g. https://talent.nhs.uk
SERVICE_URL = env("SERVICE_URL", default="")

# --- Limits on what a request may send (docs/adr/0014-bad-input.md) -------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # a form's text, 2.5 MB (Django's default, said aloud)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
REQUEST_MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a request's files together
FILE_UPLOAD_HANDLERS = [
    "core.limits.UploadSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
API_JSON_MAX_DEPTH = 64  # levels of objects and lists in an API body
# An .xlsx upload is a zip: what it may expand to, checked before any of it is parsed.
XLSX_MAX_UNCOMPRESSED_BYTES = 20_000_000
XLSX_MAX_MEMBERS = 100
XLSX_MAX_COMPRESSION_RATIO = 100
XLSX_MAX_SHARED_STRINGS = 100_000
XLSX_MAX_ROWS = 5_000

# --- Forms and API ----------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ("nhsuk",)
CRISPY_TEMPLATE_PACK = "nhsuk"
CRISPY_FAIL_SILENTLY = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only (ADR 0020): a form or multipart body is a 415 saying JSON is required.
    "DEFAULT_PARSER_CLASSES": ["core.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.api.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NHS Leadership Talent and Succession API",
    "DESCRIPTION": "Organisations, posts, succession plans and the national talent pool.",
    "VERSION": "1.0.0",
    # 3.1: a nullable reference is `oneOf: [$ref, null]`, which 3.0.3 cannot say (ADR 0020).
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api_schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "orgs.models.OrganisationKind",
        "IncumbencyKindEnum": "succession.models.IncumbencyKind",
        "DepartureReasonEnum": "succession.models.DepartureReason",
        "NominationStatusEnum": "succession.models.NominationStatus",
        "PostRoleEnum": "succession.models.PostRole",
    },
}

# --- The service ------------------------------------------------------------------------------
SERVICE_NAME = "NHS Leadership Talent"
SERVICE_PHASE = env("SERVICE_PHASE", default="beta")
# Where users report problems; shown on the accessibility statement and privacy notice.
SERVICE_CONTACT_EMAIL = env("SERVICE_CONTACT_EMAIL", default="")
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
