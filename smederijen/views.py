from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView, TemplateView

from wijken.models import AreaKind

from . import navigation, selectors
from .areas.selectors import area_map, smederijen_for_map


class HomeView(TemplateView):
    """What the Smederijen are, what a visitor can do next, and every Smederij."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        # One query serves the lists and the map: the outlines come with the areas.
        smederijen = list(smederijen_for_map())
        grouped = selectors.smederijen_by_kind(smederijen)
        own = selectors.smederij_of_home(self.request.user)
        return super().get_context_data(
            wijken=grouped[AreaKind.WIJK],
            dorpen=grouped[AreaKind.DORP],
            area_map=area_map(smederijen),
            actions=navigation.home_actions(self.request.user, own_smederij=own),
            spending_link=navigation.spending_link(),
            **kwargs,
        )


class SmederijListView(ListView):
    template_name = "smederijen/smederij_list.html"
    context_object_name = "smederijen"

    def get_queryset(self):
        return selectors.smederijen_public()


class MyOverviewView(LoginRequiredMixin, TemplateView):
    """The person's hub: each role with the pages where its work waits."""

    template_name = "smederijen/my_overview.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        memberships = selectors.memberships_of(user)
        own = selectors.smederij_of_home(user)
        return super().get_context_data(
            memberships=memberships,
            own_smederij=navigation.smederij_jobs(user, [own])[0] if own else None,
            initiatiefgroepen=navigation.smederij_jobs(
                user, [m.smederij for m in memberships["initiatiefgroepen"]]
            ),
            coordinated=navigation.smederij_jobs(
                user, selectors.smederijen_coordinated_by(user).active()
            ),
            gebiedsregisseur_links=navigation.gebiedsregisseur_links(),
            export_menu_links=navigation.export_menu_links(user),
            pot_links=navigation.pot_links(user),
            figure_links=navigation.figure_links(
                user,
                {
                    m.wijkteam.pk: m.wijkteam
                    for m in [*memberships["wijkteams"], *memberships["gebiedsregisseur"]]
                }.values(),
            ),
            account_links=navigation.account_links(user),
            **kwargs,
        )
