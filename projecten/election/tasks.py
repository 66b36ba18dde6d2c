"""Scheduled work of the Smederij election, run by Celery beat (CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from projecten.election.services import close_due_rounds as _close_due_rounds


@shared_task(ignore_result=True)
def close_due_rounds() -> int:
    """Every five minutes: fix ballots at the ideas deadline, close, count and fund rounds."""
    return _close_due_rounds()
