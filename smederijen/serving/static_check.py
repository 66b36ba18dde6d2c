"""Refuse to start without collected static files, and say what to run.

With hashed names (CompressedManifestStaticFilesStorage) every `{% static %}` looks its
file up in the manifest that `collectstatic` writes; without it every page is a 500
("Missing staticfiles manifest entry") and nothing tells the operator why. The WSGI and
ASGI entry points (gunicorn, and `runserver` with DEBUG off) call
`require_static_manifest()` before they serve anything: the process does not start, and
its first line of output says what to run. Not a system check: `check --deploy` runs in
the release steps and in the tests before any `collectstatic`.
"""

from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

MESSAGE = (
    "De statische bestanden zijn niet verzameld: voer `python manage.py collectstatic "
    "--no-input` uit voordat u de site start. / Static files were not collected: run "
    "`python manage.py collectstatic --no-input` before you start the site "
    "(missing: {path})."
)


def static_manifest_problem() -> str | None:
    backend = storages["staticfiles"]
    if not isinstance(backend, ManifestFilesMixin) or backend.exists(backend.manifest_name):
        return None
    return MESSAGE.format(path=backend.path(backend.manifest_name))


def require_static_manifest() -> None:
    problem = static_manifest_problem()
    if problem:
        raise ImproperlyConfigured(problem)
