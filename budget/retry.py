"""Run a budget service in a transaction, and run it again when PostgreSQL aborted it for a
deadlock or a serialization failure.

The services take their locks in one order (year → shares → grants, see
services.py), so two of them should never wait on each other in a circle. But
a deadlock can also come from rows the budget does not control (a caller's
lock on a proposal, a foreign-key check on a row somebody else locked), and
then PostgreSQL aborts one of the transactions. Such an abort is not a refusal:
nothing was decided, and the same call a moment later normally succeeds. So the
service retries it, a few times, after a short random pause (two retries at
the same moment would collide again), and only when it is the outermost
transaction: inside a caller's `transaction.atomic` the caller's earlier work
was rolled back too, and only the caller can redo it.
"""

import functools
import logging
import random
import time

from django.db import OperationalError, transaction

logger = logging.getLogger(__name__)

# SQLSTATEs after which the whole transaction may simply be tried again.
RETRYABLE_SQLSTATES = {
    "40P01": "deadlock detected",
    "40001": "serialization failure",
}
# Read at each call, so that a test can switch retries off (1) to see a deadlock itself.
ATTEMPTS = 3
BASE_DELAY = 0.05  # seconds; doubled for each retry, with jitter


def is_retryable(error: BaseException) -> bool:
    """Whether a database error (or an error it was raised from) is a deadlock or a
    serialization failure."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if getattr(error, "sqlstate", None) in RETRYABLE_SQLSTATES:
            return True
        error = error.__cause__ or error.__context__
    return False


def atomic_with_retry(func):
    """`transaction.atomic`, plus bounded retries of a deadlock when this is the outermost
    transaction."""
    atomic_func = transaction.atomic(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if transaction.get_connection().in_atomic_block:
            return atomic_func(*args, **kwargs)
        attempt = 1
        while True:
            try:
                return atomic_func(*args, **kwargs)
            except OperationalError as error:
                if attempt >= ATTEMPTS or not is_retryable(error):
                    raise
                # Jitter, not a secret: spreads the retries of colliding transactions apart.
                pause = BASE_DELAY * 2 ** (attempt - 1) * random.uniform(0.5, 1.5)  # noqa: S311  # nosec B311
                logger.warning(
                    "%s: %s, attempt %d of %d; trying again in %.0f ms",
                    func.__qualname__,
                    error,
                    attempt,
                    ATTEMPTS,
                    pause * 1000,
                )
                time.sleep(pause)
                attempt += 1

    return wrapper
