"""An export too large to download at once: written by a Celery task into a private file.

The file lies in the "exports" storage (settings.STORAGES), never under MEDIA_URL: only
the view that checks the owner serves it (decision 0035). The row says who asked for which
records (the dataset and the dashboard's filters), how far the task got and when it ended.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (.xlsx)"


class ExportStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ExportJob(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    # A name of projecten.dashboard.exports.DATASETS (not choices: the list is code).
    dataset = models.CharField(_("dataset"), max_length=20)
    file_format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    # The filters as query parameters (FigureScope.as_params), so the task rebuilds the scope.
    scope_params = models.JSONField(_("filters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="nl")
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.WAITING
    )
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in total"), null=True, blank=True)
    # The name in the exports storage; empty until the task is done, and after clean-up.
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(file_format__in=ExportFormat.values),
                name="projecten_exportjob_format_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ExportStatus.values),
                name="projecten_exportjob_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.dataset}.{self.file_format} ({self.owner_id}, {self.created_at:%Y-%m-%d})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def percent_done(self) -> int:
        if not self.rows_total:
            return 100 if self.status == ExportStatus.DONE else 0
        return min(100, self.rows_done * 100 // self.rows_total)
