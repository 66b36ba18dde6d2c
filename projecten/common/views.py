"""What the views of every subject share: finding the proposal of the URL, then asking the
named permission on it."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from rules.contrib.views import PermissionRequiredMixin

from projecten.proposals.selectors import proposal_detail, proposals_visible_to


class ProposalPermissionMixin(PermissionRequiredMixin):
    """The proposal of the URL comes from what the user may see: anything else answers 404,
    so that a refusal never tells that a proposal exists. Then `permission_required` is asked
    on it: a visitor is sent to the login page, anyone else gets 403 when they see the
    proposal but may not do this. The view and its service ask the same name.

    `with_page_parts` fetches everything the proposal page shows (for views that render it).
    """

    with_page_parts = False
    # Send a visitor to the login page before looking the proposal up (pages of work); the
    # pages of taking part answer 404 first, as the proposal page itself does.
    login_first = True

    def dispatch(self, request, *args, **kwargs):
        if self.login_first and not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_proposal_queryset(self):
        visible = proposals_visible_to(self.request.user)
        if self.with_page_parts:
            return proposal_detail(queryset=visible, user=self.request.user)
        return visible.select_related("smederij", "submitter")

    def get_permission_object(self):
        if not hasattr(self, "_proposal"):
            self._proposal = get_object_or_404(self.get_proposal_queryset(), pk=self.kwargs["pk"])
        return self._proposal


class SmederijReachMixin:
    """Refusals never leak: to someone who has no tie to the Smederij of the object (does not
    live there, is not in its initiatiefgroep, its wijkteam or the stuurgroep: may not see
    its handed-in proposals), a page of work on it does not exist (404); someone in reach
    who may not do this gets 403, a visitor the login page. Put before the
    PermissionRequiredMixin; `get_reach_smederij` names the Smederij."""

    def get_reach_smederij(self):
        raise NotImplementedError

    def handle_no_permission(self):
        user = self.request.user
        if user.is_authenticated and not user.has_perm(
            "projecten.view_smederij_proposals", self.get_reach_smederij()
        ):
            raise Http404
        return super().handle_no_permission()
