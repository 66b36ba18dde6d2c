"""Pages of the wijkteam's review: the queue, taking a proposal up, advice, asking for changes,
and the gebiedsregisseur's choice of how each Smederij decides.

Thin: parse, call one service or selector, turn a domain error into a form
error or a message, redirect. A proposal the user may not see answers 404.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView
from rules.contrib.views import PermissionRequiredMixin

from projecten.common.views import ProposalPermissionMixin
from projecten.errors import ProposalError
from projecten.models import Advice, DecisionMethodKind, ProposalStatus
from projecten.review import selectors as selectors_review
from projecten.review.filters import ReviewQueueFilter
from projecten.review.forms import AdviceForm, DecisionMethodForm, RequestChangesForm
from projecten.review.services import (
    advice_give,
    decision_method_set,
    proposal_request_changes,
    proposal_start_review,
)
from projecten.workflow import OPEN_FOR_ADVICE, can_move
from smederijen.form_errors import add_service_errors
from smederijen.submissions import SubmitOnceMixin, submit_once


class ReviewQueueView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """The proposals of the Smederijen the user's wijkteam(s) cover, oldest first."""

    permission_required = "projecten.view_review_queue"
    template_name = "projecten/review/review_queue.html"
    context_object_name = "proposals"
    paginate_by = 25

    def get_queryset(self):
        # Always bound: an empty query means the default (the proposals waiting for the wijkteam).
        self.filterset = ReviewQueueFilter(
            self.request.GET,
            queryset=selectors_review.review_queue(self.request.user),
            request=self.request,
        )
        if not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter=self.filterset, **kwargs)
        counts = selectors_review.review_status_counts(self.request.user)
        context["status_counts"] = [
            (status, label, counts.get(status, 0))
            for status, label in ProposalStatus.choices
            if status in counts
        ]
        context["result_count"] = context["paginator"].count
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class ProposalStartReviewView(ProposalPermissionMixin, View):
    """Take a submitted proposal into review (a button on the proposal page)."""

    permission_required = "projecten.review_proposal"
    http_method_names = ["post"]

    def post(self, request, pk):
        proposal = self.get_permission_object()
        try:
            proposal_start_review(proposal=proposal, actor=request.user)
        except ProposalError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The proposal is now in review."))
        return redirect(proposal)


class AdviceGiveView(SubmitOnceMixin, ProposalPermissionMixin, View):
    """Give or change one's advice, with the four scores."""

    # Who advises; when (the window) the service says, with a message the page shows.
    permission_required = "projecten.advise_proposal"
    template_name = "projecten/review/advice_form.html"

    def _render(self, form, advice, status=200):
        proposal = self.get_permission_object()
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "form": form,
                "advice": advice,
                "open_for_advice": proposal.status in OPEN_FOR_ADVICE,
            },
            status=status,
        )

    def _own_advice(self):
        return Advice.objects.filter(
            proposal=self.get_permission_object(), professional=self.request.user
        ).first()

    def get(self, request, pk):
        advice = self._own_advice()
        return self._render(AdviceForm.for_advice(advice), advice)

    def post(self, request, pk):
        advice = self._own_advice()
        form = AdviceForm.for_advice(advice, request.POST)
        if not form.is_valid():
            return self._render(form, advice, status=400)
        try:
            url = submit_once(request, lambda: self._give(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(form, advice, status=400)
        if advice is None:
            messages.success(request, _("Thank you: your advice is recorded."))
        else:
            messages.success(request, _("Your advice is changed."))
        return redirect(url)

    def _give(self, data) -> str:
        proposal = self.get_permission_object()
        advice_give(proposal=proposal, actor=self.request.user, **data)
        return proposal.get_absolute_url()


class RequestChangesView(ProposalPermissionMixin, View):
    """Send the proposal back to its submitter with a message."""

    permission_required = "projecten.review_proposal"
    template_name = "projecten/review/request_changes.html"

    def _render(self, form, status=200):
        proposal = self.get_permission_object()
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "form": form,
                "can_send_back": can_move(proposal.status, "request_changes"),
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(RequestChangesForm())

    def post(self, request, pk):
        form = RequestChangesForm(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            proposal_request_changes(
                proposal=self.get_permission_object(),
                actor=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(form, status=400)
        messages.success(
            request, _("The proposal is sent back to the submitter with your message.")
        )
        return redirect(self.get_permission_object())


class DecisionMethodView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The gebiedsregisseur's Smederijen with how each decides per year, and a form to change it."""

    permission_required = "projecten.view_decision_methods"
    template_name = "projecten/review/decision_methods.html"

    def _render(self, status=200, failed=None):
        years = selectors_review.decision_method_years()
        return render(
            self.request,
            self.template_name,
            {
                "rows": selectors_review.decision_methods_for(self.request.user, years=years),
                "years": years,
                "methods": DecisionMethodKind.choices,
                "failed": failed,
            },
            status=status,
        )

    def get(self, request):
        return self._render()

    def post(self, request):
        form = DecisionMethodForm(request.POST)
        if not form.is_valid():
            return self._render(status=400, failed=form)
        smederij = get_object_or_404(
            selectors_review.smederijen_coordinated_by(request.user),
            pk=form.cleaned_data["smederij"],
        )
        try:
            method = decision_method_set(
                smederij=smederij,
                year=form.cleaned_data["year"],
                method=form.cleaned_data["method"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(status=400, failed=form)
        messages.success(
            request,
            _("Smederij %(smederij)s decides in %(year)s by %(method)s.")
            % {
                "smederij": smederij.name,
                "year": method.year,
                "method": method.get_method_display(),
            },
        )
        return redirect("projecten:decision-methods")
