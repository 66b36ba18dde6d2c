"""The dashboard pages: the programme, a wijkteam, one Smederij, and the annual report.

Each view parses the filters, asks the selectors once and hands the report's plain values
to the template (projecten/dashboard/report.py); permissions are the named ones of
projecten/dashboard/rules.py, on the wijkteam or the Smederij of the URL.
"""

from dataclasses import replace

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from budget.selectors import pots_by_year
from projecten.dashboard import report
from projecten.dashboard.forms import FigureFilterForm
from projecten.dashboard.scope import FigureScope
from projecten.dashboard.selectors import (
    dashboard_data,
    funded_projects,
    smederijen_for_figures,
)
from smederijen.areas.selectors import area_map
from smederijen.models import Smederij, Wijkteam


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
