"""The settings the page benchmark serves with: the project's own, plus a query count.

bench/pages.py starts gunicorn (and collectstatic) with `DJANGO_SETTINGS_MODULE=pages_server`
(this file, on `--pythonpath bench`). Everything comes from config/settings.py and the
environment the script sets (DEBUG off, a collected STATIC_ROOT), so that pages are served
as in production, but for two things: the static files are collected without compression
(below), and bench/pages_queries.py adds the query count, a header production never sends
(nothing in config/ reaches these modules).
"""

from config.settings import *  # noqa: F403

MIDDLEWARE = ["pages_queries.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405

# The manifest of hashed names as production has it, without the gzip and brotli copies
# that whitenoise's storage adds: {% static %} looks names up the same way, the benchmark
# never asks for a static file itself, and compressing took most of a run's first minute.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
