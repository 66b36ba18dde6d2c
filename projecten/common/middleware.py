"""Time runs out by itself on the embedded default, where no beat runs.

With a broker, Celery beat closes votes and election rounds at their moment
(CELERY_BEAT_SCHEDULE). `make run` has no broker and so no beat: a round whose
window closed would wait for its result for ever. Then this middleware runs the
same idempotent services beat calls, before the page that needs them is built,
at most once a minute (a key in the shared cache), so a visitor sees the result
as soon as there is one and no request pays for it twice.
"""

import logging

from django.conf import settings
from django.core.cache import cache

from projecten.election.services import close_due_rounds
from projecten.votes.services import votes_close_due
from smederijen.outbox.services import outbox_relay

logger = logging.getLogger(__name__)

THROTTLE_KEY = "projecten:due-work"
THROTTLE_SECONDS = 60


# Without a broker a relayed row is delivered in the request: a few at a time.
RELAY_ON_REQUEST_LIMIT = 10


def due_work_run() -> int:
    """What beat does: fix ballots, close and count rounds, close votes (every five minutes),
    and relay the outbox (every minute): a mail whose sending failed is tried again."""
    return close_due_rounds() + votes_close_due() + outbox_relay(limit=RELAY_ON_REQUEST_LIMIT)


class DueWorkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DUE_WORK_ON_REQUEST and cache.add(THROTTLE_KEY, True, THROTTLE_SECONDS):
            try:
                due_work_run()
            except Exception:
                # The page the visitor asked for does not fail for work that is not theirs;
                # the next minute tries again.
                logger.exception("timed work on request failed")
                cache.delete(THROTTLE_KEY)
        return self.get_response(request)
