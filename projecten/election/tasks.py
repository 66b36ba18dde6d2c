"""Background work of the Smederij election: the beat schedule (CELERY_BEAT_SCHEDULE) closes
rounds; counting and recounting run here, never in a request. Without a broker (the quick
start, the tests) Celery runs them eagerly, at once.
"""

from celery import shared_task

from projecten.election import services
from smederijen.outbox.handlers import outbox_handler


@shared_task(ignore_result=True)
def close_due_rounds() -> int:
    """Every five minutes: fix ballots at the ideas deadline, close rounds (their count
    follows in `count_round`)."""
    return services.close_due_rounds()


@outbox_handler(services.COUNT_ROUND)
def round_count(*, election_round_id: int) -> None:
    """Count, store and fund a closed round; nothing for a round counted already."""
    services.round_count_and_fund(election_round_id=election_round_id)


@outbox_handler(services.RECOUNT_ROUND)
def round_recount(*, election_round_id: int) -> None:
    """The recount the gebiedsregisseur asked for: compare with the stored result, store."""
    services.round_recount_store(election_round_id=election_round_id)


# The same work as tasks of their own, for a caller (or an old queued message) that asks
# Celery directly; what a service decides on goes through the outbox (decision 0036).
@shared_task(ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def count_round(election_round_id: int) -> None:
    round_count(election_round_id=election_round_id)


@shared_task(ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def recount_round(election_round_id: int) -> None:
    round_recount(election_round_id=election_round_id)
