"""Scheduled work on proposals, run by Celery beat (see CELERY_BEAT_SCHEDULE in the settings)."""

from celery import shared_task

from .services.accounting import accounting_reminders_send


@shared_task(ignore_result=True)
def remind_accounting_due() -> int:
    """Daily: remind the initiators whose verantwoording is due within a week, once each."""
    return accounting_reminders_send()
