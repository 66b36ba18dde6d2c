"""Scheduled work on the assessment votes, run by Celery beat (CELERY_BEAT_SCHEDULE).

Imported by `projecten/tasks.py`, so that Celery's autodiscovery registers these tasks.
"""

from celery import shared_task

from projecten.votes.services import vote_reminders_send, votes_close_due


@shared_task(ignore_result=True)
def close_due_votes() -> int:
    """Every five minutes: count and close the votes whose closing moment has passed."""
    return votes_close_due()


@shared_task(ignore_result=True)
def remind_voters() -> int:
    """Hourly: remind the voters who have not voted, 48 hours before the vote closes, once."""
    return vote_reminders_send()
