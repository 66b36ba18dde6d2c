"""The export job: created only for those who may export, written by the task with its
progress, failing visibly, never run twice, and cleaned up after EXPORT_KEEP_DAYS."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from projecten.dashboard import exports
from projecten.dashboard.scope import FigureScope
from projecten.dashboard.services import (
    export_job_create,
    export_job_run,
    export_jobs_delete_old,
    export_storage,
)
from projecten.dashboard.tasks import delete_old_exports, run_export_job
from projecten.errors import ProposalError
from projecten.models import ExportJob, ExportStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_someone_who_may_not_export_gets_no_job(professional):
    with pytest.raises(ProposalError) as refused:
        export_job_create(
            actor=professional, dataset="voorstellen", file_format="csv", scope=FigureScope()
        )
    assert refused.value.code == "not_allowed"
    assert not ExportJob.objects.exists()


def test_an_unknown_dataset_is_refused(stuurgroep_member):
    with pytest.raises(ProposalError):
        export_job_create(
            actor=stuurgroep_member, dataset="personen", file_format="csv", scope=FigureScope()
        )


def test_the_task_is_queued_after_the_commit_with_the_job(
    stuurgroep_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        job = export_job_create(
            actor=stuurgroep_member,
            dataset="betalingen",
            file_format="xlsx",
            scope=FigureScope(year=2025),
        )
    assert len(callbacks) == 1
    assert (job.status, job.scope_params) == (ExportStatus.WAITING, {"year": "2025"})


def test_the_task_writes_the_file_and_counts_the_rows_every_chunk(
    stuurgroep_member, monkeypatch, figures
):
    factories.ProposalFactory.create_batch(
        4, smederij=figures["a"], year=2025, status="submitted", submitted_at=timezone.now()
    )
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    seen = []
    original = ExportJob.objects.filter

    def watch(*args, **kwargs):
        queryset = original(*args, **kwargs)
        update = queryset.update

        def recording(**values):
            if "rows_done" in values:
                seen.append(values["rows_done"])
            return update(**values)

        queryset.update = recording
        return queryset

    job = ExportJob.objects.create(
        owner=stuurgroep_member, dataset="voorstellen", file_format="csv"
    )
    monkeypatch.setattr(ExportJob.objects, "filter", watch)
    run_export_job(job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.finished_at is not None
    assert (job.rows_total, job.rows_done) == (6, 6)
    assert seen[:3] == [2, 4, 6]
    text = export_storage().open(job.file_name).read().decode("utf-8-sig")
    assert len(text.splitlines()) == 7


def test_a_job_already_taken_is_not_run_again(stuurgroep_member):
    job = ExportJob.objects.create(
        owner=stuurgroep_member,
        dataset="voorstellen",
        file_format="csv",
        status=ExportStatus.RUNNING,
    )
    export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.file_name) == (ExportStatus.RUNNING, "")


def test_a_failing_export_says_so_on_its_job(stuurgroep_member, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_csv", broken)
    job = ExportJob.objects.create(
        owner=stuurgroep_member, dataset="voorstellen", file_format="csv"
    )
    export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.file_name) == (ExportStatus.FAILED, "OSError", "")
    assert job.finished_at is not None


def test_old_exports_and_their_files_are_deleted(stuurgroep_member, settings):
    settings.EXPORT_KEEP_DAYS = 7
    storage = export_storage()
    old = ExportJob.objects.create(
        owner=stuurgroep_member,
        dataset="voorstellen",
        file_format="csv",
        status=ExportStatus.DONE,
        file_name=storage.save("1/1/oud.csv", ContentFile(b"x")),
        created_at=timezone.now() - datetime.timedelta(days=8),
    )
    recent = ExportJob.objects.create(
        owner=stuurgroep_member, dataset="voorstellen", file_format="csv"
    )
    assert delete_old_exports() == 1
    assert not storage.exists(old.file_name)
    assert list(ExportJob.objects.all()) == [recent]
    assert export_jobs_delete_old() == 0
