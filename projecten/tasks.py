"""Scheduled work on proposals, run by Celery beat (see CELERY_BEAT_SCHEDULE in the settings)."""

from celery import shared_task

from .services.accounting import accounting_reminders_send


@shared_task(ignore_result=True)
def remind_accounting_due() -> int:
    """Daily: remind the initiators whose verantwoording is due within a week, once each."""
    return accounting_reminders_send()


# The vote and election tasks live in their own modules; importing them here lets
# autodiscovery find them.
from .election.tasks import close_due_rounds  # noqa: E402, F401
from .tasks_votes import close_due_votes, remind_voters  # noqa: E402, F401
