"""Settings for Smederijen, read from the environment.

One module for every place the application runs. Development defaults are
chosen so that `make run` works on a laptop with nothing but Python: SQLite
when `DATABASE_URL` is unset and eager Celery when `CELERY_BROKER_URL` is
unset. Production sets `DEBUG=0`, `SECRET_KEY`, `ALLOWED_HOSTS`,
`DATABASE_URL` and `CELERY_BROKER_URL`; see docs/deployment.md.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used on a developer's machine (DEBUG=1).
    SECRET_KEY = "django-insecure-local-development-only-" + "x" * 24

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The failure page in the site's layout and in Dutch, not Django's bare English page.
CSRF_FAILURE_VIEW = "smederijen.error_pages.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "django_filters",
    "axes",
    # Two-factor login (docs/decisions/0028): TOTP apps and one-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "smederijen",
    "smederijen.twofactor",
    "smederijen.usersessions",
    "wijken",
    "projecten",
    "budget",
]

MIDDLEWARE = [
    # First: every log record of the request carries its id (smederijen/serving).
    "smederijen.serving.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The database gone for a moment: a Dutch 503 page, not a 500 (smederijen/serving).
    "smederijen.serving.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "smederijen.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Who verified a second factor (django-otp), then: no page for a role that needs one
    # until it is verified, and a session ends after inactivity (docs/decisions/0028).
    "django_otp.middleware.OTPMiddleware",
    "smederijen.usersessions.middleware.IdleSessionMiddleware",
    "smederijen.twofactor.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "projecten.common.middleware.DueWorkMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes docs).
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "smederijen.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        # A reused connection is tested before a request uses it: after a database
        # restart the web processes recover by themselves (issue 15, item 5).
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "smederijen.User"
AUTHENTICATION_BACKENDS = [
    # Login throttling first: it refuses a locked-out address before any check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# The visitor's address (smederijen/serving/clientip.py), for rate limits and django-axes.
# Behind our own proxies (nginx, a load balancer) REMOTE_ADDR is the proxy: set how many of
# them stand in front and the header they append to. 0 (no proxy): the header is ignored,
# so a visitor cannot choose their own address by sending it.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
TRUSTED_PROXY_HEADER = env("TRUSTED_PROXY_HEADER", "X-Forwarded-For")
AXES_CLIENT_IP_CALLABLE = "smederijen.serving.clientip.axes_client_ip"

# Login throttling (django-axes): five failures lock the user/address pair for an hour.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form posts `username` (Django's AuthenticationForm), whatever the user model's
# USERNAME_FIELD is called (email); axes defaults to the latter, and then records every
# failure under an empty name: the lock fell on the whole address and never on the account.
AXES_USERNAME_FORM_FIELD = "username"
# What axes stores must fit its column: no NUL, at most 254 characters (the module says why).
AXES_USERNAME_CALLABLE = "smederijen.accounts.lockout.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Two-factor login and sessions (issue 14, items 4 and 5; docs/decisions/0028) ---------
# Gebiedsregisseurs, stuurgroep members and administrators (is_staff) move money or manage
# people (BIO): they reach no page but the two-factor pages until they verified a code from
# an authenticator app (TOTP) or a recovery code. Residents, initiatiefgroep members and
# professionals log in with their password alone. config/settings_test.py turns it off so
# that `client.force_login` keeps working; the two-factor tests turn it on again.
OTP_REQUIRED = env_bool("OTP_REQUIRED", default=True)
# The name the authenticator app shows next to the code.
OTP_TOTP_ISSUER = "Smederijen Hoogeveen"
# Wrong codes: django-otp makes the next try wait 1, 2, 4, 8 … seconds (per device).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Sessions in the database with the user's id beside them, so that all sessions of one
# user end with one indexed DELETE (deactivated, erased, password changed).
SESSION_ENGINE = "smederijen.usersessions.backend"
# A session ends after this long without a request: two hours for everyone, half an hour
# for the roles above. SESSION_IDLE_LOGOUT is off in the test settings (frozen clocks).
SESSION_IDLE_LOGOUT = env_bool("SESSION_IDLE_LOGOUT", default=True)
SESSION_IDLE_TIMEOUT = 2 * 60 * 60
SESSION_IDLE_TIMEOUT_TWO_FACTOR = 30 * 60
# --- end of two-factor login and sessions -------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploads on the filesystem (MEDIA_ROOT), or on S3-compatible object storage when a bucket
# is named (more than one web machine: docs/deployment.md). Private objects, reached only
# through links signed for a short while: the application decides who may see a file.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    DEFAULT_FILE_STORAGE_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            # Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
            "location": env("AWS_LOCATION", "media"),
        },
    }
else:
    DEFAULT_FILE_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_FILE_STORAGE_BACKEND,
    # Exports hold names of initiators: a private location, never under MEDIA_URL; only the
    # view that checks the owner serves them (decision 0035). With several machines: a
    # private bucket (django-storages), as for the uploads.
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env("EXPORTS_ROOT", str(BASE_DIR / "var" / "exports")),
            "base_url": None,
        },
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# A cache shared by every web process (Redis) in production; per process on a laptop.
# It holds counters such as the registration limit, which must count across processes.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("CACHE_URL")}
        if env("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ("nlds",)
CRISPY_TEMPLATE_PACK = "nlds"
CRISPY_FAIL_SILENTLY = not DEBUG

# Celery: without a broker every task runs in the calling process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Without a broker nothing runs beat: the timed work (closing votes and election rounds whose
# window ended, fixing ballots at the ideas deadline) then runs when a page is requested, at
# most once a minute per cache (projecten.common.middleware.DueWorkMiddleware).
DUE_WORK_ON_REQUEST = env_bool("DUE_WORK_ON_REQUEST", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged when it is done, not when it starts; a task whose worker process
# died (kill -9, out of memory) goes back to the queue. Every task is idempotent for this.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that hands work to a broker that is down waits at most this long (the outbox
# keeps the work; the relay hands it over later).
CELERY_BROKER_CONNECTION_TIMEOUT = float(env("CELERY_BROKER_CONNECTION_TIMEOUT", "2"))
# Redis gives a task that was taken and never acknowledged (its whole worker died) to
# another worker after this many seconds; the outbox relay usually does it sooner.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600")),
}
if env("CELERY_UNACKED_RESTORE_SECONDS"):
    # How often a worker looks for such tasks (kombu's default: about every 100 s).
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "unacked_restore_interval": int(env("CELERY_UNACKED_RESTORE_SECONDS")),
        "unacked_restore_throttle": 1,
    }

# The transactional outbox (decision 0036). A row not done within the lease after it was
# handed over is handed over again by the relay, which beat runs every OUTBOX_RELAY_SECONDS.
OUTBOX_LEASE_SECONDS = int(env("OUTBOX_LEASE_SECONDS", "300"))
OUTBOX_RELAY_SECONDS = float(env("OUTBOX_RELAY_SECONDS", "60"))
OUTBOX_MAX_ATTEMPTS = int(env("OUTBOX_MAX_ATTEMPTS", "20"))
OUTBOX_KEEP_DAYS = int(env("OUTBOX_KEEP_DAYS", "30"))
# Test only (tests/realworker): every delivery waits this long after claiming its row.
OUTBOX_TEST_PAUSE_SECONDS = float(env("OUTBOX_TEST_PAUSE_SECONDS", "0"))

# Exports: up to this many rows download at once, more run as a task; files kept this long.
EXPORT_DIRECT_MAX_ROWS = int(env("EXPORT_DIRECT_MAX_ROWS", "5000"))
EXPORT_KEEP_DAYS = int(env("EXPORT_KEEP_DAYS", "7"))

# Celery beat (`make beat`): every timed job. Without a broker DueWorkMiddleware runs the
# ones a page is waiting for (closing votes and rounds, the outbox relay).
CELERY_BEAT_SCHEDULE = {
    "relay-outbox": {
        "task": "smederijen.outbox.tasks.relay_outbox",
        "schedule": OUTBOX_RELAY_SECONDS,
    },
    "purge-sent-outbox": {
        "task": "smederijen.outbox.tasks.purge_sent_outbox",
        "schedule": crontab(hour=3, minute=45),
    },
    "clear-expired-sessions": {
        "task": "smederijen.tasks.clear_expired_sessions",
        "schedule": crontab(hour=4, minute=0),
    },
    "remind-accounting-due": {
        "task": "projecten.accounting.tasks.remind_accounting_due",
        "schedule": crontab(hour=8, minute=0),
    },
    "close-due-votes": {
        "task": "projecten.votes.tasks.close_due_votes",
        "schedule": crontab(minute="*/5"),
    },
    "remind-voters": {
        "task": "projecten.votes.tasks.remind_voters",
        "schedule": crontab(minute=0),
    },
    "close-due-election-rounds": {
        "task": "projecten.election.tasks.close_due_rounds",
        "schedule": crontab(minute="*/5"),
    },
    "delete-old-exports": {
        "task": "projecten.dashboard.tasks.delete_old_exports",
        "schedule": crontab(hour=3, minute=45),
    },
    "delete-expired-form-submissions": {
        "task": "smederijen.tasks.delete_expired_form_submissions",
        "schedule": crontab(hour=3, minute=30),
    },
}

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# A mail server that does not answer holds a worker (and its outbox row) this long at most.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (the real-worker tests).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH") or None
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Smederijen Hoogeveen <noreply@smederijen.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of the site as residents reach it; links in emails start with it.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Security. Production runs behind TLS; these are the values `check --deploy` asks for.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The load balancer asks these over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# How long /readyz waits for the database and the broker, in seconds.
READYZ_TIMEOUT = float(env("READYZ_TIMEOUT", "2"))

# Content Security Policy (django-csp): our own files only, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Logs: one JSON object a line on stderr in production (LOG_FORMAT=json, the default without
# DEBUG), plain text on a laptop; every record carries the request's id (X-Request-ID).
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "smederijen.serving.requestid.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "smederijen.serving.requestid.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes logs every successful login at INFO; lockouts come at WARNING.
        "axes": {"level": "WARNING"},
        # Django's request errors through the root handler (JSON, with the request id).
        "django": {"handlers": [], "level": "INFO", "propagate": True},
    },
}

# --- Audit log (issue 14 item 6, docs/decisions/0029) ---------------------------------------
# django-auditlog records who changed what, with before and after; smederijen/audit.py
# registers the models. Its middleware names the request's user for changes made outside
# a service (the admin), after authentication. No IP addresses in a log nobody can erase.
INSTALLED_APPS += ["auditlog"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "auditlog.middleware.AuditlogMiddleware",
)
AUDITLOG_DISABLE_REMOTE_ADDR = True
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_USE_FK_STRING_REPRESENTATION = False
# --- end of the audit log -------------------------------------------------------------------
