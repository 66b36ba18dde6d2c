"""`/healthz` and `/readyz`, for the load balancer and the process supervisor.

`/healthz`: the process answers (no database, no broker): restart it when this fails.
`/readyz`: the database and the broker answer: send it visitors only while this is 200.
The body names what was checked and whether it answered, never an address or a password.
Both are exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT): a load balancer asks
over plain HTTP on the private network.
"""

import logging

from django.conf import settings
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database_answers() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not ready"; the log has the details
        logger.warning("readyz: the database does not answer", exc_info=True)
        return False


def _broker_answers() -> bool | None:
    """None when there is no broker (tasks run in the web process)."""
    if not settings.CELERY_BROKER_URL:
        return None
    from kombu import Connection

    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            connect_timeout=settings.READYZ_TIMEOUT,
            transport_options={"socket_timeout": settings.READYZ_TIMEOUT},
        ) as connection:
            connection.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=settings.READYZ_TIMEOUT
            )
        return True
    except Exception:  # any failure means "not ready"; the log has the details
        logger.warning("readyz: the broker does not answer", exc_info=True)
        return False


@never_cache
@require_safe
def readyz(request):
    checks = {"database": _database_answers()}
    broker = _broker_answers()
    if broker is not None:
        checks["broker"] = broker
    ready = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if ready else "unavailable",
            "checks": {name: "ok" if up else "unavailable" for name, up in checks.items()},
        },
        status=200 if ready else 503,
    )
