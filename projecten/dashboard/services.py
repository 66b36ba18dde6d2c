"""Operations of the dashboard and its exports."""

import datetime
import logging
import os
import tempfile

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from projecten.errors import ProposalError
from projecten.models import ExportFormat, ExportJob, ExportStatus
from smederijen.outbox.services import outbox_put

logger = logging.getLogger(__name__)

# The outbox row that starts a large export (decision 0036): a broker that is down when the
# job commits must neither show the person an error nor leave the job waiting for ever.
START_EXPORT = "dashboard.start_export"

# --- Exports (issue 13, item 5) ---------------------------------------------------------------


def export_storage():
    """Where the files of large exports lie: private, never under MEDIA_URL (decision 0035)."""
    return storages["exports"]


def _scope_of(params: dict):
    from projecten.dashboard.scope import FigureScope

    def number(name):
        value = params.get(name)
        return int(value) if value else None

    return FigureScope(
        year=number("year"),
        wijkteam_id=number("wijkteam"),
        smederij_id=number("smederij"),
        kind=params.get("kind", ""),
        klap=params.get("klap", ""),
        theme=params.get("theme", ""),
    )


@transaction.atomic
def export_job_create(*, actor, dataset: str, file_format: str, scope) -> ExportJob:
    """Ask for a large export: the job is saved, and a task writes it after the commit.

    Without a broker (`make run`) the task runs in this process once the transaction
    commits, so the job is done when the page that follows asks.
    """
    from projecten.dashboard.exports import DATASETS

    if not actor.has_perm("projecten.export_figures"):
        raise ProposalError(_("You may not export the figures."), code="not_allowed")
    if dataset not in DATASETS:
        raise ProposalError(_("This dataset does not exist."), code="unknown_dataset")
    if file_format not in ExportFormat.values:
        raise ProposalError(_("This file format does not exist."), code="unknown_format")
    job = ExportJob.objects.create(
        owner=actor,
        dataset=dataset,
        file_format=file_format,
        scope_params=scope.as_params(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    outbox_put(handler=START_EXPORT, kwargs={"job_id": job.pk})
    return job


def export_job_run(*, job_id: int) -> ExportJob | None:
    """Write the file of a waiting job, row by row, saving the progress every chunk.

    Not one transaction: the progress must be seen while the file is written, and the rows
    stream from a server-side cursor. A job taken by another worker is left alone.
    """
    from projecten.dashboard.exports import DATASETS, file_name, stream_rows, write_csv, write_xlsx

    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != ExportStatus.WAITING:
            return job
        job.status = ExportStatus.RUNNING
        job.save(update_fields=["status"])
    dataset = DATASETS[job.dataset]
    scope = _scope_of(job.scope_params)
    writer = write_csv if job.file_format == ExportFormat.CSV else write_xlsx

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

    try:
        with translation.override(job.language):
            total = dataset.count(scope)
            ExportJob.objects.filter(pk=job.pk).update(rows_total=total)
            with tempfile.TemporaryDirectory(dir=getattr(settings, "EXPORT_TMPDIR", None)) as tmp:
                path = os.path.join(tmp, f"export.{job.file_format}")
                writer(path, dataset, stream_rows(dataset, scope), progress)
                name = file_name(dataset, job.file_format, scope)
                with open(path, "rb") as written:
                    stored = export_storage().save(f"{job.owner_id}/{job.pk}/{name}", File(written))
    except Exception as error:  # the job must say it failed, whatever went wrong
        logger.exception("Export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, finished_at=timezone.now(), error=type(error).__name__
        )
        job.refresh_from_db()
        return job
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE, file_name=stored, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def export_jobs_delete_old(*, now: datetime.datetime | None = None) -> int:
    """Delete the jobs and files older than EXPORT_KEEP_DAYS; returns how many jobs."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.EXPORT_KEEP_DAYS)
    storage = export_storage()
    deleted = 0
    for job in ExportJob.objects.filter(created_at__lt=cutoff).only("pk", "file_name"):
        with transaction.atomic():
            if job.file_name:
                storage.delete(job.file_name)
            job.delete()
        deleted += 1
    return deleted
