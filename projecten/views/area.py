"""The proposals handed in to a Smederij, for the people of the area and those who work for it."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import ListView
from rules.contrib.views import PermissionRequiredMixin

from smederijen.models import Smederij

from .. import selectors
from ..filters import SmederijProposalFilter


class SmederijProposalsView(PermissionRequiredMixin, ListView):
    """Filtered and paginated; someone without access to the Smederij's proposals gets 404."""

    permission_required = "smederijen.view_smederij_proposals"
    template_name = "projecten/smederij_proposals.html"
    context_object_name = "proposals"
    paginate_by = 20

    def get_permission_object(self):
        if not hasattr(self, "smederij"):
            self.smederij = get_object_or_404(
                Smederij.objects.active().select_related("area", "wijkteam"),
                slug=self.kwargs["slug"],
            )
        return self.smederij

    def handle_no_permission(self):
        # A visitor may be a resident who is not logged in yet; anyone else learns nothing.
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        raise Http404

    def get_queryset(self):
        user = self.request.user
        self.filterset = SmederijProposalFilter(
            self.request.GET or None,
            queryset=selectors.smederij_proposals(user=user, smederij=self.smederij),
            years=selectors.smederij_proposal_years(user=user, smederij=self.smederij),
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            # A value that is not a choice (a hand-made URL) shows its error, not everything.
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(smederij=self.smederij, filter=self.filterset, **kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        # The paginator counted once already (a cached property): no second COUNT query.
        context["result_count"] = context["paginator"].count
        context["query_without_page"] = query.urlencode()
        return context
