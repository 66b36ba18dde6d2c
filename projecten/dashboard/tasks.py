"""Celery tasks of the dashboard: the large exports, and cleaning up their old files."""

from celery import shared_task

from projecten.dashboard.services import START_EXPORT, export_job_run, export_jobs_delete_old
from smederijen.outbox.handlers import outbox_handler


@shared_task(ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def run_export_job(job_id: int) -> None:
    """Write one large export; a job that is no longer waiting is left alone (idempotent)."""
    export_job_run(job_id=job_id)


@outbox_handler(START_EXPORT)
def start_export(*, job_id: int) -> None:
    """The outbox row of a new job hands the writing to a worker of its own: writing takes
    long and saves its progress as it goes, so it must not run inside the row's delivery.
    A broker that refuses raises here, and the outbox tries again later."""
    run_export_job.delay(job_id)


@shared_task(ignore_result=True)
def delete_old_exports() -> int:
    """Daily (beat): the export files older than EXPORT_KEEP_DAYS go, with their jobs."""
    return export_jobs_delete_old()
