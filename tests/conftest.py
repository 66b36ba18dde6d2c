"""Shared fixtures: the roles of DESIGN.md, and the gates for tests that need real services.

A test marked `postgres`, `redis` or `browser` skips when the service is not
there, so that `make test` runs on any laptop; with STRICT=1 (CI) it fails
instead, so a missing service can never turn a red run green.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

from tests import factories

STRICT = os.environ.get("STRICT") == "1"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _unavailable(reason: str):
    if STRICT:
        pytest.fail(f"STRICT=1: {reason}", pytrace=False)
    pytest.skip(reason)


def _redis_answers() -> bool:
    url = urlparse(settings.CELERY_BROKER_URL or "redis://127.0.0.1:6379/0")
    try:
        with socket.create_connection((url.hostname or "127.0.0.1", url.port or 6379), 1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _require_services(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _unavailable("needs PostgreSQL: set DATABASE_URL=postgres://…")
    if request.node.get_closest_marker("redis") and not _redis_answers():
        _unavailable("needs a Redis server (CELERY_BROKER_URL or 127.0.0.1:6379)")
    if request.node.get_closest_marker("browser") and not (
        os.path.exists(CHROMIUM) or shutil.which("chromium")
    ):
        _unavailable(f"needs Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counters in the cache (the registration limit) never carry over from another test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def area(db):
    return factories.AreaFactory()


@pytest.fixture
def smederij(db):
    return factories.SmederijFactory()


@pytest.fixture
def other_smederij(db):
    """A Smederij covered by another wijkteam: nothing of it may leak to the roles below."""
    return factories.SmederijFactory()


@pytest.fixture
def resident(smederij):
    return factories.ResidentFactory(home_area=smederij.area)


@pytest.fixture
def initiatiefgroep_member(smederij):
    user = factories.ResidentFactory(home_area=smederij.area)
    factories.InitiatiefgroepMembershipFactory(user=user, smederij=smederij)
    return user


@pytest.fixture
def professional(smederij):
    return factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam).user


@pytest.fixture
def gebiedsregisseur(smederij):
    return factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user


@pytest.fixture
def stuurgroep_member(db):
    return factories.StuurgroepMembershipFactory().user


@pytest.fixture
def beheerder(db):
    """A functional administrator: staff with the model permissions of our apps, not a superuser."""
    from django.contrib.auth.models import Permission

    user = factories.UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["smederijen", "wijken", "projecten", "budget"]
        )
    )
    return user


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)
