"""A URLconf with views that fail, for the error page tests (Django's own handlers)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import include, path


def _crash(request):
    raise RuntimeError("secret detail that must never reach a resident")


def _suspicious(request):
    raise SuspiciousOperation("secret detail")


def _denied(request):
    raise PermissionDenied("secret detail")


urlpatterns = [
    path("kapot/", _crash),
    path("verdacht/", _suspicious),
    path("verboden/", _denied),
    path("", include("config.urls")),
]
