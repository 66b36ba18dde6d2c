"""Pages of the resident's journey with a proposal. Thin: parse, call a service, render."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView
from rules.contrib.views import PermissionRequiredMixin

from .. import selectors, services
from ..forms import (
    BudgetLineFormSet,
    CoFundingFormSet,
    ProposalForm,
    WithdrawForm,
    budget_lines_from,
    co_funding_from,
)
from ..models import Attachment, Proposal
from ..workflow import EDITABLE_STATUSES


class VisibleProposalMixin:
    """Only proposals the user may see exist for them: anything else answers 404."""

    def get_queryset(self):
        return selectors.proposal_detail(queryset=selectors.proposals_visible_to(self.request.user))


def _initial_lines(proposal: Proposal | None) -> tuple[list[dict], list[dict]]:
    if proposal is None:
        return [], []
    lines = [
        {"description": b.description, "amount": b.amount} for b in proposal.budget_lines.all()
    ]
    sources = [
        {"kind": c.kind, "source": c.source, "amount": c.amount, "status": c.status}
        for c in proposal.co_funding.all()
    ]
    return lines, sources


def _apply_submission_errors(error: ValidationError, form, budget_formset) -> None:
    """Show the service's reasons beside the fields they are about."""
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            if field == "budget_lines":
                budget_formset.non_form_errors_list.append(message)
            elif field in form.fields:
                form.add_error(field, message)
            else:
                form.add_error(None, message)


class ProposalFormView(LoginRequiredMixin, View):
    """Create or edit a proposal: save it as a draft, or submit it in one go.

    The draft is saved first, so that a submission that is not complete yet
    loses nothing of what was typed: the resident sees what is missing beside
    the fields, and the draft is there when they come back.
    """

    template_name = "projecten/proposal_form.html"

    def get_proposal(self) -> Proposal | None:
        return None

    def _forms(self, proposal, data=None):
        lines, sources = _initial_lines(proposal)
        form = ProposalForm(data, instance=proposal, user=self.request.user)
        budget_formset = BudgetLineFormSet(data, prefix="lines", initial=lines)
        co_funding_formset = CoFundingFormSet(data, prefix="cofunding", initial=sources)
        budget_formset.non_form_errors_list = []
        return form, budget_formset, co_funding_formset

    def _render(self, proposal, form, budget_formset, co_funding_formset, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "form": form,
                "budget_formset": budget_formset,
                "co_funding_formset": co_funding_formset,
                "smederij": proposal.smederij if proposal else self.smederij,
            },
            status=status,
        )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.proposal = self.get_proposal()
        if self.proposal is None:
            area = request.user.home_area
            if area is None or not hasattr(area, "smederij"):
                messages.info(
                    request, _("Choose your area first: your postcode decides your Smederij.")
                )
                return redirect("smederijen:my-overview")
            self.smederij = area.smederij
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self._render(self.proposal, *self._forms(self.proposal))

    def post(self, request, *args, **kwargs):
        form, budget_formset, co_funding_formset = self._forms(self.proposal, request.POST)
        valid = all([form.is_valid(), budget_formset.is_valid(), co_funding_formset.is_valid()])
        if not valid:
            return self._render(self.proposal, form, budget_formset, co_funding_formset, 400)
        arguments = {
            "fields": form.fields_for_service(),
            "budget_lines": budget_lines_from(budget_formset),
            "co_funding": co_funding_from(co_funding_formset),
            "group": form.cleaned_data.get("group"),
        }
        try:
            if self.proposal is None:
                proposal = services.proposal_create_draft(submitter=request.user, **arguments)
            else:
                proposal = services.proposal_update(
                    proposal=self.proposal, actor=request.user, **arguments
                )
        except ValidationError as error:
            _apply_submission_errors(error, form, budget_formset)
            return self._render(self.proposal, form, budget_formset, co_funding_formset, 400)
        if "submit" not in request.POST:
            messages.success(
                request, _("Your proposal is saved. You can submit it when it is complete.")
            )
            return redirect(proposal)
        try:
            services.proposal_submit(proposal=proposal, actor=request.user)
        except PermissionDenied:
            messages.warning(
                request,
                _(
                    "Your proposal is saved as a draft. Confirm your email address first; then you can submit it."
                ),
            )
            return redirect(proposal)
        except ValidationError as error:
            form, budget_formset, co_funding_formset = self._forms(proposal, request.POST)
            for bound in (form, budget_formset, co_funding_formset):
                bound.is_valid()
            _apply_submission_errors(error, form, budget_formset)
            messages.warning(
                request,
                _(
                    "Your proposal is saved as a draft, but it cannot be submitted yet. See what is missing below."
                ),
            )
            return self._render(proposal, form, budget_formset, co_funding_formset, 400)
        messages.success(request, _("Your proposal is submitted. The wijkteam will look at it."))
        return redirect(proposal)


class ProposalCreateView(ProposalFormView):
    pass


class ProposalUpdateView(ProposalFormView):
    def get_proposal(self):
        proposal = get_object_or_404(
            selectors.proposal_detail(queryset=selectors.proposals_visible_to(self.request.user)),
            pk=self.kwargs["pk"],
        )
        if not self.request.user.has_perm("projecten.change_proposal", proposal):
            raise PermissionDenied
        return proposal


class ProposalDetailView(VisibleProposalMixin, DetailView):
    template_name = "projecten/proposal_detail.html"
    context_object_name = "proposal"

    def get_context_data(self, **kwargs):
        proposal = self.object
        user = self.request.user
        private = user.has_perm("projecten.view_private_parts", proposal)
        attachments = [
            a for a in proposal.attachments.all() if private or (a.is_image and a.publish_consent)
        ]
        return super().get_context_data(
            attachments=attachments,
            can_edit=proposal.status in EDITABLE_STATUSES
            and user.has_perm("projecten.change_proposal", proposal),
            can_withdraw=user.has_perm("projecten.withdraw_proposal", proposal),
            **kwargs,
        )


class ProposalWithdrawView(LoginRequiredMixin, PermissionRequiredMixin, VisibleProposalMixin, View):
    permission_required = "projecten.withdraw_proposal"
    template_name = "projecten/proposal_withdraw.html"

    def get_permission_object(self):
        if not hasattr(self, "_proposal"):
            self._proposal = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._proposal

    def get(self, request, pk):
        return render(
            request,
            self.template_name,
            {"proposal": self.get_permission_object(), "form": WithdrawForm()},
        )

    def post(self, request, pk):
        proposal = self.get_permission_object()
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            return render(
                request, self.template_name, {"proposal": proposal, "form": form}, status=400
            )
        services.proposal_withdraw(
            proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Your proposal is withdrawn."))
        return redirect(proposal)


class MyProposalsView(LoginRequiredMixin, ListView):
    template_name = "projecten/my_proposals.html"
    context_object_name = "proposals"

    def get_queryset(self):
        return selectors.proposals_of_submitter(self.request.user)


class AttachmentDownloadView(View):
    """Files are served only after the same check as the page they belong to."""

    def get(self, request, pk):
        attachment = get_object_or_404(
            Attachment.objects.select_related("proposal"),
            pk=pk,
            proposal__in=selectors.proposals_visible_to(request.user),
        )
        public = attachment.is_image and attachment.publish_consent
        if not public and not request.user.has_perm(
            "projecten.view_private_parts", attachment.proposal
        ):
            raise Http404
        response = FileResponse(
            attachment.file.open("rb"),
            content_type=attachment.content_type,
            as_attachment=not attachment.is_image,
            filename=attachment.original_name,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
