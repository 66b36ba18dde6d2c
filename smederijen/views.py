from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView, TemplateView

from wijken.models import AreaKind

from . import selectors


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        grouped = selectors.smederijen_by_kind()
        return super().get_context_data(
            wijken=grouped[AreaKind.WIJK], dorpen=grouped[AreaKind.DORP], **kwargs
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
