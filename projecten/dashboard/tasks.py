"""Celery tasks of the dashboard: the large exports, and cleaning up their old files."""

from celery import shared_task

from projecten.dashboard.services import export_job_run, export_jobs_delete_old


@shared_task(ignore_result=True)
def run_export_job(job_id: int) -> None:
    """Write one large export (queued by `export_job_create` after its commit)."""
    export_job_run(job_id=job_id)


@shared_task(ignore_result=True)
def delete_old_exports() -> int:
    """Daily (beat): the export files older than EXPORT_KEEP_DAYS go, with their jobs."""
    return export_jobs_delete_old()
