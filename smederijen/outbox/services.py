"""The outbox's state changes: put, hand over, deliver, postpone, give up, relay (decision 0036).

Delivery is at least once and, as far as a mail server lets us, exactly once: a row is
claimed with `FOR UPDATE SKIP LOCKED`, marked sent, the handler runs (the mail goes out) and
the transaction commits. A second task for the same row finds it locked or sent and does
nothing. Only a crash between the mail server's acceptance and our COMMIT sends a mail twice;
it then carries the same Message-ID, so mail programs show it once.
"""

import datetime
import logging
import time

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from smederijen.models import OutboxMessage

from .handlers import handler_get

logger = logging.getLogger(__name__)

# Errors that pass: the mail server or the database did not answer, a connection broke.
# smtplib.SMTPException is an OSError, and so are socket timeouts and refused connections.
TRANSIENT_ERRORS = (OSError, OperationalError, InterfaceError)

# Once the broker refused a handover, this process leaves handing over to the relay for a
# while: no request waits for a broker that is down, however many mails it decided on.
BROKER_REST_SECONDS = 30
_broker_rests_until = 0.0


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def outbox_put(*, handler: str, kwargs: dict) -> OutboxMessage:
    """Store work in the caller's transaction; hand it to Celery once that commits.

    A rolled-back transaction leaves no row and hands nothing over. The row is due for the
    relay after the lease: by then the handover after commit has normally done its work.
    """
    handler_get(handler)  # a misspelt name fails here, in the deciding transaction
    message = OutboxMessage.objects.create(
        handler=handler, kwargs=kwargs, relay_after=timezone.now() + _lease()
    )
    message_id = message.pk
    transaction.on_commit(lambda: outbox_hand_over(message_ids=[message_id]))
    return message


def _eager() -> bool:
    from .tasks import deliver_outbox_message

    return bool(deliver_outbox_message.app.conf.task_always_eager)


def outbox_hand_over(*, message_ids: list[int]) -> int:
    """Give rows to Celery after their transaction committed. Never raises: the work has
    committed and the person who decided must not see an error for it. What the broker did
    not take is due for the relay at once. Returns how many were handed over.

    Without a broker (eager mode: `make run`, the tests) the task runs here and now.
    """
    global _broker_rests_until
    from .tasks import deliver_outbox_message

    eager = _eager()
    handed = 0
    for position, message_id in enumerate(message_ids):
        if not eager and time.monotonic() < _broker_rests_until:
            _relay_soon(message_ids[position:])
            break
        try:
            deliver_outbox_message.apply_async(args=[message_id], retry=False)
        except Exception:
            if eager:
                logger.exception("outbox message %s: delivery failed", message_id)
                continue
            _broker_rests_until = time.monotonic() + BROKER_REST_SECONDS
            logger.warning(
                "outbox: the broker is unreachable; %d message(s) wait for the relay",
                len(message_ids) - position,
                exc_info=True,
            )
            _relay_soon(message_ids[position:])
            break
        handed += 1
    return handed


def _relay_soon(message_ids: list[int]) -> None:
    try:
        OutboxMessage.objects.pending().filter(pk__in=message_ids).update(
            relay_after=timezone.now()
        )
    except DatabaseError:
        # The lease runs out by itself; the relay takes them then.
        logger.warning("outbox: could not mark %s due for the relay", message_ids, exc_info=True)


def outbox_deliver(*, message_id: int) -> bool:
    """Do a pending row's work and mark it sent, in one transaction.

    The mark is written before the handler runs, so that after the mail server has accepted
    the mail only the COMMIT is left. Returns False when there was nothing to do: the row is
    sent already, given up, or held this moment by another worker (which will finish it, or
    die and leave it to the relay).
    """
    with transaction.atomic():
        message = (
            OutboxMessage.objects.pending()
            .select_for_update(skip_locked=True)
            .filter(pk=message_id)
            .first()
        )
        if message is None:
            return False
        if settings.OUTBOX_TEST_PAUSE_SECONDS:
            # Test only (tests/realworker): a task slow on purpose, to be killed halfway.
            time.sleep(settings.OUTBOX_TEST_PAUSE_SECONDS)
        OutboxMessage.objects.filter(pk=message.pk).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
        )
        handler_get(message.handler)(**message.kwargs)
    return True


def outbox_postpone(*, message_id: int, seconds: float, error: BaseException) -> bool:
    """A passing error: count the attempt and keep the relay away until the retry is due.
    Returns False when the row is given up (too many attempts) or gone."""
    now = timezone.now()
    try:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.pending().select_for_update().filter(pk=message_id).first()
            )
            if message is None:
                return False
            message.attempts += 1
            message.last_error = _describe(error)
            message.relay_after = now + datetime.timedelta(seconds=seconds) + _lease()
            if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                message.failed_at = now
            message.save(update_fields=["attempts", "last_error", "relay_after", "failed_at"])
            return message.failed_at is None
    except DatabaseError:
        # The database itself is away: the retry (or the relay, after the lease) tries again.
        logger.warning("outbox message %s: could not record the attempt", message_id)
        return True


def outbox_fail(*, message_id: int, error: BaseException) -> None:
    """An error that will not pass by itself (a template or a program error): stop trying,
    keep why. A maintainer sets `failed_at` back to empty after the fix to try again."""
    OutboxMessage.objects.pending().filter(pk=message_id).update(
        failed_at=timezone.now(), attempts=F("attempts") + 1, last_error=_describe(error)
    )


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def outbox_relay(*, limit: int = 500) -> int:
    """Hand over again what is pending and due (beat, every minute; every worker at start).

    Rows are claimed with SKIP LOCKED and given a new lease before they are handed over, so
    two relays at once never hand over one row twice, and a row a task is working on right
    now (locked) is left to it. Returns how many rows were handed over.
    """
    now = timezone.now()
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.pending()
            .filter(relay_after__lte=now)
            .order_by("relay_after", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if not due:
            return 0
        OutboxMessage.objects.filter(pk__in=due).update(relay_after=now + _lease())
    # After the commit: a task must never find its row still locked by the relay.
    return outbox_hand_over(message_ids=due)


def outbox_purge_sent(*, days: int | None = None) -> int:
    """Daily: forget rows sent long ago (they hold addresses). Given-up rows stay for a look."""
    days = settings.OUTBOX_KEEP_DAYS if days is None else days
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
