"""Scheduled work on the verantwoording, run by Celery beat (CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from projecten.accounting.services import accounting_reminders_send


@shared_task(ignore_result=True)
def remind_accounting_due() -> int:
    """Daily: remind the initiators whose verantwoording is due within a week, once each."""
    return accounting_reminders_send()
