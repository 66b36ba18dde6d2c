"""The dashboard pages: the programme, a wijkteam, one Smederij, and the annual report.

Each view parses the filters, asks the selectors once and hands the report's plain values
to the template (projecten/dashboard/report.py); permissions are the named ones of
projecten/dashboard/rules.py, on the wijkteam or the Smederij of the URL.
"""

from dataclasses import replace

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from budget.selectors import pots_by_year
from projecten.dashboard import exports, report, selectors, services
from projecten.dashboard.forms import FigureFilterForm
from projecten.dashboard.scope import FigureScope
from projecten.dashboard.selectors import (
    dashboard_data,
    funded_projects,
    smederijen_for_figures,
)
from projecten.errors import ProposalError
from projecten.models import ExportFormat, ExportStatus
from smederijen.areas.selectors import area_map
from smederijen.models import Smederij, Wijkteam
from smederijen.submissions import submit_once


class _FiguresView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    template_name = "projecten/dashboard/dashboard.html"
    level = "programme"
    raise_exception = False

    def get_smederij(self) -> Smederij | None:
        return None

    def get_wijkteam(self) -> Wijkteam | None:
        return None

    def title(self) -> str:
        raise NotImplementedError

    def get_scope(self, years, smederijen) -> tuple[FigureFilterForm, FigureScope]:
        form = FigureFilterForm(self.request.GET, years=years, smederij=self.get_smederij())
        if "wijkteam" in form.fields:
            # The wijkteams from the Smederijen already read: no query to list them.
            teams = {s.wijkteam_id: s.wijkteam for s in smederijen}
            form.fields["wijkteam"].choices = [
                ("", form.fields["wijkteam"].empty_label),
                *((t.pk, t.name) for t in sorted(teams.values(), key=lambda t: t.name)),
            ]
        scope = form.scope()
        wijkteam = self.get_wijkteam()
        if wijkteam is not None:
            scope = replace(scope, wijkteam_id=wijkteam.pk)
            del form.fields["wijkteam"]
        return form, scope

    def get_context_data(self, **kwargs):
        # The pots name the years the form offers and the Smederijen its wijkteams (a query
        # each); then the figures follow.
        pots = pots_by_year()
        smederijen = smederijen_for_figures()
        form, scope = self.get_scope(years=sorted(pots, reverse=True), smederijen=smederijen)
        data = dashboard_data(scope=scope, pots=pots, smederijen=smederijen)
        page_url = self.request.path
        choropleth = (
            report.choropleth(data, measure=self.request.GET.get("kaart", ""), page_url=page_url)
            if self.level != "smederij"
            else None
        )
        return super().get_context_data(
            title=self.title(),
            level=self.level,
            form=form,
            scope=scope,
            data=data,
            sections=report.dashboard_sections(data, page_url=page_url, level=self.level),
            choropleth=choropleth,
            area_map=area_map(
                data.smederijen,
                values=choropleth.values,
                legend=choropleth.legend,
                names=choropleth.names,
                title=choropleth.title,
            )
            if choropleth
            else None,
            report_url=self.report_url(scope),
            # The same figures as files, with the same filters (decision 0035).
            export_links=exports.export_links(scope)
            if self.request.user.has_perm("projecten.export_figures")
            else [],
            **kwargs,
        )

    def report_url(self, scope) -> str:
        return ""


class DashboardView(_FiguresView):
    """Every Smederij and year, for the stuurgroep and the functional administrators."""

    permission_required = "projecten.view_dashboard"

    def title(self):
        return _("Figures of the Smederijen")

    def report_url(self, scope):
        if scope.year is None:
            return ""
        return reverse("dashboard:annual-report", kwargs={"year": scope.year})


class WijkteamFiguresView(_FiguresView):
    permission_required = "projecten.view_wijkteam_figures"
    level = "wijkteam"

    def get_wijkteam(self):
        if not hasattr(self, "_wijkteam"):
            self._wijkteam = get_object_or_404(Wijkteam, slug=self.kwargs["slug"])
        return self._wijkteam

    def get_permission_object(self):
        return self.get_wijkteam()

    def title(self):
        return _("Figures of wijkteam %(name)s") % {"name": self.get_wijkteam().name}


class SmederijFiguresView(_FiguresView):
    permission_required = "projecten.view_smederij_figures"
    level = "smederij"

    def get_smederij(self):
        if not hasattr(self, "_smederij"):
            self._smederij = get_object_or_404(
                Smederij.objects.select_related("wijkteam", "area"), slug=self.kwargs["slug"]
            )
        return self._smederij

    def get_permission_object(self):
        return self.get_smederij()

    def title(self):
        return _("Figures of Smederij %(name)s") % {"name": self.get_smederij().name}


class AnnualReportView(DashboardView):
    """The dashboard of one year as a report to print: every figure and table, the map and
    the list of funded projects, without the filters (static/css/print.css)."""

    template_name = "projecten/dashboard/annual_report.html"

    def get_scope(self, years, smederijen):
        form, scope = super().get_scope(years, smederijen)
        return form, scope.with_year(self.kwargs["year"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.kwargs["year"] not in context["data"].years:
            raise Http404
        context["projects"] = list(funded_projects(scope=context["scope"]))
        context["title"] = _("Annual report %(year)s") % {"year": self.kwargs["year"]}
        return context


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
