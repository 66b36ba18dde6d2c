"""Test settings: the real settings with a fast hasher, in-memory mail and eager Celery."""

import os

os.environ.setdefault("DEBUG", "1")

from .settings import *  # noqa: F403
from .settings import BASE_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Tests run the timed work themselves (or switch this on): page query counts stay exact.
DUE_WORK_ON_REQUEST = False
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
# Serve static files from the finders, as in development: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Two-factor login and the idle logout are off: the suite logs its roles in with
# `client.force_login` and moves the clock; tests/smederijen/twofactor turns them on.
OTP_REQUIRED = False
SESSION_IDLE_LOGOUT = False
