from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView, TemplateView

from wijken.models import AreaKind

from . import selectors
from .areas.selectors import area_map, smederijen_for_map


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        # One query serves the lists and the map: the outlines come with the areas.
        smederijen = list(smederijen_for_map())
        grouped = selectors.smederijen_by_kind(smederijen)
        return super().get_context_data(
            wijken=grouped[AreaKind.WIJK],
            dorpen=grouped[AreaKind.DORP],
            area_map=area_map(smederijen),
            **kwargs,
        )


class SmederijListView(ListView):
    template_name = "smederijen/smederij_list.html"
    context_object_name = "smederijen"

    def get_queryset(self):
        return selectors.smederijen_public()


class MyOverviewView(LoginRequiredMixin, TemplateView):
    template_name = "smederijen/my_overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=selectors.memberships_of(self.request.user), **kwargs
        )
