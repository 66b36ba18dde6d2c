"""Pages of the dashboard and its exports. Thin: parse the filters, call, render."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from projecten.dashboard import exports, selectors, services
from projecten.dashboard.forms import FigureFilterForm
from projecten.errors import ProposalError
from projecten.models import ExportFormat, ExportStatus
from smederijen.models import Smederij
from smederijen.submissions import submit_once

# --- Exports (issue 13, item 5) ---------------------------------------------------------------

EXPORT_INDEX_TEMPLATE = "projecten/dashboard/export_index.html"


def _filter_form(request) -> FigureFilterForm:
    """The dashboard's filters from the query string; `smederij=<pk>` fixes one Smederij."""
    smederij = None
    if request.GET.get("smederij"):
        try:
            smederij = Smederij.objects.get(pk=int(request.GET["smederij"]))
        except (ValueError, Smederij.DoesNotExist) as error:
            raise Http404 from error
    return FigureFilterForm(request.GET, years=selectors.export_years(), smederij=smederij)


def _job_label(job) -> str:
    dataset = exports.DATASETS.get(job.dataset)
    label = dataset.label if dataset else job.dataset
    return _("%(dataset)s as %(format)s") % {
        "dataset": label,
        "format": ExportFormat(job.file_format).label,
    }


def _index(request, form, *, status=200):
    valid = form.is_valid()
    return render(
        request,
        EXPORT_INDEX_TEMPLATE,
        {
            "form": form,
            "filtered": bool(request.GET),
            "export_links": exports.export_links(form.scope()) if valid else [],
            "jobs": [(job, _job_label(job)) for job in selectors.export_jobs_of(request.user)],
            "direct_max_rows": exports.direct_max_rows(),
            "keep_days": settings.EXPORT_KEEP_DAYS,
        },
        status=status,
    )


class ExportIndexView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The datasets to export, with the dashboard's filters, and one's own large exports."""

    permission_required = "projecten.export_figures"

    def get(self, request):
        form = _filter_form(request)
        return _index(request, form, status=200 if form.is_valid() else 400)


class ExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """One dataset in one format. Small: the file at once. Large: GET asks to confirm, POST
    starts the task (an export is work for the server: a link followed must not start it)."""

    permission_required = "projecten.export_figures"
    confirm_template = "projecten/dashboard/export_confirm.html"

    def _parse(self, request, dataset, file_format):
        if dataset not in exports.DATASETS or file_format not in ExportFormat.values:
            raise Http404
        return exports.DATASETS[dataset], _filter_form(request)

    def get(self, request, dataset, file_format):
        chosen, form = self._parse(request, dataset, file_format)
        if not form.is_valid():
            return _index(request, form, status=400)
        scope = form.scope()
        rows = chosen.count(scope)
        if rows <= exports.direct_max_rows():
            return exports.direct_response(chosen, file_format, scope)
        return render(
            request,
            self.confirm_template,
            {
                "dataset": chosen,
                "file_format": file_format,
                "format_label": ExportFormat(file_format).label,
                "rows": rows,
                "querystring": scope.querystring(),
            },
        )

    def post(self, request, dataset, file_format):
        chosen, form = self._parse(request, dataset, file_format)
        if not form.is_valid():
            return _index(request, form, status=400)

        def start() -> str:
            job = services.export_job_create(
                actor=request.user, dataset=chosen.name, file_format=file_format, scope=form.scope()
            )
            return reverse("dashboard:export-job", kwargs={"pk": job.pk})

        try:
            # A double click starts one export, not two (decision 0022).
            url = submit_once(request, start)
        except ProposalError as error:
            form.add_error(None, error)
            return _index(request, form, status=400)
        return redirect(url)


class _OwnJobMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """A job of one's own; anyone else's answers as one that does not exist."""

    permission_required = "projecten.view_export_job"

    def get_permission_object(self):
        if not hasattr(self, "_job"):
            self._job = selectors.export_job_of(self.request.user, self.kwargs["pk"])
            if self._job is None:
                raise Http404
        return self._job


class ExportJobView(_OwnJobMixin, View):
    """The progress of a large export. With JavaScript the progress renews in place until the
    file is ready (static/js/renew-status.js); without, a link shows it again."""

    template_name = "projecten/dashboard/export_job.html"

    def get(self, request, pk):
        job = self.get_permission_object()
        dataset = exports.DATASETS.get(job.dataset)
        return render(
            request,
            self.template_name,
            {
                "job": job,
                "dataset_label": dataset.label if dataset else job.dataset,
                "format_label": ExportFormat(job.file_format).label,
                # Never a <meta refresh>: reloading the page under the reader is a time
                # limit (WCAG 2.2.1); the script replaces only the status region.
                "renewing": not job.is_finished,
                "done": job.status == ExportStatus.DONE and bool(job.file_name),
                "failed": job.status == ExportStatus.FAILED,
                "keep_days": settings.EXPORT_KEEP_DAYS,
            },
        )


class ExportJobFileView(_OwnJobMixin, View):
    """The file of a finished export, for its owner only, from the private storage."""

    def get(self, request, pk):
        job = self.get_permission_object()
        if job.status != ExportStatus.DONE or not job.file_name:
            raise Http404
        storage = services.export_storage()
        if not storage.exists(job.file_name):
            raise Http404
        response = FileResponse(
            storage.open(job.file_name, "rb"),
            as_attachment=True,
            filename=job.file_name.rsplit("/", 1)[-1],
            content_type=exports.CONTENT_TYPES[job.file_format],
        )
        response["Cache-Control"] = "private, no-store"
        return response
