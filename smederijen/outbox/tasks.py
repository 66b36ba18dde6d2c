"""The outbox's Celery tasks: deliver one row, relay what is pending (decision 0036)."""

import logging

from celery import shared_task
from celery.signals import worker_ready
from celery.utils.time import get_exponential_backoff_interval

from . import services

logger = logging.getLogger(__name__)

# Retries in the task: 10 s, 20 s, 40 s … at most 10 minutes apart (with jitter). After the
# last one the row stays pending and the relay hands it over again later.
RETRY_BACKOFF_SECONDS = 10
RETRY_BACKOFF_MAX_SECONDS = 600


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=6,
)
def deliver_outbox_message(self, message_id: int) -> bool:
    """Do the work of one outbox row, once. Idempotent: a second delivery of the same task
    (a redelivery after a lost worker, a relay) finds the row sent or locked and does nothing."""
    try:
        return services.outbox_deliver(message_id=message_id)
    except services.TRANSIENT_ERRORS as error:
        countdown = get_exponential_backoff_interval(
            factor=RETRY_BACKOFF_SECONDS,
            retries=self.request.retries,
            maximum=RETRY_BACKOFF_MAX_SECONDS,
            full_jitter=True,
        )
        countdown = max(countdown, 1)
        pending = services.outbox_postpone(message_id=message_id, seconds=countdown, error=error)
        # Eager (no broker) never waits in a request: the relay tries again later.
        if pending and not self.request.is_eager and self.request.retries < self.max_retries:
            raise self.retry(exc=error, countdown=countdown) from error
        logger.warning("outbox message %s: %s; left to the relay", message_id, error)
        return False
    except Exception as error:
        services.outbox_fail(message_id=message_id, error=error)
        logger.exception("outbox message %s failed and is given up", message_id)
        return False


@shared_task(ignore_result=True)
def relay_outbox() -> int:
    """Every minute (CELERY_BEAT_SCHEDULE) and at every worker's start: hand over again what
    the broker never got or a dead worker never finished."""
    return services.outbox_relay()


@shared_task(ignore_result=True)
def purge_sent_outbox() -> int:
    """Daily: forget outbox rows sent more than OUTBOX_KEEP_DAYS ago."""
    return services.outbox_purge_sent()


@worker_ready.connect
def relay_at_worker_start(sender=None, **kwargs) -> None:
    """A worker that starts (after a crash, a deploy, a broker outage) asks for a relay at once
    instead of waiting for the next minute of beat. It runs in a pool process like any task."""
    try:
        relay_outbox.apply_async()
    except Exception:
        logger.warning("outbox: could not ask for a relay at worker start", exc_info=True)
